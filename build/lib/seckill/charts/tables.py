"""The numbers behind a chart as an HTML table, built in Python from the chart's Vega-Lite spec.

Every chart in the static book gets a collapsed ``<details>`` under it ("Show the numbers: <chart
title>") holding one ``<table>`` per dataset the chart draws from. It needs no JavaScript, so
screen readers, search engines and readers without scripts get the numbers too. The static
renderer (:mod:`seckill.charts.render`) calls :func:`details_html` for each chart.

What goes in:

- **Datasets.** Altair puts data in the top-level ``datasets`` and points to it with
  ``data: {"name": ...}`` in the top-level spec or in ``layer``/``vconcat``/``hconcat``/``concat``
  (and ``facet``/``repeat``) sub-specs, which inherit their parent's data; data may also be inline
  (``data: {"values": [...]}``) or joined in by a ``lookup`` transform. Every dataset a view draws
  from is shown once, in the order the chart first uses it, with a ``<caption>`` naming the marks
  it is drawn as.
- **Helper datasets are left out** (:func:`is_helper`): a dataset none of whose columns is mapped
  to an encoding channel of a view drawing from it (an ``{"anchor": 0}`` row that places a text
  note, a counter of text lines, a grid that only feeds a formula), or a single value (one row, one
  column: the 0 behind a zero line, a one-line note). Such rows hold no numbers a reader would look
  up. If nothing is left, the details says the chart is given no table of numbers.
- **Columns** keep the dataset's order, with three exceptions (:func:`table_columns`):

  - *Internal columns are left out*: a column that no channel shows (``order`` and ``detail`` sort
    and group without showing a value), that is not a field of the table's resource in the data
    package (below) and that holds only text or a counter (whole numbers running 0, 1, 2, … or 1,
    2, 3, …), such as a sort key (``part_order``), a row counter or a label the chart does not
    draw. Any other number is kept, since it may be a sourced figure under a new name, and so is
    ``source_id``.
  - *Duplicates are shown once*: when two columns hold the same values in every row (``date`` and
    a derived ``Date``), the first keeps its place and takes the better of the two headers, unless
    the chart titles both, differently (the x and y of a line of equality).
  - ``source_id`` is headed "Source" and each id links to its row in the book's "Data and sources"
    appendix (``../book/data-and-sources.html#source-<id>``; every page with a chart is one folder
    below the site's root).
- **Column headers**, best first: the axis, legend and tooltip titles the chart gives a field
  (positional channels first, tooltips last); else the field's ``title`` in the data package, or
  its ``description`` when that is short enough to be a header (:data:`HEADER_MAX_CHARS`, no ``:``
  or ``;``); else the field name made readable (:func:`readable_name`: ``share_pct`` → "Share, %").
  A field is looked up in one resource of ``data/datapackage.json``: the one sharing the most column
  names with the table (on a tie, the one sharing more names no other resource has, then the first
  in the package), and only when the table has a ``source_id`` column or shares at least
  :data:`MIN_SHARED_FIELDS` names with it. A table with neither is derived: a shared name such as
  ``share_pct`` may mean something else there. The package is read once per process.
- **Values**: integers stay integers (thousands grouped from 10,000, so years read as years),
  other numbers get at most :data:`SIGNIFICANT_DIGITS` significant digits (no ``0.30000000000000004``),
  strings such as ISO dates are shown as they are, and missing values are :data:`MISSING`.
  Everything is HTML-escaped. Text columns whose longest cell is longer than
  :data:`LONG_TEXT_CHARS` wrap within a set width (class ``seckill-text-long``, see ``seckill.css``);
  other columns do not wrap.
- **Size**: at most :data:`MAX_ROWS` rows per table; the caption says how many were left out.
- **Controls**: when the chart has inputs bound to Vega parameters (sliders, menus), the table
  holds the numbers the chart starts from, not what it draws after a control moves, and the
  caption says so.
- **A table of model values** replaces all of the above for charts that compute what they show in
  the browser (Vega expressions driven by sliders), whose datasets hold only labels or model
  inputs. Such a chart carries, in its top-level ``usermeta`` (allowed by the Vega-Lite schema and
  ignored by Vega), ``{"seckill_table": {"caption": str, "model": str, "columns": [{"field": str,
  "title": str}, ...], "rows": [{field: value, ...}, ...]}}``: the numbers the chart shows at its
  starting settings, computed by the book's Python model that its Vega expressions mirror.
  :func:`model_table_meta` builds and checks it from a DataFrame
  (:func:`seckill.charts.with_model_table` adds it to a chart in one line); the details then shows
  that one table, formatted, escaped and capped like the others, with the chart's caption followed
  by a sentence naming the model and saying the chart's controls change the chart, not the table.

Summaries must give each chart on a page a distinct accessible name; charts with the same title
on one page are told apart by :func:`name_repeated_charts`, which the Sphinx extension runs on
each page.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from seckill.data import find_data_dir, read_descriptor, split_source_ids

# The largest dataset a book chart draws from today is 300 rows (household consumption, 4
# economies x 2 sources, Chapter 6); only model output (1,000 simulated sessions in the Chapter 2
# notebook) is longer. A cap of 300 shows every sourced table whole; a 300-row table adds 35-56 kB
# of HTML to its page (4-5 kB gzipped), less than its chart's JSON spec already weighs.
MAX_ROWS = 300
SIGNIFICANT_DIGITS = 6
# Grouping digits from 10,000 up keeps years (2021) and four-digit counts unbroken.
GROUP_DIGITS_FROM = 10_000
MISSING = "–"  # en dash, the same in every table
SUMMARY_PREFIX = "Show the numbers: "
# A field description longer than this, or one with ":" or ";", reads as a sentence, not a header:
# such fields carry a short "title" in datapackage.json (tests/test_data_package.py checks it).
HEADER_MAX_CHARS = 40
# A table without a source_id column takes field metadata only from a resource it shares this many
# column names with; fewer (year and share_pct) may be a derived table reusing common names.
MIN_SHARED_FIELDS = 3
# A text column with a longer cell wraps (CSS class LONG_TEXT_CLASS); shorter ones stay on one line.
LONG_TEXT_CHARS = 40
LONG_TEXT_CLASS = "seckill-text-long"
SOURCE_FIELD = "source_id"
SOURCE_HEADER = "Source"
# Chapter pages live in book/ and notebooks in notebooks/, both one folder below the site root.
SOURCES_PAGE = "../book/data-and-sources.html"
SOURCE_ANCHOR_PREFIX = "source-"  # seckill.chapters.appendix gives each row of the sources table this id

# Channels whose title is an axis or legend title (with units): preferred over tooltip titles.
_CHANNEL_PRIORITY = ("x", "y", "x2", "y2", "theta", "radius", "longitude", "latitude", "color", "fill")
# Channels that sort or group marks without showing the field's value to the reader.
_UNSHOWN_CHANNELS = ("order", "detail")
# Unit suffixes of the book's field names, for headers of fields with no title anywhere.
_UNIT_SUFFIXES = (
    ("_rmb_bn", ", billion yuan"),
    ("_rmb", ", yuan"),
    ("_pct", ", %"),
    ("_per_s", " per second"),
)
_SUB_SPEC_KEYS = ("layer", "vconcat", "hconcat", "concat")
_MARK_WORDS = {  # how a caption names a mark: "Drawn as lines and points."
    "line": "lines",
    "trail": "lines",
    "point": "points",
    "circle": "points",
    "square": "points",
    "bar": "bars",
    "rect": "rectangles",
    "area": "shaded areas",
    "rule": "straight lines",
    "tick": "ticks",
    "text": "text labels",
    "arc": "slices",
    "geoshape": "shapes",
    "image": "images",
}
_CONTROL_WORDS = {"range": ("slider", "sliders"), "select": ("menu", "menus")}


@dataclass
class DatasetUse:
    """One dataset of a chart and how the chart uses it."""

    key: str
    rows: list[dict]
    marks: list[str] = field(default_factory=list)
    # field name -> titles the chart gives it, in order of preference (axis/legend before tooltip)
    titles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    encoded_fields: set[str] = field(default_factory=set)
    # fields whose value a channel shows (every encoded field but those only in order or detail)
    shown_fields: set[str] = field(default_factory=set)

    @property
    def columns(self) -> list[str]:
        """Column names in the dataset's order (first appearance over all rows)."""
        names: dict[str, None] = {}
        for row in self.rows:
            if isinstance(row, dict):
                names.update(dict.fromkeys(row))
        return list(names)


