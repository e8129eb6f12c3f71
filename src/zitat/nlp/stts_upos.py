"""``zitat_stts_upos``: UPOS from the tagger's STTS tag, by table lookup.

The core model's ``tagger`` predicts STTS (trained on gold XPOS and HanTa silver tags);
this component maps each tag, and for a few words each (tag, lowercased word), to UPOS
and overwrites the morphologizer's UPOS (FEATS stay the morphologizer's). On the tuning
split that is more accurate than the morphologizer's own UPOS (except that a PROPN of the
morphologizer is kept where the tagger says ``NN``). A word the tagger calls
finite (``VVFIN``, ``VAFIN``, ``VMFIN``) or imperative (``VVIMP``) but whose predicted
FEATS have no ``Mood`` gets ``Mood=Ind`` / ``Mood=Imp``: the morphologizer's misses are
mostly finite plurals it took for infinitives (``sie sehen``), which the tagger gets right.
Clause-level rules repair the Mood that matters most for reported speech: an infinitive
that is the only verb of its clause is a finite plural (:func:`orphan_infinitives`), and
forms that can only be Konjunktiv get ``Mood=Sub`` (:func:`konjunktiv_by_form`); ``haben``
and ``werden`` with no other verb in their clause are full verbs (``VERB``). A dict
lookup costs about 1.5 µs a word, an ``attribute_ruler`` with the same table about 24 µs.
The table is learned by :func:`zitat.train.silver.stts_upos_table`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.attrs import LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as _UPOS_IDS
from spacy.strings import StringStore
from spacy.symbols import PROPN
from spacy.tokens import Doc
from spacy.util import ensure_path

#: STTS tags of finite verbs → the Mood a finite verb without one most likely has
MOOD_OF_TAG = {"VVFIN": "Ind", "VAFIN": "Ind", "VMFIN": "Ind", "VVIMP": "Imp", "VAIMP": "Imp"}
#: infinitive tags and the finite tag of the same verb class
FINITE_OF_INF = {"VVINF": "VVFIN", "VAINF": "VAFIN", "VMINF": "VMFIN"}
#: finite forms that are Konjunktiv whoever the subject is (Konjunktiv I of "sein", Konjunktiv
#: II of auxiliaries, modals and frequent strong verbs, whose past forms have no umlaut)
KONJUNKTIV_FORMS = frozenset("""
sei seist seiest seien seiet wäre wärst wärest wären wäret wärt hätte hättest hätten hättet
würde würdest würden würdet könnte könntest könnten könntet müsste müsstest müssten müsstet
müßte müßten dürfte dürftest dürften dürftet möchte möchtest möchten möchtet möge mögest
gäbe gäben käme kämen läge lägen stünde stünden stände ständen wüsste wüssten wüßte wüßten
täte täten bräuchte bräuchten ließe ließen hieße hießen sähe sähen fände fänden gälte gälten
ginge bliebe hielte
""".split())
#: forms of "haben" and "werden" that are full verbs (UD: VERB, not AUX) when no other verb
#: shares their clause (``Sie hat drei Kinder``, ``Er wird Minister``); "sein" stays AUX as
#: the copula
FULL_VERB_FORMS = frozenset("""
hat habe haben hast habt hatte hatten hattest hattet wird werde werden wirst werdet wurde
wurden
""".split())
#: verb tags that make "haben"/"werden" an auxiliary
_GOVERNED_VERBS = frozenset(["VVPP", "VVINF", "VVIZU", "VMINF", "VMPP", "VAPP", "VAINF"])
_FINITE = frozenset(["VVFIN", "VAFIN", "VMFIN"])
#: STTS tags that open a verb-final clause (subordinators, relative and wh-pronouns)
CLAUSE_OPENERS = {"KOUS", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}


def clause_segments(tags: Sequence[str]) -> Iterator[tuple[int, int, bool]]:
    """(start, end, sentence ends here) of the comma- and sentence-bounded stretches of a
    tag sequence, by the tagger's punctuation tags (quote marks and brackets end none)."""
    start = 0
    for end, tag in enumerate([*tags, "$."]):
        if tag == "$," or tag == "$.":
            yield start, end, tag == "$."
            start = end + 1


def orphan_infinitives(tags: Sequence[str], words: Sequence[str]) -> list[int]:
    """Indices of the words tagged infinitive that must be finite plurals.

    A clause needs a finite verb. An ``-en`` form is taken for finite when it is the only
    verb of its comma-bounded segment, no ``zu`` governs it, and either nothing finite came
    before it in the sentence (``Die Preise steigen.``, ``Experten, sagen sie, …``) or its
    segment is a subordinate clause (``, weil die Preise steigen``). The tagger confuses these
    plurals with infinitives more than anything else (most of its Mood misses on the tuning
    split); an infinitive after a comma that belongs to an earlier finite verb (``Er wird,
    so heißt es, zurücktreten``) is left alone.
    """
    found: list[int] = []
    finite_before = False  # in this sentence
    for start, end, sentence_end in clause_segments(tags):
        seg = tags[start:end]
        has_finite = any(t in MOOD_OF_TAG for t in seg)
        infinitives = [start + k for k, t in enumerate(seg) if t in FINITE_OF_INF]
        subordinate = bool(seg) and (seg[0] in CLAUSE_OPENERS
                                     or (len(seg) > 1 and seg[0] == "APPR"
                                         and seg[1] in CLAUSE_OPENERS))
        if len(infinitives) == 1 and not has_finite and (subordinate or not finite_before):
            i = infinitives[0]
            word = words[i]
            # "zu" after a separable prefix is an infinitive the tagger missed (nachzuahmen)
            if word[:1].islower() and "zu" not in word[2:] and not (
                    i > 0 and tags[i - 1] == "PTKZU"):
                found.append(i)
                has_finite = True
        finite_before = (finite_before or has_finite) and not sentence_end
    return found


