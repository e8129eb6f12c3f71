"""Matrix products for the core model through NumPy's BLAS instead of thinc's bundled BLIS.

The BLIS builds that thinc 8.3.12+ requires (``blis>=1.3``) multiply float32 matrices
about four times slower than NumPy's OpenBLAS on the machines zitat is benchmarked on
(1000×1000: 1.3 s against 0.3 s for ten products), which made the whole core model about
75 % slower. :class:`MatmulOps` keeps every other thinc operation and only routes ``gemm``
(the CNN and output layers) through ``numpy.matmul``; the results are the same floats up
to rounding.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class MatmulOps(NumpyOps):
    """thinc's NumPy backend with ``gemm`` computed by ``numpy.matmul``."""

    name = "zitat_matmul"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False,
             trans2: bool = False) -> Any:
        """``x @ y`` (either transposed first), written into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_matmul_ops() -> None:
    """Make :class:`MatmulOps` thinc's current backend, unless a GPU or custom one is set."""
    if type(get_current_ops()) is NumpyOps:
        set_current_ops(MatmulOps())
