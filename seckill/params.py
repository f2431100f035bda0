"""Small checks shared by every model: a bad parameter stops with a message that names it."""

from __future__ import annotations

import math
from numbers import Real


def require_finite(name: str, value: object) -> float:
    """Return ``value`` as a float, or raise ``ValueError`` naming ``name`` if it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number; got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value!r}")
    return value


def require_positive(name: str, value: object) -> float:
    """Like :func:`require_finite`, and the number must be greater than zero."""
    value = require_finite(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be greater than zero; got {value!r}")
    return value
