"""Normalised words, article shingles, statement keys and word-level differences."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zlib

#: Quote marks of every style (German „“ ‚‘ »« ›‹, English “” ‘’, straight " '); they are
#: dropped, so a statement re-quoted in another style has the same words.
QUOTE_MARKS = "\"'„“”‚‘’»«›‹‟‛`´"
_MARKS = str.maketrans({c: " " for c in QUOTE_MARKS})
_WORD_RE = re.compile(r"\w+(?:[-.]\w+)*", re.UNICODE)

#: Words that carry no content of a statement: articles, pronouns (a direct quote's `wir`
#: is an indirect version's `sie`), auxiliaries and modal verbs in indicative and
#: subjunctive (`ist`/`sei`, `wird`/`werde`), conjunctions, frequent particles.
STOPWORDS = frozenset("""
aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bist da
dabei damit dann das dass dem den denen der des dessen deshalb die dies diese diesem diesen
dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa euch euer
eure für gegen gewesen hab habe haben hat hatte hatten hätte hätten hier hin ich ihm ihn
ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist ja jede jedem jeden jeder jedes
jetzt kann kein keine keinem keinen keiner könne können könnte könnten man mehr mein meine
meinem meinen meiner mich mir mit muss müsse müssen müsste nach nicht nichts noch nun nur
ob oder ohne schon sehr sei seien sein seine seinem seinen seiner seit sich sie sind so
soll solle sollen sollte sollten sondern um und uns unser unsere unserem unseren unserer
unter viel vom von vor wa war wäre wären waren warum was weil wenn wer werde werden werdet
wie wieder will wir wird wo wolle wollen wollte worden würde würden zu zum zur zwar über
sagte sagt sagten erklärte betonte meinte
""".split())

#: Characters of a content word that make its key: inflections (`Steuern`/`Steuer`,
#: `senken`/`senke`) mostly differ after them.
KEY_CHARS = 5


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded, without quote marks and punctuation.

    ``„Wir senken die Steuern.“`` and ``»wir  senken die Steuern«`` give the same words.
    """
    text = unicodedata.normalize("NFC", text).translate(_MARKS).casefold()
    return _WORD_RE.findall(text)


def shingles(text: str, k: int = 4) -> set[str]:
    """The overlapping runs of ``k`` words of ``text`` (an article's fingerprint).

    A text shorter than ``k`` words is one shingle.
    """
    ws = words(text)
    if len(ws) < k:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1)}


def shingle_hashes(text: str, k: int = 4) -> set[int]:
    """:func:`shingles` as 32-bit hashes (CRC-32): a smaller set, faster to compare and
    to keep; two shingles of one article share a hash about once in a million articles."""
    return {zlib.crc32(s.encode("utf-8")) for s in shingles(text, k)}


def statement_keys(text: str) -> set[str]:
    """The content words of a statement, cut to :data:`KEY_CHARS` characters.

    Pronouns, auxiliaries and short words are left out, so the direct
    ``„Wir werden die Steuern senken“`` and the reported
    ``sie werde die Steuern senken`` have the same keys.
    """
    return {w[:KEY_CHARS] for w in words(text) if len(w) > 2 and w not in STOPWORDS}


def word_diff(base: str, variant: str) -> list[tuple[str, str]]:
    """Word-level differences of ``variant`` against ``base``.

    Args:
        base: the first version of a statement.
        variant: another version.

    Returns:
        Segments ``(op, text)`` that spell the variant with the removed words of the base:
        ``op`` is ``=`` (both have it), ``+`` (only the variant) or ``-`` (only the base).
        Words are compared without case, quote marks and punctuation; the text shown is
        the variant's own (the base's for ``-``).
    """
    a_tokens, b_tokens = base.split(), variant.split()
    a_norm = [" ".join(words(t)) for t in a_tokens]
    b_norm = [" ".join(words(t)) for t in b_tokens]
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a_norm, b=b_norm, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(b_tokens[j1:j2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a_tokens[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b_tokens[j1:j2])))
    return out
