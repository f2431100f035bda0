"""Short table cells keep their words whole in the Chinese edition.

Chinese breaks a line between any two characters. In a table narrower than its text (a phone's
screen) the browser then gives a column of short cells the width of one character and lets the
long cells beside it take the room: the instructor guide's plan showed 第/1/章 on three lines at
390 px. A cell whose every piece between spaces is short (第1章, A课, 约60 + 60分钟) is marked with
:data:`SHORT_CELL_CLASS`, and the stylesheet keeps such a cell's words whole there
(``word-break: keep-all``, which still breaks at its spaces); a longer cell still wraps anywhere.
The limit is small on purpose: a column of cells kept whole takes room from the long cells beside
it (the guide's table of formats reads better with 一次90分钟的课 wrapped than with its plans in a
column four characters wide). The English edition is left as it is: its words break at spaces only.

It runs once a page is resolved, so tables the build writes itself (the question bank's downloads)
are marked too.
"""

from __future__ import annotations

from docutils import nodes

from sitebuild.site_locale import is_chinese

SHORT_CELL_CLASS = "seckill-short-cell"
# Characters in the longest piece a short cell may hold: 第1章, 第10章, 60分钟.
SHORT_PIECE_CHARACTERS = 4


def is_short(text: str, limit: int = SHORT_PIECE_CHARACTERS) -> bool:
    """Whether every piece of ``text`` between spaces has at most ``limit`` characters (an empty
    cell is not marked)."""
    pieces = text.split()
    return bool(pieces) and max(len(piece) for piece in pieces) <= limit


def mark_short_cells(app, doctree, docname) -> None:
    """Mark each short cell of the page's tables (head and body) in the Chinese edition."""
    if app.builder.format != "html" or not is_chinese(app.config):
        return
    for entry in doctree.findall(nodes.entry):
        if is_short(entry.astext()) and SHORT_CELL_CLASS not in entry["classes"]:
            entry["classes"].append(SHORT_CELL_CLASS)


def setup(app):
    # After the handlers that write tables into a resolved page (priority 500).
    app.connect("doctree-resolved", mark_short_cells, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
