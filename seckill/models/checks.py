"""Checks shared by every model: a bad parameter stops with a ``ValueError`` that names it.

One implementation of each check lives here, so every model refuses the same things in the same
words: anything that is not a real number (strings, ``None``, and ``True``/``False``, which Python
would otherwise count as 1 and 0), NaN and infinity, integers too large to become a float
(``10**400``), and values outside the parameter's range. Every message gives the parameter's name,
the value it got and what it expects.

The explorers show a ``ValueError``'s message to the reader instead of a chart, which is why a
wrong type is a ``ValueError`` here too, not a ``TypeError``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real

import pandas as pd

from seckill.i18n import tr

# A value's repr is cut to this many characters in a message (10**400 has 401 digits).
_MAX_SHOWN_CHARS = 40


def shown(value: object) -> str:
    """``repr(value)`` cut short for an error message."""
    text = repr(value)
    if len(text) > _MAX_SHOWN_CHARS:
        text = f"{text[: _MAX_SHOWN_CHARS - 12]}...({len(text)} characters)"
    return text


def require_finite(name: str, value: object) -> float:
    """Return ``value`` as a float, or raise ``ValueError`` naming ``name`` if it is not a finite number.

    Booleans are refused (``True`` is not a number of anything), and so are integers too large for
    a float, which ``float()`` would turn into an ``OverflowError`` that names nothing.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(
            tr("{name} must be a number; got {value} ({kind})").format(
                name=name, value=shown(value), kind=type(value).__name__
            )
        )
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(
            tr("{name} must be finite; got {value}, too large for a float").format(
                name=name, value=shown(value)
            )
        ) from None
    if not math.isfinite(number):
        raise ValueError(tr("{name} must be finite; got {value}").format(name=name, value=shown(value)))
    return number


def require_positive(name: str, value: object) -> float:
    """Like :func:`require_finite`, and the number must be greater than zero."""
    number = require_finite(name, value)
    if number <= 0:
        raise ValueError(
            tr("{name} must be greater than zero; got {value}").format(name=name, value=shown(value))
        )
    return number


def require_non_negative(name: str, value: object) -> float:
    """Like :func:`require_finite`, and the number must be zero or more."""
    number = require_finite(name, value)
    if number < 0:
        raise ValueError(tr("{name} must not be negative; got {value}").format(name=name, value=shown(value)))
    return number


def require_between(name: str, value: object, low: float, high: float, *, what: str = "") -> float:
    """A finite number from ``low`` to ``high`` inclusive; the message gives the allowed range.

    ``what`` describes the quantity in the message (e.g. "a yearly growth rate as a fraction").
    """
    number = require_finite(name, value)
    if not low <= number <= high:
        message = (
            tr("{name} must be {what} between {low:g} and {high:g}; got {value}")
            if what
            else tr("{name} must be between {low:g} and {high:g}; got {value}")
        )
        raise ValueError(
            message.format(name=name, what=tr(what) if what else "", low=low, high=high, value=shown(value))
        )
    return number


def require_percent(name: str, value: object) -> float:
    """A percentage from 0 to 100 (20 means 20 %); raises ``ValueError`` naming ``name`` otherwise."""
    number = require_finite(name, value)
    if not 0 <= number <= 100:
        raise ValueError(
            tr("{name} must be a percentage from 0 to 100 (20 means 20 %); got {value}").format(
                name=name, value=shown(value)
            )
        )
    return number


def require_share(name: str, value: object) -> float:
    """A share from 0 to 1 inclusive (0.2 means 20 %); the message suspects a percentage above 1."""
    number = require_finite(name, value)
    if not 0.0 <= number <= 1.0:
        message = (
            tr(
                "{name} must be a share between 0 and 1 (0.2 means 20 %); got {value}. "
                "Did you pass a percentage instead of a fraction?"
            )
            if 1 < number <= 100
            else tr("{name} must be a share between 0 and 1 (0.2 means 20 %); got {value}.")
        )
        raise ValueError(message.format(name=name, value=shown(value)))
    return number


def require_count(name: str, value: object, *, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole number of things (people, orders, days) from ``minimum`` to ``maximum``.

    Only integers are counts: ``3.0`` and ``True`` are refused. ``maximum`` keeps the arithmetic a
    count feeds into within a float's range.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(
            tr("{name} must be a whole number (int); got {value} ({kind})").format(
                name=name, value=shown(value), kind=type(value).__name__
            )
        )
    if value < minimum:
        raise ValueError(
            tr("{name} must be at least {minimum:,}; got {value}").format(
                name=name, minimum=minimum, value=shown(value)
            )
        )
    if maximum is not None and value > maximum:
        raise ValueError(
            tr("{name} must be at most {maximum:,}; got {value}").format(
                name=name, maximum=maximum, value=shown(value)
            )
        )
    return int(value)


def require_whole(name: str, value: object, minimum: int, maximum: int) -> int:
    """A whole number from ``minimum`` to ``maximum``, given as an int or as a float such as ``2000.0``.

    For inputs a reader may type either way (an audience of ``2e6``); counts that only code passes
    use :func:`require_count`.
    """
    # An int is compared as it is (a float would round integers above 2**53).
    number = (
        value if isinstance(value, Integral) and not isinstance(value, bool) else require_finite(name, value)
    )
    if number != math.floor(number):
        raise ValueError(
            tr("{name} must be a whole number; got {value}").format(name=name, value=shown(value))
        )
    if not minimum <= number <= maximum:
        raise ValueError(
            tr("{name} must be between {minimum:,} and {maximum:,}; got {value}").format(
                name=name, minimum=minimum, maximum=maximum, value=shown(value)
            )
        )
    return int(number)


# Years the book's models are asked about: from before the first data to centuries past the last.
MIN_YEAR = 1900
MAX_YEAR = 2500


def require_year(name: str, value: object) -> int:
    """A calendar year as an int from :data:`MIN_YEAR` to :data:`MAX_YEAR` (``True`` is not a year)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(
            tr("{name} must be a whole year (int); got {value} ({kind})").format(
                name=name, value=shown(value), kind=type(value).__name__
            )
        )
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(
            tr("{name} must be a year from {first} to {last}; got {value}").format(
                name=name, first=MIN_YEAR, last=MAX_YEAR, value=shown(value)
            )
        )
    return int(value)


def require_frame(name: str, value: object, columns: Iterable[str]) -> pd.DataFrame:
    """A pandas DataFrame with at least ``columns``; the message lists the columns that are missing."""
    if not isinstance(value, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame; got {type(value).__name__}")
    missing = [column for column in columns if column not in value.columns]
    if missing:
        raise ValueError(f"{name} is missing the column(s) {missing}")
    return value


def require_instance(name: str, value: object, kind: type) -> object:
    """``value`` must be a ``kind`` (one of the models' dataclasses); the message names both."""
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__}; got {type(value).__name__}")
    return value


def finite_result(what: str, value: float, advice: str) -> float:
    """A computed number that must be finite; else a ``ValueError`` saying what overflowed and why.

    For results that stay finite for each input alone but not for every combination (a tiny start
    and a huge end over a fraction of a year); ``advice`` says which inputs to change.
    """
    if not math.isfinite(value):
        raise ValueError(
            tr("{what} is too large to compute ({value!r}); {advice}").format(
                what=what, value=value, advice=advice
            )
        )
    return value
