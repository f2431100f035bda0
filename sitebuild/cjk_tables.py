"""Short table cells keep their words whole in a Chinese (or Japanese) edition.

Chinese breaks a line between any two characters. In a table narrower than its text (a phone's
screen) the browser then gives a column of short cells the width of one character and lets the
long cells beside it take the room: the instructor guide's plan showed 第/1/章 on three lines at
390 px. A cell whose every piece between spaces is short is marked with :data:`SHORT_CELL_CLASS`,
and the stylesheet keeps such a cell's words whole there (``word-break: keep-all``, which still
breaks at its spaces and punctuation); a long cell is left to wrap anywhere, so a table still fits
where it did. The English edition is left as it is: its words break at spaces only.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sitebuild.cjk_lang import is_chinese_edition

SHORT_CELL_CLASS = "seckill-short-cell"
# Characters in the longest piece a short cell may hold: "页面约60分钟" (7) and "第10章" stay whole;
# a clause of a sentence is longer and still wraps.
SHORT_PIECE_CHARACTERS = 8


def is_short(text: str, limit: int = SHORT_PIECE_CHARACTERS) -> bool:
    """Whether every piece of ``text`` between spaces has at most ``limit`` characters (an empty
    cell is not marked)."""
    pieces = text.split()
    return bool(pieces) and max(len(piece) for piece in pieces) <= limit


class MarkShortCells(SphinxPostTransform):
    """Mark each short cell of the page's tables (head and body) in a CJK edition."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not is_chinese_edition(self.config):
            return
        for entry in self.document.findall(nodes.entry):
            if is_short(entry.astext()) and SHORT_CELL_CLASS not in entry["classes"]:
                entry["classes"].append(SHORT_CELL_CLASS)


def setup(app):
    app.add_post_transform(MarkShortCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
