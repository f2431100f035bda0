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

from seckill import charts, i18n


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

    A number named in an English scale (``gmv_2019_rmb_bn``) is also glued under each of its
    Chinese-scale names (:func:`seckill.i18n.chinese_scale_names`: ``gmv_2019_rmb_yi``, ten times
    the value), for the Chinese edition's text; a Chinese-scale name that is also a number of the
    chapter, or that two numbers would share, stops the build (:func:`with_chinese_scales`).
    """
    # MyST-NB is installed for the book build only; readers' notebooks never call this.
    from myst_nb import glue

    for name, value in numbers.items():
        if not (_is_text(value) or _is_number(value)):
            raise ValueError(f"page number {name!r} must be a finite number or a text; got {value!r}")
    everything = with_chinese_scales(numbers)
    charts.use()
    for name, value in everything.items():
        glue(name, _Text(value) if _is_text(value) else value, display=False)
    return numbers


def with_chinese_scales(numbers: Mapping[str, float | str]) -> dict[str, float | str]:
    """``numbers`` and, for each number named in an English scale, the same number under its
    Chinese-scale names, converted (``x_rmb_bn`` 12.5 also as ``x_rmb_yi`` 125.0, ``x_rmb_wan``
    and ``x_rmb_wanyi``). Raises ``ValueError`` when a converted name is already one of
    ``numbers`` or comes from two of them: a page would quote the wrong one."""
    converted: dict[str, float] = {}
    origin: dict[str, str] = {}
    for name, value in numbers.items():
        if not _is_number(value):
            continue
        for chinese_name, factor in i18n.chinese_scale_names(name).items():
            if chinese_name in numbers:
                raise ValueError(
                    f"page number {chinese_name!r} is also the Chinese-scale name of {name!r}; rename one"
                )
            if chinese_name in origin:
                raise ValueError(
                    f"page numbers {origin[chinese_name]!r} and {name!r} would both be glued as "
                    f"{chinese_name!r}; rename one"
                )
            origin[chinese_name] = name
            converted[chinese_name] = value * factor
    return {**numbers, **converted}


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
