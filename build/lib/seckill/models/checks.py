"""Small checks shared by every model: a bad parameter stops with a message that names it."""

from __future__ import annotations

import math
from numbers import Integral, Real


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


def require_non_negative(name: str, value: object) -> float:
    """Like :func:`require_finite`, and the number must be zero or more."""
    value = require_finite(name, value)
    if value < 0:
        raise ValueError(f"{name} must not be negative; got {value!r}")
    return value


def require_percent(name: str, value: object) -> float:
    """A percentage from 0 to 100 (20 means 20 %); raises ``ValueError`` naming ``name`` otherwise."""
    value = require_finite(name, value)
    if not 0 <= value <= 100:
        raise ValueError(f"{name} must be a percentage from 0 to 100 (20 means 20 %); got {value!r}")
    return value


def require_count(name: str, value: object, *, minimum: int = 1) -> int:
    """A whole number of things (people, orders) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value!r}")
    return int(value)


def require_between(name: str, value: object, low: float, high: float) -> float:
    """A finite number from ``low`` to ``high`` inclusive; the message gives the allowed range."""
    value = require_finite(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}; got {value!r}")
    return value
