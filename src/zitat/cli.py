"""The ``zitat`` command: parse options, call the library, print. Nothing else lives here.

Modules that pull in spaCy, FastAPI, Spark or SciPy (analysis, jobs, web, scale, eval) are
imported inside the commands that need them, so that ``zitat --help`` and the store
commands start in a fraction of a second.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel, ValidationError
from rich.table import Table

from zitat import __version__
from zitat.errors import StoreError, ZitatError
from zitat.ingest import FORMATS, Columns, read_inputs
from zitat.ingest.registry import detected_formats
from zitat.render import (
    QUOTE_ROW_FIELDS,
    article_quote_rows,
    article_quotes_table,
    console,
    groups_table,
    profile_text,
    quotes_table,
    shares_csv,
    shares_text,
    speakers_table,
    stats_text,
    summary_text,
    to_csv,
    to_json,
    to_jsonl,
)
from zitat.reports import RunReport
from zitat.schema import Rejected, normalize_date
from zitat.settings import Settings, SettingsError, get_settings
from zitat.store import SearchQuery, Store, open_store
from zitat.store.clusters import GROUP_FETCH, group_hits
from zitat.store.records import QuoteHit, SpeakerSummary
from zitat.store.records import quote_type as quote_type_name
from zitat.store.shares import DIMENSIONS, ShareQuery

app = typer.Typer(
    name="zitat",
    help=(
        "Who said what, to whom, when and where: quotations, speakers, times and places "
        "from German news articles."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Score zitat against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

log = logging.getLogger("zitat")


class Output(str, Enum):
    """What every command that prints records offers with ``--format``."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


#: ``--input-format`` choices: ``auto`` and every reader of zitat.ingest.registry
InputFormat = Enum("InputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


# Shared options keep flags and help texts identical across commands.
InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (read recursively by extension), http(s) URLs, or - for stdin.",
        show_default=False,
    ),
]
def _date_option(value: str | None) -> str | None:
    """A date option in ISO or German notation (03.11.2023, 11.2023), as ISO; else exit 2."""
    if value is None or not value.strip():
        return None
    try:
        return normalize_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad record.")
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", callback=_date_option,
        help="Date (YYYY, YYYY-MM, YYYY-MM-DD, TT.MM.JJJJ or MM.JJJJ) for articles that "
        "carry none; relative dates are resolved against it, never more precisely than it is.",
    ),
]
FormatInOpt = Annotated[
    InputFormat,
    typer.Option(
        "--input-format", "-f",
        help=f"Input format; auto detects {detected_formats()}.",
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", "-j", min=0,
        help="Processes to analyse in: 0 = one per CPU (at most 4), 1 = this process only "
        "(default: $ZITAT_WORKERS or 0). Output order and results do not depend on it.",
    ),
]
DbOpt = Annotated[
    str,
    typer.Option(
        "--db",
        help="Store: a SQLite file path or a postgresql:// URL (default: $ZITAT_DB or zitat.db).",
    ),
]
OutputOpt = Annotated[
    Output,
    typer.Option(
        "--format",
        help="table: for reading (terminal width, colour on a terminal); jsonl: one JSON "
        "record per line; json: one JSON document; csv: a header row, then one row per record.",
    ),
]
ExcelOpt = Annotated[
    bool,
    typer.Option("--excel", help="With --format csv: ';' as separator and a UTF-8 byte order "
                                 "mark, as German spreadsheet programs expect."),
]
FullOpt = Annotated[
    bool,
    typer.Option("--full", help="With --format table: print quotes whole (wrapped) instead of "
                                "one line cut to the terminal width."),
]
AnyLanguageOpt = Annotated[
    bool,
    typer.Option("--any-language",
                 help="Analyse articles that are not in German too (by default they are "
                      "rejected with the language found: zitat's models read German only)."),
]
TextColumnOpt = Annotated[
    str, typer.Option("--text-column", help="CSV input: the column holding the article text.")
]
DateColumnOpt = Annotated[
    str, typer.Option("--date-column", help="CSV input: the column holding the date "
                                            "(ISO or TT.MM.JJJJ; empty: none).")
]
TitleColumnOpt = Annotated[
    str, typer.Option("--title-column", help="CSV input: the column holding the title "
                                             "(empty: none).")
]


