"""zitat's spaCy components and functions reach spaCy through entry points: a pipeline
that uses them loads with plain ``spacy.load`` in a process that never imported zitat."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from spacy.language import Language
from spacy.util import registry

from zitat.nlp.pipeline import COMPONENTS, CORE_MODEL, load_pipeline

TEXT = ("„Die Brücke wird im Herbst wieder befahrbar sein“, sagte Baustadträtin Ines "
        "Kowalczyk am Dienstag in Magdeburg.")


def _zitat_entry_points(group: str) -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=group)
            if ep.value.startswith("zitat.")}


def test_every_component_and_function_has_an_entry_point_that_registers_it():
    factories = _zitat_entry_points("spacy_factories")
    assert set(COMPONENTS) | {"zitat_sentences", "zitat_stts_upos"} <= set(factories)
    for group in ("spacy_factories", "spacy_vectors", "spacy_callbacks"):
        for ep in entry_points(group=group):
            if ep.value.startswith("zitat."):
                assert callable(ep.load()), ep
    assert all(Language.has_factory(name) for name in factories)
    assert callable(registry.vectors.get("zitat.CachedFloretVectors.v1"))
    assert callable(registry.callbacks.get("zitat.LexiconFeatures.v1"))


def _load_fresh(path: str, text: str) -> dict:
    """``spacy.load(path)`` in a new interpreter that has not imported zitat before."""
    script = (
        "import json, sys, spacy\n"
        "assert not [m for m in sys.modules if m.startswith('zitat')]\n"
        f"nlp = spacy.load({path!r})\n"
        f"doc = nlp.make_doc({text!r})\n"
        "if doc.has_extension('article_date'):\n"
        "    doc._.article_date = '2023-09'\n"
        "doc = nlp(doc)\n"
        "quotes = [[q.type, q.text, q.speaker and q.speaker.text] "
        "          for q in (doc._.quotes if doc.has_extension('quotes') else None) or []]\n"
        "print(json.dumps({'pipe_names': nlp.pipe_names, 'ents': [e.text for e in doc.ents],"
        " 'quotes': quotes}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_shipped_core_model_loads_without_importing_zitat_first():
    loaded = _load_fresh(str(CORE_MODEL), TEXT)
    assert "stts_upos" in loaded["pipe_names"]
    assert "Ines Kowalczyk" in loaded["ents"]


@pytest.mark.slow
def test_full_pipeline_round_trips_through_to_disk_and_spacy_load(tmp_path):
    nlp = load_pipeline()
    doc = nlp.make_doc(TEXT)
    doc._.article_date = "2023-09"
    expected = [[q.type, q.text, q.speaker and q.speaker.text] for q in nlp(doc)._.quotes]
    assert expected  # the sentence holds a direct quotation
    nlp.to_disk(tmp_path / "pipeline")
    loaded = _load_fresh(str(tmp_path / "pipeline"), TEXT)
    assert loaded["pipe_names"] == nlp.pipe_names
    assert loaded["quotes"] == expected
