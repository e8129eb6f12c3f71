"""The one report of ingest, load and batch runs."""

from zitat.reports import RunReport


def test_reasons_are_grouped_by_their_head_and_ranked():
    report = RunReport()
    report.count_reason("malformed JSON: Expecting value at column 1")
    report.count_reason("malformed JSON: Unterminated string at column 9")
    report.count_reason("empty article text")
    report.count_reason("missing or empty 'text' field", n=3)
    assert report.reasons == {"malformed JSON": 2, "empty article text": 1,
                              "missing or empty 'text' field": 3}
    assert report.reason_lines() == [
        "  3 × missing or empty 'text' field", "  2 × malformed JSON", "  1 × empty article text",
    ]


def test_rate_is_records_per_second_and_zero_before_timing():
    assert RunReport(read=10).rate == 0.0
    assert RunReport(read=10, seconds=4.0).rate == 2.5
