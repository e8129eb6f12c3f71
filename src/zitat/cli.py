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
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from zitat.errors import StoreError, ZitatError
from zitat.ingest import FORMATS, read_inputs
from zitat.ingest.registry import detected_formats
from zitat.render import (
    article_quotes_table,
    groups_table,
    profile_text,
    quotes_table,
    speakers_table,
    stats_text,
    summary_text,
    to_csv,
    to_json,
)
from zitat.reports import RunReport
from zitat.schema import QUOTE_TYPES, Rejected, parse_date
from zitat.settings import get_settings
from zitat.store import SearchQuery, open_store
from zitat.store.clusters import GROUP_FETCH, group_hits

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


class AnalyzeFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class OutFormat(str, Enum):
    table = "table"
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
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date (YYYY, YYYY-MM or YYYY-MM-DD) for articles that carry none; relative "
        "dates are resolved against it, never more precisely than it is.",
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
OutFormatOpt = Annotated[
    OutFormat, typer.Option("--format", help="Output: a readable table, JSON or CSV.")
]
ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Maximum number of rows.")]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def _open(db: str, readonly: bool = True):
    try:
        return open_store(db, readonly=readonly)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _exit_on_rejects(report: RunReport, where: str) -> None:
    """After a run that rejected records: the reasons, where the records are, exit code 1."""
    if report.rejected:
        for line in report.reason_lines():
            typer.echo(line, err=True)
        typer.echo(where, err=True)
        raise typer.Exit(1)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    _setup_logging(verbose)


