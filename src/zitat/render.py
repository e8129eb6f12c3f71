"""Render store results and articles for people (tables) and programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from pydantic import BaseModel
from rich import box
from rich.console import Console
from rich.table import Table

from zitat.schema import Article
from zitat.store.records import HitGroup, QuoteHit, SpeakerProfile, SpeakerSummary, Stats
from zitat.store.shares import DIMENSION_LABELS, ShareTable, label

#: what every printing command offers with ``--format``
OUTPUT_FORMATS = ("table", "jsonl", "json", "csv")
#: characters of an article id shown in tables; `zitat article` accepts such a prefix
SHORT_ID = 12


def _short(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_json(items: Sequence[BaseModel] | BaseModel) -> str:
    """Pretty JSON for one record or a list."""
    if isinstance(items, BaseModel):
        return items.model_dump_json(indent=2)
    return json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2)


def to_jsonl(items: Sequence[BaseModel] | BaseModel) -> str:
    """JSON Lines: one record per line (a single record is one line)."""
    if isinstance(items, BaseModel):
        items = [items]
    return "".join(i.model_dump_json() + "\n" for i in items)


def _csv_rows(items: Sequence[BaseModel | dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
         for k, v in (i.model_dump(mode="json") if isinstance(i, BaseModel) else i).items()}
        for i in items
    ]


#: columns of the per-quote rows of `article_quote_rows` (``zitat analyze --format csv``)
QUOTE_ROW_FIELDS = ("article_id", "date", "title", "quote_id", "type", "medium", "speaker",
                    "speaker_entity", "cue", "addressee", "text", "start", "end", "confidence")


def article_quote_rows(article: Article) -> list[dict[str, Any]]:
    """One flat row per quote of an analysed article (for CSV)."""
    names = {e.id: e.name for e in article.entities}
    return [
        {"article_id": article.id, "date": article.date, "title": article.title,
         "quote_id": q.id, "type": q.type, "medium": q.medium,
         "speaker": q.speaker.text if q.speaker else None,
         "speaker_entity": names.get(q.speaker.entity or "") if q.speaker else None,
         "cue": q.cue.text if q.cue else None,
         "addressee": q.addressee.text if q.addressee else None,
         "text": q.text, "start": q.start, "end": q.end, "confidence": q.confidence}
        for q in article.quotes
    ]


def to_csv(
    items: Sequence[BaseModel | dict[str, Any]] | BaseModel,
    *,
    excel: bool = False,
    fields: Sequence[str] | None = None,
) -> str:
    """CSV with a header row; nested values as JSON.

    Args:
        items: records (one record gives one row).
        excel: for German spreadsheets: ``;`` as separator and a UTF-8 byte order mark,
            so that Excel opens umlauts and commas in quotes correctly.
        fields: the header when there may be no rows (an empty result still has a header).
    """
    if isinstance(items, BaseModel):
        items = [items]
    rows = _csv_rows(items)
    header = list(rows[0]) if rows else list(fields or [])
    if not header:
        return ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, delimiter=";" if excel else ",",
                            lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if excel else "") + buf.getvalue()


def console(file: IO[str] | None = None) -> Console:
    """A console for the real terminal: its width, colour on a TTY, plain text when piped
    (then 80 columns, or ``$COLUMNS``)."""
    return Console(file=file or sys.stdout, highlight=False, soft_wrap=False)


def render_table(table: Table, width: int = 100) -> str:
    """A table as plain text of a fixed width (for summaries and tests)."""
    out = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    out.print(table)
    return out.export_text()


def _quote_column(table: Table, full: bool) -> None:
    # full: wrap the whole quote; else one line per row, cut to the width left over
    table.add_column("quote", overflow="fold" if full else "ellipsis", no_wrap=not full,
                     ratio=3, min_width=16)


def _table(title: str, full: bool) -> Table:
    # light borders: on 80 columns every character goes to the quote
    return Table(title=title, show_lines=full, expand=True, title_justify="left",
                 box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)


def quotes_table(
    hits: Sequence[QuoteHit], title: str = "Quotes", full: bool = False, width: int = 120
) -> Table:
    """Search hits: date, speaker, cue, type, quote, article id prefix.

    Args:
        full: print every quote whole (wrapped) instead of one line cut to the terminal.
        width: the terminal's width; under 120 columns the speaker's role is left out,
            under 100 the cue.
    """
    table = _table(title, full)
    table.add_column("date", no_wrap=True, style="cyan")
    table.add_column("speaker", overflow="fold", style="bold", min_width=14, max_width=26)
    wide = width >= 100  # under 100 columns the cue gives its room to the quote
    if wide:
        table.add_column("cue", overflow="fold", max_width=12)
    table.add_column("type", overflow="fold", style="magenta", max_width=12)
    _quote_column(table, full)
    table.add_column("article", no_wrap=True, style="dim")
    for h in hits:
        speaker = h.speaker or "—"
        if h.speaker_role and width >= 120:
            speaker = f"{speaker} ({h.speaker_role})"
        cells = [h.date or "", speaker, *([h.cue or ""] if wide else []), h.type,
                 " ".join(h.text.split()), h.article_id[:SHORT_ID]]
        table.add_row(*cells)
    return table


def groups_table(groups: Sequence[HitGroup], title: str = "Statements",
                 full: bool = False) -> Table:
    """Search hits grouped by statement: the newest version, how many versions were found,
    how many other outlets reported it and the cluster id (``/zitate/{id}``)."""
    table = _table(title, full)
    table.add_column("date", no_wrap=True, style="cyan")
    table.add_column("speaker", overflow="fold", style="bold", min_width=14, max_width=26)
    _quote_column(table, full)
    table.add_column("versions", no_wrap=True, justify="right")
    table.add_column("outlets", no_wrap=True, justify="right")
    table.add_column("cluster", no_wrap=True, style="dim")
    for g in groups:
        h = g.hits[0]
        table.add_row(h.date or "", h.speaker or "—", " ".join(h.text.split()),
                      str(len(g.hits)), str(g.outlets), str(g.cluster_id or ""))
    return table


def article_quotes_table(article: Article, full: bool = False) -> Table:
    """The quotes of one analysed article: speaker, cue, type, quote."""
    names = {e.id: e.name for e in article.entities}
    table = _table(f"{article.title or 'Article'} ({article.date or 'no date'}) "
                   f"[{article.id[:SHORT_ID]}]", full)
    table.add_column("#", no_wrap=True, style="dim")
    table.add_column("speaker", overflow="fold", style="bold", min_width=14, max_width=26)
    table.add_column("cue", overflow="fold", max_width=12)
    table.add_column("type", overflow="fold", style="magenta", max_width=12)
    _quote_column(table, full)
    for q in article.quotes:
        speaker = "—"
        if q.speaker is not None:
            resolved = names.get(q.speaker.entity or "")
            speaker = q.speaker.text or resolved or "—"
            if resolved and resolved != q.speaker.text:
                speaker = f"{speaker} → {resolved}" if q.speaker.text else f"→ {resolved}"
        table.add_row(q.id, speaker, q.cue.text if q.cue else "", q.type,
                      " ".join(q.text.split()))
    return table


def speakers_table(speakers: Sequence[SpeakerSummary], title: str = "Speakers") -> Table:
    """Speakers with id (for `zitat speaker ID`), roles, quote count and first/last date."""
    table = _table(title, False)
    table.add_column("id", no_wrap=True, justify="right", style="dim")
    table.add_column("speaker", overflow="fold", style="bold")
    table.add_column("roles", overflow="fold", ratio=1)
    table.add_column("quotes", no_wrap=True, justify="right")
    table.add_column("first", no_wrap=True, style="cyan")
    table.add_column("last", no_wrap=True, style="cyan")
    for s in speakers:
        table.add_row(str(s.id), s.name, ", ".join(s.roles[:3]), str(s.quotes),
                      s.first_date or "", s.last_date or "")
    return table


def stats_text(stats: Stats) -> str:
    lines = [
        f"articles:  {stats.articles}",
        f"quotes:    {stats.quotes}",
    ]
    lines += [f"  {t:<22}{n}" for t, n in stats.quotes_by_type.items()]
    lines += [
        f"speakers:  {stats.speakers}",
        f"entities:  {stats.entities}",
        f"places:    {stats.places}",
        f"times:     {stats.times}",
        f"dates:     {stats.first_date or '—'} … {stats.last_date or '—'}",
    ]
    return "\n".join(lines)


def profile_text(p: SpeakerProfile) -> str:
    """A speaker profile as text (the latest quotes follow as a table: `quotes_table`)."""
    lines = [f"{p.name}  [{p.label}, id {p.id}]", ""]
    lines.append("variants: " + (", ".join(p.variants) or "—"))
    lines.append("roles:")
    lines += [f"  {r.role}  ({r.first_seen or '?'} … {r.last_seen or '?'})" for r in p.roles] or [
        "  —"
    ]
    lines.append(f"quotes: {p.quotes}")
    peak = max(p.quotes_per_month.values(), default=0)
    for month, n in p.quotes_per_month.items():
        bar = "█" * max(1, round(20 * n / peak)) if peak else ""
        lines.append(f"  {month}  {bar} {n}")
    lines.append("co-mentioned: " + (", ".join(f"{n} ({c})" for n, c in p.co_mentioned) or "—"))
    lines.append("places: " + (", ".join(f"{n} ({c})" for n, c in p.places) or "—"))
    return "\n".join(lines)


def summary_text(
    stats: Stats,
    speakers: Sequence[SpeakerSummary],
    quotes: dict[int, Sequence[QuoteHit]],
    db: str,
    prog: str = "zitat",
) -> str:
    """The corpus summary `make run` prints: figures, top speakers with a few quotes, next
    steps as commands to copy (``prog`` is how zitat was called)."""
    by_type = ", ".join(f"{n} {t}" for t, n in stats.quotes_by_type.items()) or "none"
    out = [
        f"zitat store {db}: {stats.articles} articles ({stats.first_date or '?'} … "
        f"{stats.last_date or '?'}), {stats.quotes} quotes ({by_type}), "
        f"{stats.speakers} speakers, {stats.places} place mentions, {stats.times} time expressions.",
        "",
        "Top speakers:",
    ]
    for s in speakers:
        roles = f" — {', '.join(s.roles[:2])}" if s.roles else ""
        out.append(f"  {s.name}{roles}: {s.quotes} quote(s), {s.first_date or '?'} … {s.last_date or '?'}")
        for h in quotes.get(s.id, []):
            out.append(f"      {h.date or ''}  {h.type:<9} {_short(h.text, 110)}")
    out += [
        "",
        "Next:",
        f"  {prog} search Rente --db {db}               # full-text search in quotes",
        f"  {prog} search --speaker NAME --db {db}      # everything one person said",
        f"  {prog} speaker NAME --db {db}               # profile: roles, variants, timeline",
        f"  {prog} serve --db {db}                      # web UI at http://127.0.0.1:8000/",
    ]
    return "\n".join(out)


SHARE_COLUMNS = ("value", "label", "quotes", "quotes_total", "quote_share", "quote_low",
                 "quote_high", "speakers", "speakers_total", "speaker_share", "speaker_low",
                 "speaker_high")


def shares_csv(table: ShareTable) -> str:
    """One CSV row per value and group: counts, shares and 95 % Wilson intervals."""
    buf = io.StringIO()
    dims = table.query.by
    writer = csv.writer(buf)
    writer.writerow([*dims[1:], dims[0], *SHARE_COLUMNS[1:]])
    for r in table.rows:
        d = r.model_dump()
        writer.writerow([*(r.group[g] for g in dims[1:]), r.value, label(dims[0], r.value),
                         *(round(d[c], 4) if isinstance(d[c], float) else d[c]
                           for c in SHARE_COLUMNS[2:])])
    return buf.getvalue()


def shares_text(table: ShareTable) -> str:
    """Shares as a readable table, then the top-N concentration per group."""
    dims = table.query.by
    t = Table(title=f"Anteile nach {DIMENSION_LABELS.get(dims[0], dims[0])}"
                    f" ({table.quotes} Zitate; 95-%-Intervalle nach Wilson)")
    for g in dims[1:]:
        t.add_column(DIMENSION_LABELS.get(g, g))
    for col in (DIMENSION_LABELS.get(dims[0], dims[0]), "Zitate", "Anteil", "95 %",
                "Sprecher", "Anteil", "95 %"):
        t.add_column(col, justify="right" if col not in (dims[0],) else "left")
    for r in table.rows:
        t.add_row(*(r.group[g] for g in dims[1:]), label(dims[0], r.value), str(r.quotes),
                  f"{r.quote_share:.1%}", f"{r.quote_low:.1%}–{r.quote_high:.1%}",
                  str(r.speakers), f"{r.speaker_share:.1%}",
                  f"{r.speaker_low:.1%}–{r.speaker_high:.1%}")
    lines = [render_table(t).rstrip()]
    for c in table.concentration:
        where = ", ".join(f"{k}={v}" for k, v in c.group.items()) or "alle"
        lines.append(f"Top {c.top} ({where}): {c.top_quotes} von {c.quotes_total} Zitaten ="
                     f" {c.share:.1%} ({c.low:.1%}–{c.high:.1%})")
    return "\n".join(lines)
