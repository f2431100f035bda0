"""What a narrative page's hidden first cell calls: glue a chapter's numbers into the page's text.

Every number a page quotes comes from its chapter's tested ``chapter_numbers()``; the page's cell
only hands them to MyST-NB's ``glue`` under their names, so the text can write
``{glue:text}`name:.1f```. The cell is the same on every page::

    from seckill import pages
    from seckill.chapters import ch01
    pages.glue_numbers(ch01.chapter_numbers())
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

from seckill import charts


class _Text(str):
    """A text glued as it reads: ``glue`` shows a plain ``str`` by its repr, in quotes."""

    def __repr__(self) -> str:
        return str(self)


def glue_numbers(numbers: Mapping[str, float | str]) -> Mapping[str, float | str]:
    """Turn on the book's chart style, then glue each number under its name, not displayed.

    A value that is neither a finite number nor a non-empty string (a name, a date written out)
    stops the page's build with its name, so a page never shows "nan" or "None" where a number
    belongs. Texts are glued without quotes. Returns ``numbers`` unchanged, so a page that also
    passes one of them to a chart need not compute them twice.
    """
    # MyST-NB is installed for the book build only; readers' notebooks never call this.
    from myst_nb import glue

    for name, value in numbers.items():
        if not (_is_text(value) or _is_number(value)):
            raise ValueError(f"page number {name!r} must be a finite number or a text; got {value!r}")
    charts.use()
    for name, value in numbers.items():
        glue(name, _Text(value) if _is_text(value) else value, display=False)
    return numbers


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
