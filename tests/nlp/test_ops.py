"""MatmulOps: thinc's NumPy backend with matrix products by numpy.matmul."""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps

from zitat.nlp.ops import MatmulOps


def test_gemm_matches_thinc_in_every_transposition() -> None:
    rng = numpy.random.default_rng(3)
    x = rng.random((5, 7), dtype="float32")
    y = rng.random((7, 4), dtype="float32")
    ours, theirs = MatmulOps(), NumpyOps()
    for a, b, t1, t2 in ((x, y, False, False), (x.T.copy(), y, True, False),
                         (x, y.T.copy(), False, True), (x.T.copy(), y.T.copy(), True, True)):
        expected = theirs.gemm(a, b, trans1=t1, trans2=t2)
        numpy.testing.assert_allclose(ours.gemm(a, b, trans1=t1, trans2=t2), expected, rtol=1e-5)
        out = numpy.zeros((5, 4), dtype="float32")
        assert ours.gemm(a, b, out=out, trans1=t1, trans2=t2) is out
        numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_the_core_model_runs_on_it() -> None:
    from zitat.nlp.pipeline import load_core

    nlp = load_core()
    assert isinstance(nlp.get_pipe("ner").model.ops, MatmulOps)
    doc = nlp("Die Kanzlerin reiste am Montag nach Paris.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Paris", "LOC")]