def _columns(text: str, date: str, title: str) -> Columns:
    return Columns(text=text, date=date or None, title=title or None)


ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Maximum number of rows.")]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option("--min-confidence", min=0.0, max=1.0,
                 help="Only quotes whose confidence (the probability that quote and speaker "
                      "are right) is at least this, e.g. 0.5."),
]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def _settings() -> Settings:
    """The ``ZITAT_*`` settings, or exit 2 naming the variable that is wrong."""
    try:
        return get_settings()
    except SettingsError as exc:
        raise _fail(str(exc), 2) from None


def _open(db: str, readonly: bool = True) -> Store:
    try:
        return open_store(db or _settings().db, readonly=readonly, create=not readonly)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _check_output(output: Output, excel: bool = False, full: bool = False) -> None:
    """Options that only mean something with one format are refused with the others."""
    if excel and output is not Output.csv:
        raise _fail("--excel goes with --format csv", 2)
    if full and output is not Output.table:
        raise _fail("--full goes with --format table", 2)


def _emit(
    records: Sequence[BaseModel] | BaseModel,
    output: Output,
    table: Table | str,
    *,
    excel: bool = False,
    fields: Sequence[str] = (),
) -> None:
    """Print records in the chosen format; ``table`` is what ``--format table`` shows."""
    if output is Output.jsonl:
        typer.echo(to_jsonl(records), nl=False)
    elif output is Output.json:
        typer.echo(to_json(records))
    elif output is Output.csv:
        typer.echo(to_csv(records, excel=excel, fields=fields), nl=False)
    else:
        console().print(table)


def _exit_on_rejects(report: RunReport, where: str) -> None:
    """After a run that rejected records: the reasons, where the records are, exit code 1."""
    if report.rejected:
        for line in report.reason_lines():
            typer.echo(line, err=True)
        typer.echo(where, err=True)
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zitat {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    _setup_logging(verbose)


@app.command()
def analyze(
    inputs: InputsArg,
    date: DateOpt = None,
    input_format: FormatInOpt = InputFormat.auto,  # type: ignore[attr-defined]
    output: Annotated[
        Output,
        typer.Option(
            "--format",
            help="jsonl: one Article JSON per line (the data contract); json: a JSON list; "
            "table: the quotes of each article; csv: one row per quote.",
        ),
    ] = Output.jsonl,
    excel: ExcelOpt = False,
    full: FullOpt = False,
    strict: StrictOpt = False,
    workers: WorkersOpt = None,
    any_language: AnyLanguageOpt = False,
    text_column: TextColumnOpt = "text",
    date_column: DateColumnOpt = "date",
    title_column: TitleColumnOpt = "title",
) -> None:
    """Analyse articles and print the results without storing them."""
    from zitat.analysis import analyze_many

    _check_output(output, excel, full)
    rejected = 0
    collected = []
    rows: list[dict[str, object]] = []
    settings = _settings()
    jobs = settings.workers if workers is None else workers
    records = read_inputs(inputs, fmt=input_format.value, date=date, any_language=any_language,
                          columns=_columns(text_column, date_column, title_column))
    for item in analyze_many(records, batch_size=settings.batch_size, workers=jobs):
        if isinstance(item, Rejected):
            rejected += 1
            typer.echo(f"{item.origin or '<input>'}: {item.reason}", err=True)
            if strict:
                raise typer.Exit(2)
            continue
        if output is Output.jsonl:
            typer.echo(item.to_json())
        elif output is Output.table:
            console().print(article_quotes_table(item, full=full))
        elif output is Output.csv:
            rows += article_quote_rows(item)
        else:
            collected.append(item.to_dict())
    if output is Output.json:
        typer.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    elif output is Output.csv:
        typer.echo(to_csv(rows, excel=excel, fields=QUOTE_ROW_FIELDS), nl=False)
    if rejected:
        typer.echo(f"{rejected} record(s) rejected", err=True)
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: InputsArg,
    db: DbOpt = "",
    date: DateOpt = None,
    input_format: FormatInOpt = InputFormat.auto,  # type: ignore[attr-defined]
    batch_size: Annotated[
        int | None,
        typer.Option("--batch-size", min=1,
                     help="Articles per transaction (default: $ZITAT_BATCH_SIZE or 32)."),
    ] = None,
    strict: StrictOpt = False,
    progress: ProgressOpt = None,
    workers: WorkersOpt = None,
    any_language: AnyLanguageOpt = False,
    text_column: TextColumnOpt = "text",
    date_column: DateColumnOpt = "date",
    title_column: TitleColumnOpt = "title",
) -> None:
    """Analyse articles and store them; re-running skips what is already stored.

    Rejected records are reported as file:line: reason, counted in the summary and written
    to DB.rejects.jsonl; the exit code is 1 when any record was rejected.
    """
    from zitat.jobs import StrictModeError
    from zitat.jobs import ingest as run_ingest

    settings = _settings()
    db = db or settings.db
    store = _open(db, readonly=False)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = run_ingest(
            inputs, store, db_path=db, fmt=input_format.value, date=date,
            batch_size=batch_size or settings.batch_size, strict=strict, progress=show,
            workers=settings.workers if workers is None else workers,
            any_language=any_language, columns=_columns(text_column, date_column, title_column),
        )
    except StrictModeError:
        raise _fail("stopped at the first rejected record (--strict)", 2) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; stored batches are complete, run again to finish", 130) from None
    finally:
        store.close()
    typer.echo(
        f"{report.read} read, {report.added} added, {report.skipped} already stored, "
        f"{report.rejected} rejected, {report.quotes} quotes "
        f"({report.rate:.1f} articles/s) → {db}",
        err=True,
    )
    _exit_on_rejects(report, f"rejected records written to {report.rejects_file}")


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="A file of feed and page URLs, one per line "
                                               "(# comments allowed).")],
    db: DbOpt = "",
    interval: Annotated[
        float, typer.Option("--interval", min=1.0, help="Seconds between polls of a feed.")
    ] = 900.0,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", min=1, help="Stop after this many rounds.")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="One round, then stop.")] = False,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = None,
) -> None:
    """Poll RSS/Atom feeds and pages, store new articles; SIGINT/SIGTERM stop cleanly.

    Conditional requests (ETag, Last-Modified), back-off per failing feed, articles
    deduplicated by URL and text; the state lives in the store, so a restart resumes.
    """
    # imported here: the pipeline and the feed machinery load only for this command
    from zitat.watch import Watcher, read_feed_list

    settings = get_settings()
    db = db or settings.db
    try:
        urls = read_feed_list(feeds)
    except (OSError, ZitatError) as exc:
        raise _fail(str(exc), 2) from None
    if not urls:
        raise _fail(f"{feeds}: no URLs", 2)
    store = _open(db, readonly=False)
    try:
        watcher = Watcher(store, urls, interval=interval,
                          batch_size=batch_size or settings.batch_size)
        report = watcher.run(max_polls=max_polls, once=once)
    finally:
        store.close()
    run = report.run
    typer.echo(
        f"{report.polls} poll(s), {report.not_modified} not modified, {report.errors} "
        f"error(s); {run.added} added, {run.skipped} already stored, {run.rejected} "
        f"rejected → {db}",
        err=True,
    )