def konjunktiv_by_form(tags: Sequence[str], lowers: Sequence[str], start: int,
                       end: int) -> list[int]:
    """Indices of the finite verbs in ``start:end`` (one clause; lowercased words) whose
    form alone says Konjunktiv: a form of :data:`KONJUNKTIV_FORMS`, or a present-stem form
    in ``-e`` (``er habe``, ``sie gehe``), which outside the first person is Konjunktiv I;
    the clause must not contain ``ich`` (``ich habe`` is indicative), and ``-te`` is left
    alone (the past tense of weak verbs and their Konjunktiv II look the same), as is the
    past ``wurde``."""
    first_person = None
    found = []
    for i in range(start, end):
        if tags[i] not in _FINITE:
            continue
        word = lowers[i]
        if word in KONJUNKTIV_FORMS:
            found.append(i)
        elif len(word) > 3 and word[-1] == "e" and word[-2] != "t" and word != "wurde":
            if first_person is None:
                first_person = "ich" in lowers[start:end]
            if not first_person:
                found.append(i)
    return found


def _has_mood(strings: StringStore, morph: int) -> bool:
    return bool(morph) and "Mood=" in strings[morph]


class _Texts(Sequence[str]):
    """The texts of a Doc's tokens, read only where asked (a Token object costs ~2 µs)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: Any) -> Any:
        return self.doc[i].text


class SttsUpos:
    """Set ``token.pos_`` from ``token.tag_`` (and ``token.lower_``) where the table knows it."""

    def __init__(self, name: str = "zitat_stts_upos", by_tag: dict[str, str] | None = None,
                 by_word: dict[str, dict[str, str]] | None = None,
                 finite_mood: bool = True) -> None:
        self.name = name
        self.finite_mood = finite_mood
        self.by_tag = dict(by_tag or {})
        self.by_word = {tag: dict(words) for tag, words in (by_word or {}).items()}

    def __call__(self, doc: Doc) -> Doc:
        # column-wise on doc.to_array / from_array: per-Token access cost 8 µs a word
        if not len(doc):
            return doc
        strings, morphology = doc.vocab.strings, doc.vocab.morphology
        array = doc.to_array([TAG, LOWER, POS, MORPH])
        tags = [strings[h] for h in array[:, 0].tolist()]
        lowers = [strings[h] for h in array[:, 1].tolist()]
        pos = array[:, 2].tolist()
        morphs = array[:, 3].tolist()
        feats: dict[int, dict[str, str]] = {}  # token → features to set
        if self.finite_mood:
            for i in orphan_infinitives(tags, _Texts(doc)):
                tags[i] = FINITE_OF_INF[tags[i]]
                array[i, 0] = strings.add(tags[i])
                feats[i] = {"VerbForm": "Fin"}
        by_tag, by_word = self.by_tag, self.by_word
        for i, (tag, lower) in enumerate(zip(tags, lowers, strict=True)):
            words = by_word.get(tag)
            upos = (words.get(lower) if words else None) or by_tag.get(tag)
            # unknown tags keep the morphologizer's UPOS; so does a name that only the
            # morphologizer recognised (speakers are names: "sagte Sabine Roth")
            if upos and not (upos == "NOUN" and pos[i] == PROPN):
                pos[i] = _UPOS_IDS[upos]
            mood = MOOD_OF_TAG.get(tag) if self.finite_mood else None
            if mood and not _has_mood(strings, morphs[i]):
                feats.setdefault(i, {})["Mood"] = mood
        for start, end, _ in clause_segments(tags):
            if self.finite_mood:
                for i in konjunktiv_by_form(tags, lowers, start, end):
                    feats.setdefault(i, {})["Mood"] = "Sub"
            if "VAFIN" in tags[start:end] and _GOVERNED_VERBS.isdisjoint(tags[start:end]):
                for i in range(start, end):
                    if tags[i] == "VAFIN" and lowers[i] in FULL_VERB_FORMS:
                        pos[i] = _UPOS_IDS["VERB"]
        for i, new in feats.items():
            merged = morphology.feats_to_dict(strings[morphs[i]]) if morphs[i] else {}
            merged.update(new)
            array[i, 3] = morphology.add(merged)
        array[:, 2] = pos
        doc.from_array([TAG, POS, MORPH], array[:, [0, 2, 3]])
        return doc

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "table.json").write_text(
            json.dumps({"by_tag": self.by_tag, "by_word": self.by_word}, ensure_ascii=False,
                       sort_keys=True, indent=0),
            encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Any = ()) -> SttsUpos:
        table = json.loads((ensure_path(path) / "table.json").read_text(encoding="utf-8"))
        self.by_tag, self.by_word = table["by_tag"], table["by_word"]
        return self


@Language.factory("zitat_stts_upos", default_config={"finite_mood": True})
def make_stts_upos(nlp: Language, name: str, finite_mood: bool) -> SttsUpos:
    """The table is filled by ``zitat.train.silver.add_upos_mapper`` or loaded from disk."""
    return SttsUpos(name, finite_mood=finite_mood)
