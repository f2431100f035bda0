"""What a narrative page's hidden first cell calls: glue a chapter's numbers into the page's text.

Every number a page quotes comes from its chapter's tested ``chapter_numbers()``; the page's cell
only hands them to MyST-NB's ``glue`` under their names, so the text can write
``{glue:text}`name:.1f```. The cell is the same two lines on every page::

    from seckill import pages
    from seckill.chapters import ch01
    pages.glue_numbers(ch01.chapter_numbers())
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

from seckill import charts


def glue_numbers(numbers: Mapping[str, float]) -> None:
    """Turn on the book's chart style, then glue each number under its name, not displayed.

    A value that is neither a finite number nor a non-empty string (a name, a year's label) stops
    the page's build with its name, so a page never shows "nan" or "None" where a number belongs.
    """
    # MyST-NB is installed for the book build only; readers' notebooks never call this.
    from myst_nb import glue

    charts.use()
    for name, value in numbers.items():
        is_text = isinstance(value, str) and value.strip() != ""
        is_number = isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
        if not (is_text or is_number):
            raise ValueError(f"page number {name!r} must be a finite number or a text; got {value!r}")
        glue(name, value, display=False)
