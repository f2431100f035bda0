"""Writing the "Show the numbers" details: captions, cells and the HTML of each table.

:func:`details_html` is what the static renderer puts under a chart: a collapsed ``<details>``
whose summary is :data:`SUMMARY_PREFIX` and the chart's title, holding one table per dataset the
chart draws from (helpers left out), or, for a chart that carries a table of model values, that
table alone. Every table sits in a focusable region named after the chart, so a keyboard user can
scroll a wide or long one; it needs no JavaScript at all.

- **Captions** say what a table holds: the marks its dataset is drawn as ("Table 2 of 3: drawn as
  lines and points."), or for a table of model values its own caption and a sentence naming the
  model. A chart with inputs bound to its parameters (sliders, menus) is drawn from the table's
  numbers only until a control moves, and the caption says so.
- **Size.** A table shows at most :data:`MAX_ROWS` rows; the caption says how many it leaves out.
- **Cells** are formatted by :mod:`seckill.charts.tables.values` and HTML-escaped, as are headers,
  captions and the chart's title. A column of numbers is right-aligned, header included; a text
  column with a cell longer than :data:`LONG_TEXT_CHARS` wraps within a set width (class
  :data:`LONG_TEXT_CLASS`, styled in ``seckill.css``); other columns do not wrap. Each id in a
  ``source_id`` cell links to its row in the "Data and sources" appendix (:func:`source_link`).

The constants here are read when a table is written, so a test that changes one (``MAX_ROWS``)
patches this module, not the package that re-exports it.
"""

from __future__ import annotations

import html

from seckill import i18n
from seckill.charts.tables.columns import SOURCE_FIELD, table_columns
from seckill.charts.tables.model_values import model_table
from seckill.charts.tables.spec import DatasetUse, bound_controls, chart_name, datasets_in_use, is_helper
from seckill.charts.tables.values import MISSING, format_value
from seckill.data import split_source_ids

# The largest dataset a book chart draws from today is 300 rows (household consumption, 4
# economies x 2 sources, Chapter 6); only model output (1,000 simulated sessions in the Chapter 2
# notebook) is longer. A cap of 300 shows every sourced table whole; a 300-row table adds 35-56 kB
# of HTML to its page (4-5 kB gzipped), less than its chart's JSON spec already weighs.
MAX_ROWS = 300
SUMMARY_PREFIX = "Show the numbers: "  # in English; the summary is translated whole (_summary)
# The details' class: the site's stylesheet and script find the tables by it, and the build tells
# apart charts with the same title on one page by it (sitebuild/chart_names.py).
DETAILS_CLASS = "seckill-chart-table"
# A text column with a longer cell wraps (CSS class LONG_TEXT_CLASS); shorter ones stay on one line.
LONG_TEXT_CHARS = 40
LONG_TEXT_CLASS = "seckill-text-long"
# Chapter pages live in book/ and notebooks in notebooks/, both one folder below the site root.
SOURCES_PAGE = "../book/data-and-sources.html"
SOURCE_ANCHOR_PREFIX = "source-"  # seckill.chapters.appendix gives each row of the sources table this id
_CONTROL_WORDS = {
    "range": (i18n.mark("slider"), i18n.mark("sliders")),
    "select": (i18n.mark("menu"), i18n.mark("menus")),
}
_OTHER_CONTROL = (i18n.mark("control"), i18n.mark("controls"))


def _rows_note(count: int) -> str:
    """The sentence for a table cut at :data:`MAX_ROWS` rows, or "" when it is whole."""
    if count <= MAX_ROWS:
        return ""
    return i18n.tr(
        "First {shown:,} of {count:,} rows; the other {left:,} are left out to keep the page light."
    ).format(shown=MAX_ROWS, count=count, left=count - MAX_ROWS)


def _caption(use: DatasetUse, number: int, count: int, controls_note: str) -> str:
    marks = i18n.join_words([i18n.tr(mark) for mark in use.marks])
    if count > 1:
        what = (
            i18n.tr("Table {number} of {count}: drawn as {marks}.")
            if use.marks
            else i18n.tr("Table {number} of {count}: numbers behind the chart.")
        )
    else:
        what = i18n.tr("Drawn as {marks}.") if use.marks else i18n.tr("Numbers behind the chart.")
    parts = [what.format(number=number, count=count, marks=marks)]
    parts.append(_rows_note(len(use.rows)))
    parts.append(controls_note)
    return _sentences(parts)


def _sentences(parts: list[str]) -> str:
    """Sentences one after another: with a space in English, none in Chinese."""
    return ("" if i18n.is_chinese() else " ").join(part for part in parts if part)


def _model_names(model: str) -> str:
    """The model's code names as a list in the reader's language ("a, b and c" written in English)."""
    if not i18n.is_chinese():
        return model
    return "、".join(model.replace(" and ", ", ").split(", "))


def _model_caption(spec: dict, meta: dict) -> str:
    caption = meta["caption"].strip()
    if not caption.endswith((".", "!", "?", "。", "！", "？")):
        caption += "。" if i18n.is_chinese() else "."
    controls, plural = _controls(spec)
    if controls:
        source = (
            i18n.tr(
                "Values at the chart's starting settings, computed with the book's Python model "
                "({model}); its {controls} change the chart, not this table."
            )
            if plural
            else i18n.tr(
                "Values at the chart's starting settings, computed with the book's Python model "
                "({model}); its {controls} changes the chart, not this table."
            )
        ).format(model=_model_names(meta["model"]), controls=controls)
    else:
        source = i18n.tr("Values computed with the book's Python model ({model}).")
        source = source.format(model=_model_names(meta["model"]))
    return _sentences([caption, _rows_note(len(meta["rows"])), source])