@app.command()
def recluster(db: DbOpt = "") -> None:
    """Rebuild wire-copy links and statement clusters of a store (one written before they
    existed, or after their rules changed); new articles are clustered on ingest."""
    db = db or get_settings().db
    store = _open(db, readonly=False)
    try:
        n = store.recluster()
    finally:
        store.close()
    typer.echo(f"{n} articles clustered → {db}", err=True)


@app.command()
def search(
    text: Annotated[
        str | None,
        typer.Argument(
            help="Words to find in quotes (case, umlauts and ß fold; parts of compounds match)."
        ),
    ] = None,
    db: DbOpt = "",
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Speaker name or any known variant.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", callback=_date_option,
                                  help="Articles dated on/after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", callback=_date_option,
                                  help="Articles dated on/before this date.")
    ] = None,
    quote_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="Direct, Indirect, FreeIndirect, IndirectFreeIndirect or Reported (any case).",
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only articles mentioning this place.")
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about", callback=_date_option,
            help="Only quotes near a time expression that falls in this date "
            "(the time talked about, not the article date).",
        ),
    ] = None,
    min_confidence: MinConfidenceOpt = None,
    limit: LimitOpt = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows.")] = 0,
    output: OutputOpt = Output.table,
    excel: ExcelOpt = False,
    full: FullOpt = False,
    group: Annotated[
        bool, typer.Option("--group", help="One entry per statement (its versions in other "
                                           "articles and outlets grouped under it).")
    ] = False,
) -> None:
    """Search quotes, newest first (dates as YYYY[-MM[-DD]] or TT.MM.JJJJ)."""
    _check_output(output, excel, full)
    if quote_type:
        try:
            quote_type = quote_type_name(quote_type)
        except ValueError as exc:
            raise _fail(f"--type: {exc}", 2) from None
    query = SearchQuery(text=text, speaker=speaker, since=since, until=until, type=quote_type,
                        place=place, about=about, min_confidence=min_confidence,
                        limit=limit, offset=offset)
    store = _open(db)
    if group:  # a group gathers several hits of one statement: fetch more
        wide = query.model_copy(update={"limit": limit * GROUP_FETCH,
                                        "offset": offset * GROUP_FETCH})
        groups = group_hits(store.search(wide), limit)
        if output is Output.csv:
            _emit([h for g in groups for h in g.hits], output, "", excel=excel,
                  fields=list(QuoteHit.model_fields))
        else:
            _emit(groups, output,
                  groups_table(groups, title=f"{len(groups)} statement(s)", full=full))
        return
    hits = store.search(query)
    total = store.count(query) if output is Output.table else len(hits)
    first = offset + 1 if hits else 0
    title = f"{first}–{offset + len(hits)} of {total} quote(s)"
    table = quotes_table(hits, title=title, full=full, width=console().width)
    _emit(hits, output, table, excel=excel,
          fields=list(QuoteHit.model_fields))