# ------------------------------------------------------------------------------------------------
# Reading the spec


def _mark_type(view: dict) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _title_text(title) -> str | None:
    if isinstance(title, list):
        # Lines wrapped by seckill.charts.finish; textwrap breaks after the hyphen of "hand-made".
        text = ""
        for part in (str(part).strip() for part in title):
            text += part if not text or re.search(r"\w-$", text) else f" {part}"
        title = text
    return title.strip() if isinstance(title, str) and title.strip() else None


def _field_name(definition: dict) -> str | None:
    name = definition.get("field")
    # Vega-Lite escapes dots and brackets in field names with a backslash.
    return name.replace("\\", "") if isinstance(name, str) else None


def _encoded_fields(view: dict, encoding: dict):
    """Yield (field, title or None, priority, channel) for each field an encoding (or facet) maps."""
    channels = dict(encoding)
    facet = view.get("facet")
    if isinstance(facet, dict):
        channels.update({"facet": facet} if "field" in facet else facet)
    for channel, definitions in channels.items():
        rank = _CHANNEL_PRIORITY.index(channel) if channel in _CHANNEL_PRIORITY else len(_CHANNEL_PRIORITY)
        if channel == "tooltip":
            rank += 1  # tooltip titles are often abbreviated; axis and legend titles win
        for definition in definitions if isinstance(definitions, list) else [definitions]:
            if isinstance(definition, dict) and _field_name(definition):
                yield _field_name(definition), _title_text(definition.get("title")), rank, channel


