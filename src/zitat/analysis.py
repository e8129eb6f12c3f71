"""Analyse articles: raw text in, :class:`~zitat.schema.Article` out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from zitat.errors import InputError, LimitError
from zitat.nlp.convert import article_from_doc
from zitat.nlp.deadline import article_deadline
from zitat.nlp.pipeline import load_pipeline
from zitat.parallel import analyze_parallel, resolve_workers
from zitat.schema import Article, RawArticle, Rejected, normalize_date, normalize_text
from zitat.settings import get_settings

log = logging.getLogger(__name__)


def _reject(raw: RawArticle, reason: str) -> Rejected:
    return Rejected(origin=raw.origin, reason=reason, preview=raw.text[:200])


#: one load at a time: without it, N concurrent first requests of a cold server each load
#: the model (the cache is filled only when a load finishes): N times the seconds and memory
_LOAD_LOCK = threading.Lock()


def default_pipeline() -> Language:
    """The configured pipeline (``ZITAT_MODEL`` or the shipped one), cached; loaded once
    even when many threads ask for it at the same time."""
    with _LOAD_LOCK:
        return load_pipeline(get_settings().model or None)


def _make_doc(nlp: Language, raw: RawArticle) -> Doc:
    """The tokenised article, refused when it has more tokens than ``ZITAT_MAX_TOKENS``:
    the model's memory grows with the tokens, whatever the characters (400 KB of `Ja.`
    lines are 300,000 tokens and took 4.8 GB)."""
    doc = nlp.make_doc(raw.text)
    limit = get_settings().max_tokens
    if len(doc) > limit:
        raise LimitError(f"article has {len(doc):,} tokens, more than the limit of {limit:,} "
                         "(set ZITAT_MAX_TOKENS to raise it)", raw.origin, status=413)
    doc._.article_date = raw.date
    return doc


def _analyze_doc(nlp: Language, doc: Doc) -> Doc:
    """``nlp(doc)`` within the per-article deadline (``ZITAT_MAX_SECONDS``)."""
    with article_deadline(get_settings().max_seconds):
        return nlp(doc)


def check_raw(raw: RawArticle) -> RawArticle:
    """Validate and normalise a raw article.

    Raises:
        InputError: empty text, an impossible date or an over-long article.
    """
    text = normalize_text(raw.text).strip()
    if not text:
        raise InputError("empty article text", raw.origin)
    limit = get_settings().max_chars
    if len(text) > limit:
        raise InputError(
            f"article has {len(text):,} characters, more than the limit of {limit:,} "
            "(set ZITAT_MAX_CHARS to raise it)",
            raw.origin,
        )
    date = raw.date
    if date is not None:
        try:
            date = normalize_date(date)  # German notation too: 03.11.2023 → 2023-11-03
        except ValueError as exc:
            raise InputError(str(exc), raw.origin) from None
    if text == raw.text and date == raw.date:
        return raw
    return raw.model_copy(update={"text": text, "date": date})


def analyze(
    text: str, date: str | None = None, title: str | None = None, *, nlp: Language | None = None
) -> Article:
    """Analyse one German article.

    Args:
        text: the article text (normalised to NFC).
        date: the article date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or German
            ``TT.MM.JJJJ``, ``MM.JJJJ``); relative time
            expressions are resolved against it, never more precisely than it is.
        title: optional title, kept in the record.
        nlp: a pipeline from :func:`zitat.nlp.pipeline.load_pipeline`; default the shipped one.

    Returns:
        The :class:`Article` record of the data contract.

    Raises:
        InputError: empty text, an impossible date or an over-long article.
        LimitError: more tokens than ``ZITAT_MAX_TOKENS``, or an analysis longer than
            ``ZITAT_MAX_SECONDS``.
    """
    raw = check_raw(RawArticle(text=text, date=date, title=title))
    nlp = nlp or default_pipeline()
    return article_from_doc(_analyze_doc(nlp, _make_doc(nlp, raw)), raw)


def analyze_many(
    raws: Iterable[RawArticle | Rejected],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    workers: int = 1,
) -> Iterator[Article | Rejected]:
    """Analyse a stream of raw articles, passing rejects through in order.

    A record that fails validation or analysis becomes a :class:`Rejected` (logged with
    its origin); the stream goes on.

    Args:
        raws: raw articles, and rejects from reading to pass through in place.
        nlp: the pipeline (default: :func:`default_pipeline`).
        batch_size: articles per ``nlp.pipe`` batch (and per worker task).
        workers: processes to analyse in; 0 means one per CPU (see
            :func:`zitat.parallel.resolve_workers`). Results keep the input order.
    """
    workers = resolve_workers(workers)
    if workers > 1:
        yield from analyze_parallel(raws, analyze_serial, load=default_pipeline, nlp=nlp,
                                    batch_size=batch_size, workers=workers)
        return
    yield from analyze_serial(raws, nlp=nlp, batch_size=batch_size)


def analyze_serial(
    raws: Iterable[RawArticle | Rejected], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Article | Rejected]:
    """:func:`analyze_many` in this process (what each worker process runs on its chunk)."""
    buffer: list[RawArticle] = []
    pipeline = nlp

    def flush() -> Iterator[Article | Rejected]:
        nonlocal pipeline
        if not buffer:
            return
        # Loaded on first use, so a run of only bad records fails fast.
        nlp = pipeline = pipeline or default_pipeline()
        docs: list[Doc | Rejected] = []
        for r in buffer:
            try:
                docs.append(_make_doc(nlp, r))
            except LimitError as exc:  # too many tokens: rejected before the model reads it
                log.warning("%s: %s", r.origin, exc.reason)
                docs.append(_reject(r, exc.reason))
        todo = [d for d in docs if isinstance(d, Doc)]
        try:
            # the batch gets the sum of its articles' deadlines; one over it is found below
            with article_deadline(get_settings().max_seconds, len(todo)):
                done = iter(list(nlp.pipe(todo, batch_size=batch_size)))
        except Exception as exc:  # per-document boundary: retry one by one to isolate the culprit
            if isinstance(exc, LimitError):
                log.warning("batch over its deadline; retrying its %d articles one by one",
                            len(todo))
            else:
                log.exception("batch failed; retrying its %d articles one by one", len(todo))
            retried: list[Doc | Rejected] = []
            for r, d in zip(buffer, docs, strict=True):
                if not isinstance(d, Doc):
                    continue
                try:
                    retried.append(_analyze_doc(nlp, _make_doc(nlp, r)))
                except LimitError as exc:
                    log.warning("%s: %s", r.origin, exc.reason)
                    retried.append(_reject(r, exc.reason))
                except Exception as exc:
                    log.exception("analysis failed for %s", r.origin)
                    retried.append(_reject(r, f"analysis failed: {exc!r}"))
            done = iter(retried)
        for raw, doc in zip(buffer, docs, strict=True):
            if isinstance(doc, Doc):
                doc = next(done)
            yield doc if isinstance(doc, Rejected) else article_from_doc(doc, raw)
        buffer.clear()

    for item in raws:
        if isinstance(item, Rejected):
            yield from flush()
            yield item
            continue
        try:
            buffer.append(check_raw(item))
        except InputError as exc:
            yield from flush()
            yield _reject(item, exc.reason)
            continue
        if len(buffer) >= batch_size:
            yield from flush()
    yield from flush()