def _speaker_or_exit(store: Store, name: str) -> int:
    """The id of the one speaker ``name`` means; exit 1 for none, 2 listing the candidates."""
    candidates = store.speaker_candidates(name)
    if not candidates:
        raise _fail(f"no speaker matches {name!r}; try `zitat speakers`")
    if len(candidates) > 1:
        typer.echo(f"Error: {name!r} is ambiguous; {len(candidates)} speakers match:", err=True)
        for c in candidates:
            roles = f" ({', '.join(c.roles[:2])})" if c.roles else ""
            typer.echo(f"  {c.id:>6}  {c.name}{roles}: {c.quotes} quote(s)", err=True)
        typer.echo("Give the full name or the id, e.g. `zitat speaker "
                   f"{candidates[0].id}`.", err=True)
        raise typer.Exit(2)
    return candidates[0].id


@app.command()
def speakers(
    db: DbOpt = "", limit: LimitOpt = 30, output: OutputOpt = Output.table,
    excel: ExcelOpt = False,
) -> None:
    """Speakers ranked by number of quotes, with roles and first/last date."""
    _check_output(output, excel)
    rows = _open(db).speakers(limit=limit)
    _emit(rows, output, speakers_table(rows), excel=excel,
          fields=list(SpeakerSummary.model_fields))


@app.command()
def speaker(
    name: Annotated[str, typer.Argument(help="Name, variant (e.g. a surname) or numeric id.")],
    db: DbOpt = "",
    min_confidence: MinConfidenceOpt = None,
    output: OutputOpt = Output.table,
    excel: ExcelOpt = False,
    full: FullOpt = False,
) -> None:
    """Profile of one speaker: variants, roles with dates, quotes per month, latest quotes.

    A name that fits several speakers (a surname) lists them and exits with code 2.
    """
    _check_output(output, excel, full)
    store = _open(db)
    profile = store.speaker(_speaker_or_exit(store, name), min_confidence=min_confidence)
    if profile is None:
        raise _fail(f"no speaker matches {name!r}; try `zitat speakers`")
    if output is Output.table:
        typer.echo(profile_text(profile))
        if profile.uncertain:
            typer.echo(f"{profile.uncertain} less confident attribution(s) left out "
                       f"(confidence < {profile.min_confidence:g}).")
        out = console()
        out.print(quotes_table(profile.latest, title="Latest quotes", full=full, width=out.width))
    else:
        _emit(profile, output, "", excel=excel)


@app.command()
def article(
    article_id: Annotated[
        str, typer.Argument(help="Article id, or its first characters as tables show them.")
    ],
    db: DbOpt = "",
    output: OutputOpt = Output.table,
    excel: ExcelOpt = False,
    full: FullOpt = False,
) -> None:
    """One stored article: its quotes as a table, or the Article JSON (the data contract)."""
    _check_output(output, excel, full)
    store = _open(db)
    ids = store.article_ids_with_prefix(article_id) if len(article_id.strip()) >= 4 else []
    if not ids:
        raise _fail(f"no article id starts with {article_id!r}")
    if len(ids) > 1 and article_id not in ids:
        raise _fail(f"{article_id!r} starts {len(ids)} article ids; give more characters", 2)
    found = store.get_article(article_id if article_id in ids else ids[0])
    assert found is not None
    if output is Output.csv:
        typer.echo(to_csv(article_quote_rows(found), excel=excel, fields=QUOTE_ROW_FIELDS),
                   nl=False)
    elif output is Output.jsonl:
        typer.echo(found.to_json())
    elif output is Output.json:
        typer.echo(found.model_dump_json(indent=2))
    else:
        typer.echo(found.text)
        console().print(article_quotes_table(found, full=full))