def _controls(spec: dict) -> tuple[str, bool]:
    """The chart's bound inputs in words, e.g. "sliders" or "slider and menu", and whether they
    take a plural verb; "" if there are none."""
    counts = bound_controls(spec)
    if not counts:
        return "", False
    words = []
    for kind, number in counts.items():
        singular, plural = _CONTROL_WORDS.get(kind, _OTHER_CONTROL)
        words.append(singular if number == 1 else plural)
    words = list(dict.fromkeys(words))
    singulars = {singular for singular, _ in [*_CONTROL_WORDS.values(), _OTHER_CONTROL]}
    one = len(words) == 1 and words[0] in singulars
    return i18n.join_words([i18n.tr(word) for word in words]), not one


def controls_note(spec: dict) -> str:
    """A sentence for charts with bound inputs: the table is the starting data, not what is drawn."""
    controls, plural = _controls(spec)
    if not controls:
        return ""
    note = (
        i18n.tr("Numbers the chart starts from: its {controls} change the chart, not this table.")
        if plural
        else i18n.tr("Numbers the chart starts from: its {controls} changes the chart, not this table.")
    )
    return note.format(controls=controls)


def source_link(source_id: str) -> str:
    """The address of a source's row in the "Data and sources" appendix, relative to a chapter page."""
    return f"{SOURCES_PAGE}#{SOURCE_ANCHOR_PREFIX}{source_id}"


def _source_cell(text: str) -> str:
    """A source_id cell with each id (``;``-separated) linked to its row in the appendix."""
    ids = split_source_ids(text) if text != MISSING else []
    if not ids:
        return html.escape(text)
    return "; ".join(f'<a href="{html.escape(source_link(i))}">{html.escape(i)}</a>' for i in ids)


def _table_html(columns: list[str], headers: list[str], rows: list, caption: str) -> str:
    rows = rows[:MAX_ROWS]
    cells = [
        [format_value(row.get(name) if isinstance(row, dict) else None) for name in columns] for row in rows
    ]
    by_column = list(zip(*cells, strict=True)) or [()] * len(columns)
    # A column of numbers (missing values aside) is right-aligned, header included, so digits line up.
    numeric = [
        any(is_number for _, is_number in column)
        and all(is_number or text == MISSING for text, is_number in column)
        for column in by_column
    ]
    long_text = [
        not is_numeric and any(len(text) > LONG_TEXT_CHARS for text, _ in column)
        for column, is_numeric in zip(by_column, numeric, strict=True)
    ]
    css = [
        ' class="seckill-num"' if is_numeric else f' class="{LONG_TEXT_CLASS}"' if is_long else ""
        for is_numeric, is_long in zip(numeric, long_text, strict=True)
    ]
    write = [_source_cell if name == SOURCE_FIELD else html.escape for name in columns]
    head = "".join(f'<th scope="col"{css[i]}>{html.escape(header)}</th>' for i, header in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{css[i]}>{write[i](text)}</td>" for i, (text, _) in enumerate(row)) + "</tr>"
        for row in cells
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def details_html(spec: dict) -> str:
    """The collapsed ``<details>`` with the chart's numbers.

    One table per dataset the chart draws from, or, when the chart carries a table of model values
    (:func:`~seckill.charts.tables.model_values.model_table`), that table alone.
    """
    name = chart_name(spec)
    meta = model_table(spec)
    if meta is not None:
        columns = [column["field"] for column in meta["columns"]]
        headers = [column["title"] for column in meta["columns"]]
        tables = [(columns, headers, meta["rows"], _model_caption(spec, meta))]
    else:
        shown = [use for use in datasets_in_use(spec) if not is_helper(use)]
        note = controls_note(spec)
        tables = []
        for number, use in enumerate(shown, start=1):
            columns = table_columns(use)
            tables.append(
                (
                    [column.name for column in columns],
                    [column.header for column in columns],
                    use.rows,
                    _caption(use, number, len(shown), note),
                )
            )
    summary = i18n.tr("Show the numbers: {title}").format(title=name)
    parts = [f'<details class="{DETAILS_CLASS}"><summary>{html.escape(summary)}</summary>']
    if not tables:
        empty = i18n.tr(
            "This chart computes everything it shows in the browser; it is given no table of numbers."
        )
        parts.append(f'<p class="seckill-chart-table-empty">{html.escape(empty)}</p>')
    for number, (columns, headers, rows, caption) in enumerate(tables, start=1):
        # A focusable, named region: a keyboard user can scroll a wide or long table (WCAG 2.1.1).
        # The class is the one seckill.js gives wrappers of notebook tables, so it is not re-wrapped.
        label = (
            i18n.tr("Table {number} of {count}, {title}").format(number=number, count=len(tables), title=name)
            if len(tables) > 1
            else i18n.tr("Table, {title}").format(title=name)
        )
        parts.append(
            f'<div class="seckill-scroll seckill-chart-table-scroll" tabindex="0" role="region" '
            f'aria-label="{html.escape(label)}">'
            f"{_table_html(columns, headers, rows, caption)}</div>"
        )
    parts.append("</details>")
    return "".join(parts)
