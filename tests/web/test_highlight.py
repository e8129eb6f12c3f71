"""Pure HTML helpers: escaping first, then markup; German search folding."""

from __future__ import annotations

from zitat.web.charts import month_bars
from zitat.web.highlight import Mark, highlight, mark_terms


def test_overlapping_marks_give_well_formed_escaped_html():
    text = "Sie sagte: <Ja> & mehr"
    html = str(highlight(text, [Mark(0, 9, "speaker", "Sprecher: Sie"),
                                Mark(4, 22, "quote", 'Zitat "x"')]))
    assert "<Ja>" not in html and "&lt;Ja&gt; &amp; mehr" in html
    assert html.count("<span") == html.count("</span>") == 3
    # the overlap carries both classes (legend order) and both hover texts
    assert '<span class="a-quote a-speaker" title="Sprecher: Sie · Zitat &#34;x&#34;">sagte' in html
    assert "Zitat &#34;x&#34;" in html


def test_search_terms_marked_with_german_folding():
    html = str(mark_terms("Die Straßenbahn der Rentenversicherung & <Müller>", "strasse muller"))
    assert "<mark>Straße</mark>nbahn" in html
    assert "&lt;<mark>Müller</mark>&gt;" in html
    assert "&amp;" in html


def test_month_chart_fills_gaps_and_escapes_label():
    svg = str(month_bars({"2022-01": 2, "2022-03": 1}, label="<Zitate>"))
    assert svg.count("<rect") == 3  # January, February (empty), March
    assert "&lt;Zitate&gt;" in svg and "<Zitate>" not in svg