@app.command()
def stats(
    db: DbOpt = "",
    output: OutputOpt = Output.table,
    excel: ExcelOpt = False,
    by: Annotated[str | None, typer.Option(
        "--by", help="Shares of the first dimension within groups of the others, e.g."
        " gender,source: " + ", ".join(DIMENSIONS) + ". Without it: corpus figures.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", callback=_date_option, help="From this date on.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", callback=_date_option, help="Up to this date.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="One source (outlet).")] = None,
    query: Annotated[str | None, typer.Option(
        "--query", "-q", help="Only quotes matching this text search (a topic).")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Top-N for the concentration.")] = 10,
) -> None:
    """Corpus figures; with --by, who gets to speak: shares with 95 % intervals."""
    _check_output(output, excel)
    store = _open(db)
    if by is None:
        figures = store.stats()
        _emit(figures, output, stats_text(figures), excel=excel)
        return
    try:
        table = store.shares(ShareQuery(by=[b.strip() for b in by.split(",") if b.strip()],
                                        since=since, until=until, source=source, text=query,
                                        top=top))
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if output in (Output.json, Output.jsonl):
        typer.echo(to_json(table))
    elif output is Output.csv:
        typer.echo(shares_csv(table), nl=False)
    else:
        typer.echo(shares_text(table))


@app.command()
def reattribute(db: DbOpt = "") -> None:
    """Re-derive speaker attributes and quote framing of all stored articles (after an
    update of the rules, or for a store written before them); hand corrections stay."""
    # imported here: zitat.nlp loads spaCy, which the store commands do not need
    from zitat.nlp.framing import with_framing
    from zitat.nlp.speaker_attributes import with_attributes
    from zitat.schema import Article

    def update(art: Article) -> Article:
        return art.model_copy(update={
            "entities": with_attributes(art.text, art.entities, art.quotes),
            "quotes": with_framing(art.quotes)})

    store = _open(db, readonly=False)
    n = store.reattribute(update)
    typer.echo(f"{n} articles re-attributed")


@app.command("speaker-set")
def speaker_set(
    name: Annotated[str, typer.Argument(help="Speaker name, variant or id.")],
    values: Annotated[list[str], typer.Argument(
        help="attribute=value, e.g. gender=f party=SPD role_class=politics kind=person;"
        " attribute= (empty) removes a correction.")],
    db: DbOpt = "",
) -> None:
    """Correct a speaker's attributes by hand; corrections survive re-analysis."""
    store = _open(db, readonly=False)
    for item in values:
        attribute, sep, value = item.partition("=")
        if not sep:
            raise _fail(f"{item!r}: write attribute=value")
        try:
            entity_id, canonical = store.set_speaker_attribute(name, attribute.strip(),
                                                               value.strip())
        except StoreError as exc:
            raise _fail(str(exc)) from None
        typer.echo(f"{canonical} (#{entity_id}): {attribute}={value.strip() or '(automatic)'}")


@app.command()
def summary(
    db: DbOpt = "",
    top: Annotated[int, typer.Option("--top", min=1, help="How many speakers to show.")] = 8,
    per_speaker: Annotated[
        int, typer.Option("--quotes", min=0, help="Quotes shown per speaker.")
    ] = 2,
) -> None:
    """A readable overview: figures, top speakers with roles and quotes, what to try next."""
    db = db or _settings().db
    store = _open(db)
    ranked = store.speakers(limit=top)
    quotes = {
        s.id: store.search(SearchQuery(speaker=s.name, limit=per_speaker)) for s in ranked
    }
    typer.echo(summary_text(store.stats(), ranked, quotes, db, prog=_prog()))


def _prog() -> str:
    """How the user called zitat (`.venv/bin/zitat` after `make run`), for copyable hints."""
    invoked = Path(sys.argv[0])
    if invoked.name == "zitat" and invoked.exists():
        rel = os.path.relpath(invoked)
        return rel if not rel.startswith("..") and shutil.which("zitat") != str(invoked.resolve()) \
            else "zitat"
    return "zitat"


@app.command()
def serve(
    db: DbOpt = "",
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    allow_ingest: Annotated[
        bool,
        typer.Option("--allow-ingest", help="Enable POST /api/articles (needs --token)."),
    ] = False,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Bearer token required by POST /api/articles."),
    ] = None,
) -> None:
    """Serve the web UI and HTTP API (docs at /docs) over a store."""
    try:
        from zitat.web.app import run_server
    except ImportError as exc:
        raise _fail(f"the web UI is not available: {exc}") from None
    if allow_ingest and not token:
        raise _fail("--allow-ingest needs --token", 2)
    run_server(db or _settings().db, host=host, port=port, allow_ingest=allow_ingest,
               token=token)


@app.command()
def batch(
    inputs: InputsArg,
    out: Annotated[
        Path,
        typer.Option("--out", help="Output folder: one Parquet table per subfolder (replaced)."),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="Spark master, e.g. local[2] or spark://host:7077 (default: the one "
            "spark-submit gives, else local[*]).",
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="Partitions the analysis runs in."),
    ] = None,
    date: DateOpt = None,
    input_format: FormatInOpt = InputFormat.auto,  # type: ignore[attr-defined]
) -> None:
    """Analyse a corpus with Spark and write Parquet tables (needs zitat[spark] and Java).

    Inputs are any format `ingest` reads, plus Parquet with a text column (and optional
    date, title, url, source). Tables: articles (with the Article JSON), quotes, roles,
    entities, mentions, times, places, rejects. Put them into a store with `zitat load`.
    """
    try:
        from zitat.scale.job import run_batch
    except ImportError as exc:
        raise _fail(f"zitat batch needs the spark extra: pip install 'zitat[spark]' ({exc})") from None
    report = run_batch(inputs, out, master=master, partitions=partitions,
                       fmt=input_format.value, date=date)
    typer.echo(
        f"{report.read} read, {report.articles} articles, {report.duplicates} duplicate(s), "
        f"{report.rejected} rejected, {report.quotes} quotes in {report.partitions} "
        f"partition(s) ({report.rate:.1f} articles/s) → {report.out}",
        err=True,
    )
    _exit_on_rejects(report, f"rejected records are in {report.out}/rejects")


@app.command()
def load(
    directory: Annotated[
        Path, typer.Argument(help="Output folder of `zitat batch`.", show_default=False)
    ],
    db: DbOpt = "",
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per transaction.")
    ] = 500,
    progress: ProgressOpt = None,
) -> None:
    """Load the Parquet tables of `zitat batch` into a store; re-running skips what is stored."""
    try:
        from zitat.scale.load import load_tables
    except ImportError as exc:
        raise _fail(f"zitat load needs the spark extra: pip install 'zitat[spark]' ({exc})") from None
    db = db or _settings().db
    store = _open(db, readonly=False)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = load_tables(directory, store, batch_size=batch_size, progress=show)
    except KeyboardInterrupt:
        raise _fail("interrupted; stored batches are complete, run again to finish", 130) from None
    finally:
        store.close()
    typer.echo(
        f"{report.read} read, {report.added} added, {report.skipped} already stored, "
        f"{report.quotes} quotes ({report.rate:.1f} articles/s) → {db}"
        + (f"; {report.rejected} record(s) were rejected by zitat batch" if report.rejected else ""),
        err=True,
    )


@eval_app.command("quotations")
def eval_quotations(
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold corpus: JSONL or a folder of JSON documents.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write predictions here in the corpus format (JSONL)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
) -> None:
    """Run zitat on a gold quotation corpus and score it with the official metric."""
    from zitat.analysis import default_pipeline
    from zitat.eval.quotations import evaluate_quotations

    if not gold.exists():
        raise _fail(f"{gold}: no such file or directory", 2)
    scores = evaluate_quotations(gold, out, default_pipeline())
    typer.echo(json.dumps(scores.to_dict(), indent=2) if as_json else scores.table())


def main() -> None:
    """Entry point of the ``zitat`` console script."""
    try:
        app()
    except SettingsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except ValidationError as exc:  # a SearchQuery field typer cannot check (a date range)
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        typer.echo(f"Error: {problems}", err=True)
        sys.exit(2)
    except ZitatError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
