"""Distinct names for charts with the same title on one built page.

A reader moving through a page by its landmarks or its collapsible sections hears each chart's
"Show the numbers" summary and the names of its table regions; two charts called the same leave
them guessing which is which. The renderer writes one chart at a time and cannot see that a
notebook draws two charts with one title, so the build looks at the whole page once it is
assembled (the ``html-page-context`` hook in :mod:`sitebuild.sphinxext`) and adds each repeated
chart's position to its names: "… (chart 3 on this page)".
"""

from __future__ import annotations

import html
import re

from seckill.charts.tables import DETAILS_CLASS
from sitebuild.site_locale import _

_DETAILS_BLOCK = re.compile(rf'<details class="{re.escape(DETAILS_CLASS)}">.*?</details>', re.S)
_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)
_REGION_LABEL = re.compile(r'(role="region" aria-label=")([^"]*)(")')


def name_repeated_charts(page_html: str) -> str:
    """The page with every chart whose summary another chart shares renamed by its position.

    Charts are counted from the top of the page, all of them, so "chart 3" is the third chart a
    reader meets. A page whose charts already have distinct names comes back as it was.
    """
    blocks = _DETAILS_BLOCK.findall(page_html)
    summaries = [match.group(1) if (match := _SUMMARY.search(block)) else "" for block in blocks]
    if len(set(summaries)) == len(summaries):
        return page_html
    renamed = iter(
        _rename(block, str(_(" (chart {position} on this page)")).format(position=position))
        if summaries.count(summary) > 1
        else block
        for position, (block, summary) in enumerate(zip(blocks, summaries, strict=True), start=1)
    )
    return _DETAILS_BLOCK.sub(lambda _match: next(renamed), page_html)


def _rename(block: str, suffix: str) -> str:
    """Add ``suffix`` to the details' summary and to the name of each of its table regions."""
    block = _SUMMARY.sub(lambda m: f"<summary>{m.group(1)}{html.escape(suffix)}</summary>", block, count=1)
    return _REGION_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2)}{html.escape(suffix)}{m.group(3)}", block)