@app.command()
def analyze(
    inputs: InputsArg,
    date: DateOpt = None,
    input_format: FormatInOpt = InputFormat.auto,  # type: ignore[attr-defined]
    output: Annotated[
        AnalyzeFormat,
        typer.Option(
            "--format",
            help="jsonl: one Article JSON per line (the data contract); json: a pretty JSON "
            "list; table: the quotes of each article (speaker, cue, type, quote).",
        ),
    ] = AnalyzeFormat.jsonl,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad record.")
    ] = False,
    workers: WorkersOpt = None,
) -> None:
    """Analyse articles and print the results without storing them."""
    from zitat.analysis import analyze_many

    rejected = 0
    collected = []
    settings = get_settings()
    jobs = settings.workers if workers is None else workers
    for item in analyze_many(read_inputs(inputs, fmt=input_format.value, date=date),
                             batch_size=settings.batch_size, workers=jobs):
        if isinstance(item, Rejected):
            rejected += 1
            typer.echo(f"{item.origin or '<input>'}: {item.reason}", err=True)
            if strict:
                raise typer.Exit(2)
            continue
        if output is AnalyzeFormat.jsonl:
            typer.echo(item.to_json())
        elif output is AnalyzeFormat.table:
            typer.echo(article_quotes_table(item))
        else:
            collected.append(item.to_dict())
    if output is AnalyzeFormat.json:
        typer.echo(json.dumps(collected, ensure_ascii=False, indent=2))
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
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad record.")
    ] = False,
    progress: ProgressOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Analyse articles and store them; re-running skips what is already stored.

    Rejected records are reported as file:line: reason, counted in the summary and written
    to DB.rejects.jsonl; the exit code is 1 when any record was rejected.
    """
    from zitat.jobs import StrictModeError
    from zitat.jobs import ingest as run_ingest

    settings = get_settings()
    db = db or settings.db
    store = _open(db, readonly=False)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = run_ingest(
            inputs, store, db_path=db, fmt=input_format.value, date=date,
            batch_size=batch_size or settings.batch_size, strict=strict, progress=show,
            workers=settings.workers if workers is None else workers,
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
        str | None, typer.Option("--since", help="Articles dated on/after YYYY[-MM[-DD]].")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Articles dated on/before YYYY[-MM[-DD]].")
    ] = None,
    quote_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="Direct, Indirect, FreeIndirect, IndirectFreeIndirect or Reported.",
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only articles mentioning this place.")
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            help="Only quotes near a time expression that falls in YYYY[-MM[-DD]] "
            "(the time talked about, not the article date).",
        ),
    ] = None,
    limit: LimitOpt = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows.")] = 0,
    output: OutFormatOpt = OutFormat.table,
    group: Annotated[
        bool, typer.Option("--group", help="One entry per statement (its versions in other "
                                           "articles and outlets grouped under it).")
    ] = False,
) -> None:
    """Search quotes, newest first."""
    if quote_type and quote_type not in QUOTE_TYPES:
        raise _fail(f"--type must be one of {', '.join(QUOTE_TYPES)}", 2)
    for name, value in (("--since", since), ("--until", until), ("--about", about)):
        if value:
            try:
                parse_date(value)
            except ValueError as exc:
                raise _fail(f"{name}: {exc}", 2) from None
    store = _open(db or get_settings().db)
    fetch = GROUP_FETCH if group else 1  # a group gathers several hits of one statement
    hits = store.search(
        SearchQuery(text=text, speaker=speaker, since=since, until=until, type=quote_type,
                    place=place, about=about, limit=limit * fetch, offset=offset * fetch)
    )
    if group:
        groups = group_hits(hits, limit)
        if output is OutFormat.json:
            typer.echo(to_json(groups))
        elif output is OutFormat.csv:
            typer.echo(to_csv([h for g in groups for h in g.hits]), nl=False)
        else:
            typer.echo(groups_table(groups, title=f"{len(groups)} statement(s)"))
        return
    if output is OutFormat.json:
        typer.echo(to_json(hits))
    elif output is OutFormat.csv:
        typer.echo(to_csv(hits), nl=False)
    else:
        typer.echo(quotes_table(hits, title=f"{len(hits)} quote(s)"))


@app.command()
def speakers(
    db: DbOpt = "", limit: LimitOpt = 30, output: OutFormatOpt = OutFormat.table
) -> None:
    """Speakers ranked by number of quotes, with roles and first/last date."""
    rows = _open(db or get_settings().db).speakers(limit=limit)
    if output is OutFormat.json:
        typer.echo(to_json(rows))
    elif output is OutFormat.csv:
        typer.echo(to_csv(rows), nl=False)
    else:
        typer.echo(speakers_table(rows))


@app.command()
def speaker(
    name: Annotated[str, typer.Argument(help="Name, variant (e.g. a surname) or numeric id.")],
    db: DbOpt = "",
    output: Annotated[
        OutFormat, typer.Option("--format", help="table (readable) or json.")
    ] = OutFormat.table,
) -> None:
    """Profile of one speaker: variants, roles with dates, quotes per month, latest quotes."""
    store = _open(db or get_settings().db)
    entity_id = store.find_speaker(name)
    profile = store.speaker(entity_id) if entity_id is not None else None
    if profile is None:
        raise _fail(f"no speaker matches {name!r}; try `zitat speakers`")
    typer.echo(to_json(profile) if output is OutFormat.json else profile_text(profile))


@app.command()
def stats(db: DbOpt = "", output: OutFormatOpt = OutFormat.table) -> None:
    """Corpus figures: articles, quotes by type, speakers, date range."""
    figures = _open(db or get_settings().db).stats()
    typer.echo(to_json(figures) if output is not OutFormat.table else stats_text(figures))


@app.command()
def summary(
    db: DbOpt = "",
    top: Annotated[int, typer.Option("--top", min=1, help="How many speakers to show.")] = 8,
    per_speaker: Annotated[
        int, typer.Option("--quotes", min=0, help="Quotes shown per speaker.")
    ] = 2,
) -> None:
    """A readable overview: figures, top speakers with roles and quotes, what to try next."""
    db = db or get_settings().db
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
    run_server(db or get_settings().db, host=host, port=port, allow_ingest=allow_ingest,
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
    db = db or get_settings().db
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
    except ZitatError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