def _walk_views(view: dict, inherited_data: dict | None, inherited_encoding: dict):
    """Yield (view, the data it draws from, its encoding) for the spec and all its sub-specs.

    Layers inherit their parent's data and encoding (a layer's own channels win).
    """
    data = view.get("data", inherited_data)
    encoding = inherited_encoding | (view.get("encoding") or {})
    yield view, data, encoding
    for key in _SUB_SPEC_KEYS:
        for sub in view.get(key) or []:
            if isinstance(sub, dict):
                # Concatenated views share data but not encodings; layers share both.
                yield from _walk_views(sub, data, encoding if key == "layer" else {})
    if isinstance(view.get("spec"), dict):  # facet and repeat
        yield from _walk_views(view["spec"], data, {})


def datasets_in_use(spec: dict) -> list[DatasetUse]:
    """Every dataset the chart's views draw from, in order of first use, with marks and titles."""
    named = spec.get("datasets") or {}
    uses: dict[str, DatasetUse] = {}

    def use_of(data) -> DatasetUse | None:
        if not isinstance(data, dict):
            return None
        if isinstance(data.get("name"), str) and isinstance(named.get(data["name"]), list):
            key, rows = data["name"], named[data["name"]]
        elif isinstance(data.get("values"), list):
            key, rows = f"inline-{id(data['values'])}", data["values"]
        else:  # a URL or a generator: nothing to show from the spec
            return None
        return uses.setdefault(key, DatasetUse(key=key, rows=rows))

    for view, data, encoding in _walk_views(spec, None, {}):
        drawn_from = [use_of(data)]
        for step in view.get("transform") or []:
            if isinstance(step, dict) and "lookup" in step:
                drawn_from.append(use_of((step.get("from") or {}).get("data")))
        mark = _mark_type(view)
        for use in filter(None, drawn_from):
            if mark is None and "facet" not in view:
                continue  # a layer or concat parent: its children say how the data is drawn
            word = _MARK_WORDS.get(mark, mark)
            if word and word not in use.marks:
                use.marks.append(word)
            columns = set(use.columns)
            for name, title, rank, channel in _encoded_fields(view, encoding):
                if name in columns:
                    use.encoded_fields.add(name)
                    if channel not in _UNSHOWN_CHANNELS:
                        use.shown_fields.add(name)
                    if title:
                        use.titles.setdefault(name, []).append((rank, title))
    return list(uses.values())


