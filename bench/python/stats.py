"""Summary statistics the benchmark scripts share (run.py, chat_load.py); standard library only, so that a
script running in the course venv (without the bench venv's packages) can use them too."""
from __future__ import annotations


def percentile(values, q):
    """The q-quantile (0 <= q <= 1) of `values`, interpolated linearly between the two nearest ranks
    (NumPy's default "linear" method, Hyndman and Fan's definition 7)."""
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    pos = (len(values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)
