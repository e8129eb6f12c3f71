"""Render store results and articles for people (tables) and programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from zitat.schema import Article
from zitat.store.records import HitGroup, QuoteHit, SpeakerProfile, SpeakerSummary, Stats

OUTPUT_FORMATS = ("table", "json", "csv")


def _short(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_json(items: Sequence[BaseModel] | BaseModel) -> str:
    """Pretty JSON for one record or a list."""
    if isinstance(items, BaseModel):
        return items.model_dump_json(indent=2)
    return json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2)


def to_csv(items: Sequence[BaseModel]) -> str:
    """CSV with a header row; nested values as JSON."""
    buf = io.StringIO()
    rows = [i.model_dump(mode="json") for i in items]
    if not rows:
        return ""
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
             for k, v in row.items()}
        )
    return buf.getvalue()


def render_table(table: Table) -> str:
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


def quotes_table(hits: Sequence[QuoteHit], title: str = "Quotes") -> str:
    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "speaker", "cue", "type", "quote"):
        table.add_column(col, overflow="fold")
    for h in hits:
        speaker = h.speaker or "—"
        if h.speaker_role:
            speaker = f"{speaker} ({h.speaker_role})"
        table.add_row(h.date or "", speaker, h.cue or "", h.type, _short(h.text, 90))
    return render_table(table)


def groups_table(groups: Sequence[HitGroup], title: str = "Statements") -> str:
    """Search hits grouped by statement: the newest version, how many versions were found,
    how many other outlets reported it and the cluster id (``/zitate/{id}``)."""
    table = Table(title=title, show_lines=False, expand=False)
    for col in ("date", "speaker", "quote", "versions", "outlets", "cluster"):
        table.add_column(col, overflow="fold")
    for g in groups:
        h = g.hits[0]
        table.add_row(h.date or "", h.speaker or "—", _short(h.text, 80), str(len(g.hits)),
                      str(g.outlets), str(g.cluster_id or ""))
    return render_table(table)


def article_quotes_table(article: Article) -> str:
    """The quotes of one analysed article: speaker, cue, type, quote."""
    names = {e.id: e.name for e in article.entities}
    table = Table(title=article.title or f"Article {article.id[:10]} ({article.date or 'no date'})")
    for col in ("#", "speaker", "cue", "type", "quote"):
        table.add_column(col, overflow="fold")
    for q in article.quotes:
        speaker = "—"
        if q.speaker is not None:
            resolved = names.get(q.speaker.entity or "")
            speaker = q.speaker.text or resolved or "—"
            if resolved and resolved != q.speaker.text:
                speaker = f"{speaker} → {resolved}" if q.speaker.text else f"→ {resolved}"
        table.add_row(q.id, speaker, q.cue.text if q.cue else "", q.type, _short(q.text, 90))
    return render_table(table)


def speakers_table(speakers: Sequence[SpeakerSummary]) -> str:
    table = Table(title="Speakers")
    for col in ("id", "speaker", "roles", "quotes", "first", "last"):
        table.add_column(col, overflow="fold")
    for s in speakers:
        table.add_row(str(s.id), s.name, ", ".join(s.roles[:3]), str(s.quotes),
                      s.first_date or "", s.last_date or "")
    return render_table(table)


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
    lines.append("")
    lines.append(quotes_table(p.latest, title="Latest quotes"))
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