def is_helper(use: DatasetUse) -> bool:
    """True for data that only helps draw the chart and holds no numbers a reader would look up.

    Either no column is mapped to an encoding channel (everything drawn from it is computed in the
    browser: an anchor row for a text note, a counter of text lines, a grid of model inputs), or it
    is a single value (one row, one column: the zero behind a reference line, a one-line note).
    """
    single_value = len(use.rows) == 1 and len(use.columns) == 1
    return not use.encoded_fields or single_value


# ------------------------------------------------------------------------------------------------
# Columns: headers from the chart and the data package, internal and duplicate columns left out


@cache
def _read_package(data_dir: Path) -> tuple[tuple[str, dict[str, dict]], ...]:
    resources = read_descriptor(data_dir)["resources"]
    return tuple((r["name"], {f["name"]: f for f in r["schema"]["fields"]}) for r in resources)


def package_fields() -> tuple[tuple[str, dict[str, dict]], ...]:
    """Each resource of the data package as (name, {field name: field}), read once per process.

    Empty when no data package is found (the renderer then falls back to the chart's titles and
    field names).
    """
    try:
        data_dir = find_data_dir()
    except FileNotFoundError:
        return ()
    return _read_package(data_dir.resolve())


def matching_resource(columns: list[str], resources=None) -> tuple[str, dict[str, dict]] | None:
    """The data-package resource a table's columns come from, or None for a derived table.

    The resource sharing the most column names with the table; on a tie the one sharing more
    names that no other resource has, then the first in the package. Only when the table has a
    ``source_id`` column or shares at least :data:`MIN_SHARED_FIELDS` names with it.
    """
    resources = package_fields() if resources is None else resources
    names = set(columns)
    owners: dict[str, int] = {}
    for _, fields in resources:
        for name in names & fields.keys():
            owners[name] = owners.get(name, 0) + 1
    best, best_key = None, (0, 0)
    for resource in resources:
        shared = names & resource[1].keys()
        key = (len(shared), sum(owners[name] == 1 for name in shared))
        if key > best_key:
            best, best_key = resource, key
    if best is None or (SOURCE_FIELD not in names and best_key[0] < MIN_SHARED_FIELDS):
        return None
    return best


def field_header(field_meta: dict) -> str | None:
    """A field's header from the data package: its title, else a short description, else None."""
    title = field_meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    description = (field_meta.get("description") or "").strip()
    if description and len(description) <= HEADER_MAX_CHARS and not re.search(r"[:;]", description):
        return description
    return None


def readable_name(name: str) -> str:
    """A field name as words, for fields with no title: ``share_pct`` -> "Share, %"."""
    text = name.replace("_", " ")
    for suffix, words in _UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            text = name[: -len(suffix)].replace("_", " ") + words
            break
    text = text.strip() or name
    return text[0].upper() + text[1:]


@dataclass
class Column:
    """One column of a table: its field, its header, and where the header came from."""

    name: str
    header: str
    rank: int  # 0: the chart's title; 1: the data package; 2: the field name made readable


def _is_counter(values: list) -> bool:
    """Whole numbers running 0, 1, 2, … or 1, 2, 3, … with no gap (a sort key or row counter)."""
    numbers = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if isinstance(value, float) and not value.is_integer():
            return False
        numbers.add(int(value))
    low = min(numbers, default=None)
    return low in (0, 1) and len(numbers) >= 2 and numbers == set(range(low, low + len(numbers)))


def _is_internal(use: DatasetUse, name: str, package_field: dict | None) -> bool:
    """True for a column no channel shows, not in the data package, holding only text or a counter."""
    if name in use.shown_fields or package_field is not None or name == SOURCE_FIELD:
        return False
    values = [row.get(name) for row in use.rows if isinstance(row, dict)]
    present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return all(isinstance(v, str) for v in present) or _is_counter(present)


def _cell_texts(use: DatasetUse, name: str) -> tuple[str, ...]:
    return tuple(format_value(row.get(name) if isinstance(row, dict) else None)[0] for row in use.rows)


def table_columns(use: DatasetUse, resources=None) -> list[Column]:
    """The columns a dataset's table shows, with their headers (see the module docstring)."""
    resource = matching_resource(use.columns, resources)
    package = resource[1] if resource else {}
    columns: list[Column] = []
    seen: dict[tuple[str, ...], Column] = {}  # cell texts -> the column already showing them
    for name in use.columns:
        if _is_internal(use, name, package.get(name)):
            continue
        titles = sorted(use.titles.get(name, []), key=lambda item: item[0])
        from_package = SOURCE_HEADER if name == SOURCE_FIELD else field_header(package.get(name, {}))
        if titles:
            column = Column(name, titles[0][1], 0)
        elif from_package:
            column = Column(name, from_package, 1)
        else:
            column = Column(name, readable_name(name), 2)
        texts = _cell_texts(use, name)
        twin = seen.get(texts) if any(text != MISSING for text in texts) else None
        if twin is not None and column.rank == twin.rank == 0 and column.header != twin.header:
            twin = None  # the chart shows them as two quantities (a line of equality draws x = y)
        if twin is not None:
            if column.rank < twin.rank:  # the same values: keep the first place, the better header
                twin.header, twin.rank = column.header, column.rank
            continue
        seen.setdefault(texts, column)
        columns.append(column)
    counts: dict[str, int] = {}
    for column in columns:
        counts[column.header] = counts.get(column.header, 0) + 1
    for column in columns:
        if counts[column.header] > 1:
            column.header = f"{column.header} ({column.name})"
    return columns


def column_headers(use: DatasetUse) -> list[str]:
    """The header of each column :func:`table_columns` shows."""
    return [column.header for column in table_columns(use)]


def bound_controls(spec: dict) -> dict[str, int]:
    """Count the inputs bound to Vega parameters anywhere in the spec, by kind ("range", "select")."""
    counts: dict[str, int] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            params = node.get("params")
            for param in params if isinstance(params, list) else []:
                bind = param.get("bind") if isinstance(param, dict) else None
                # bind: "scales" (zoom) and "legend" change the view, not values; only inputs count.
                if isinstance(bind, dict) and "input" in bind:
                    counts[bind["input"]] = counts.get(bind["input"], 0) + 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return counts


def chart_name(spec: dict) -> str:
    """The chart's title on one line (titles are wrapped into lines by :func:`seckill.charts.finish`)."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return _title_text(title) or _title_text(spec.get("description")) or "chart"


# ------------------------------------------------------------------------------------------------
# Writing the table


def format_value(value) -> tuple[str, bool]:
    """The text of one cell and whether it is a number (columns of numbers are right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING, False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        number = int(value)
        return (f"{number:,}" if abs(number) >= GROUP_DIGITS_FROM else str(number)), True
    if isinstance(value, float):
        if math.isinf(value):
            return ("∞" if value > 0 else "−∞"), True
        magnitude = math.floor(math.log10(abs(value)))
        decimals = min(15, max(0, SIGNIFICANT_DIGITS - 1 - magnitude))
        grouping = "," if abs(value) >= GROUP_DIGITS_FROM else ""
        text = f"{value:{grouping}.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text, True
    if isinstance(value, str):
        return value, False
    return json.dumps(value, ensure_ascii=False), False


def _rows_note(count: int) -> str:
    """The sentence for a table cut at :data:`MAX_ROWS` rows, or "" when it is whole."""
    if count <= MAX_ROWS:
        return ""
    return (
        f"First {MAX_ROWS:,} of {count:,} rows; the other {count - MAX_ROWS:,} "
        "are left out to keep the page light."
    )


def _caption(use: DatasetUse, number: int, count: int, controls_note: str) -> str:
    what = f"drawn as {' and '.join(use.marks)}" if use.marks else "numbers behind the chart"
    parts = [f"Table {number} of {count}: {what}." if count > 1 else f"{what[0].upper()}{what[1:]}."]
    parts.append(_rows_note(len(use.rows)))
    parts.append(controls_note)
    return " ".join(part for part in parts if part)


def _controls_phrase(spec: dict) -> str:
    """The chart's bound inputs and a verb, e.g. "sliders change" or "slider and menu change"; "" if none."""
    counts = bound_controls(spec)
    if not counts:
        return ""
    words = []
    for kind, number in counts.items():
        singular, plural = _CONTROL_WORDS.get(kind, ("control", "controls"))
        words.append(singular if number == 1 else plural)
    controls = " and ".join(dict.fromkeys(words))
    verb = "changes" if controls in ("slider", "menu", "control") else "change"
    return f"{controls} {verb}"


def controls_note(spec: dict) -> str:
    """A sentence for charts with bound inputs: the table is the starting data, not what is drawn."""
    phrase = _controls_phrase(spec)
    if not phrase:
        return ""
    return f"Numbers the chart starts from: its {phrase} the chart, not this table."


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
    (:func:`model_table`), that table alone.
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
    parts = [f'<details class="seckill-chart-table"><summary>{html.escape(SUMMARY_PREFIX + name)}</summary>']
    if not tables:
        parts.append('<p class="seckill-chart-table-empty">This chart computes everything it shows')
        parts.append(" in the browser; it is given no table of numbers.</p>")
    for number, (columns, headers, rows, caption) in enumerate(tables, start=1):
        # A focusable, named region: a keyboard user can scroll a wide or long table (WCAG 2.1.1).
        # The class is the one seckill.js gives wrappers of notebook tables, so it is not re-wrapped.
        label = f"Table {number} of {len(tables)}, {name}" if len(tables) > 1 else f"Table, {name}"
        parts.append(
            f'<div class="seckill-scroll seckill-chart-table-scroll" tabindex="0" role="region" '
            f'aria-label="{html.escape(label)}">'
            f"{_table_html(columns, headers, rows, caption)}</div>"
        )
    parts.append("</details>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------------
# A table of model values carried by the chart

MODEL_TABLE_KEY = "seckill_table"  # under the spec's top-level "usermeta"
_CELL_TYPES = (str, int, float, bool)


def _text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value.strip()


def _cell(column: str, value):
    """A JSON-safe cell: numpy scalars become Python numbers, missing values None."""
    if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, _CELL_TYPES):  # numpy scalar
        value = value.item()
    if not isinstance(value, _CELL_TYPES):
        raise ValueError(
            f"column {column!r} holds {value!r}; table cells must be numbers, strings or booleans"
        )
    if isinstance(value, float) and math.isinf(value):
        # JSON has no infinity: the spec would not parse in the browser.
        raise ValueError(f"column {column!r} holds an infinite value; give a finite number or a note")
    return value


def model_table_meta(frame: pd.DataFrame, *, caption: str, titles: dict[str, str], model: str) -> dict:
    """The ``usermeta`` entry for a chart's table of model values, checked and JSON-safe.

    ``frame`` holds the numbers the chart shows at its starting settings, one column per entry of
    ``titles``, which maps each column to its header (with units) and sets the columns' order.
    ``caption`` says what the table holds; ``model`` names the Python model that computed it (e.g.
    ``"seckill.models.value_chain.split_price"``). :func:`details_html` adds to the caption a sentence
    naming the model and saying what the chart's controls change.

    Raises ``ValueError`` for a frame that is not a DataFrame or is empty, a caption or model that
    is not a non-empty string, titles that are not non-empty strings, columns of ``frame`` without
    a title or titles for columns ``frame`` does not have, and cells that are not numbers, strings,
    booleans or missing (missing values become None, shown as :data:`MISSING`).
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError("frame is empty: a table of model values needs at least one row and one column")
    caption = _text("caption", caption)
    model = _text("model", model)
    if not isinstance(titles, dict) or not titles:
        raise ValueError(f"titles must map each column of the frame to its header; got {titles!r}")
    columns = [str(name) for name in frame.columns]
    if len(set(columns)) != len(columns):
        raise ValueError(f"the frame's column names must be distinct; got {columns}")
    missing = [name for name in titles if name not in columns]
    untitled = [name for name in columns if name not in titles]
    if missing or untitled:
        raise ValueError(
            "titles must name exactly the frame's columns: "
            + "; ".join(
                part
                for part in (
                    f"titles for columns the frame does not have: {missing}" if missing else "",
                    f"columns without a title: {untitled}" if untitled else "",
                )
                if part
            )
        )
    headers = {name: _text(f"the title of column {name!r}", title) for name, title in titles.items()}
    frame = frame.set_axis(columns, axis=1)
    rows = [
        {name: _cell(name, value) for name, value in zip(titles, values, strict=True)}
        for values in frame[list(titles)].itertuples(index=False, name=None)
    ]
    return {
        "caption": caption,
        "model": model,
        "columns": [{"field": name, "title": header} for name, header in headers.items()],
        "rows": rows,
    }


def model_table(spec: dict) -> dict | None:
    """The chart's table of model values (see :func:`model_table_meta`), or None if it has none.

    Raises ``ValueError`` if the entry is there but malformed, so that a broken table fails the
    build instead of showing nothing.
    """
    usermeta = spec.get("usermeta")
    meta = usermeta.get(MODEL_TABLE_KEY) if isinstance(usermeta, dict) else None
    if meta is None:
        return None
    ok = (
        isinstance(meta, dict)
        and all(isinstance(meta.get(key), str) and meta[key].strip() for key in ("caption", "model"))
        and isinstance(meta.get("columns"), list)
        and meta["columns"]
        and all(
            isinstance(column, dict)
            and isinstance(column.get("field"), str)
            and isinstance(column.get("title"), str)
            for column in meta["columns"]
        )
        and isinstance(meta.get("rows"), list)
        and meta["rows"]
        and all(isinstance(row, dict) for row in meta["rows"])
    )
    if not ok:
        raise ValueError(
            f"usermeta.{MODEL_TABLE_KEY} must hold a caption, a model, columns (field and title) and "
            f"rows; build it with model_table_meta. Got {str(meta)[:200]}"
        )
    return meta


def _model_caption(spec: dict, meta: dict) -> str:
    caption = meta["caption"].strip()
    if not caption.endswith((".", "!", "?")):
        caption += "."
    phrase = _controls_phrase(spec)
    if phrase:
        source = (
            f"Values at the chart's starting settings, computed with the book's Python model "
            f"({meta['model']}); its {phrase} the chart, not this table."
        )
    else:
        source = f"Values computed with the book's Python model ({meta['model']})."
    return " ".join(part for part in (caption, _rows_note(len(meta["rows"])), source) if part)


# ------------------------------------------------------------------------------------------------
# One page, several charts

_DETAILS_BLOCK = re.compile(r'<details class="seckill-chart-table">.*?</details>', re.S)
_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.S)
_REGION_LABEL = re.compile(r'(role="region" aria-label=")([^"]*)(")')


def name_repeated_charts(page_html: str) -> str:
    """Tell apart charts with the same title on one page by their position: "… (chart 3 on this page)".

    The renderer sees one chart at a time, so it cannot know that a notebook draws two charts with
    the same title; the page can. Summaries and the scrolling regions' names get the suffix.
    """
    blocks = _DETAILS_BLOCK.findall(page_html)
    summaries = [match.group(1) if (match := _SUMMARY.search(block)) else "" for block in blocks]
    if len(set(summaries)) == len(summaries):
        return page_html
    renamed = iter(
        _rename(block, f" (chart {position} on this page)") if summaries.count(summary) > 1 else block
        for position, (block, summary) in enumerate(zip(blocks, summaries, strict=True), start=1)
    )
    return _DETAILS_BLOCK.sub(lambda _match: next(renamed), page_html)


def _rename(block: str, suffix: str) -> str:
    block = _SUMMARY.sub(lambda m: f"<summary>{m.group(1)}{html.escape(suffix)}</summary>", block, count=1)
    return _REGION_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2)}{html.escape(suffix)}{m.group(3)}", block)
