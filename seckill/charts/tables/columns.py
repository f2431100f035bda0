"""Which columns of a dataset its table shows, in what order, and under which headers.

Columns keep the dataset's order, less two kinds:

- *Internal columns.* A column no channel shows (``order`` and ``detail`` sort and group marks
  without showing a value), that is no field of the table's resource in the data package, and that
  holds only text or a counter (whole numbers 0, 1, 2, … or 1, 2, 3, … without a gap): a sort key
  such as ``part_order``, a row number, a label the chart does not draw. A column of other numbers
  stays even when nothing draws it, since it may be a sourced figure under a new name; so does
  ``source_id``, whatever it holds.
- *Repeats.* Two columns with the same cell text in every row (``date`` and a ``Date`` derived
  from it) are shown once, in the first one's place, under the better of their two headers. Not
  when the chart titles both, differently: then it draws them as two quantities that happen to be
  equal (the x and y of a line of equality).

A header is, best first, a title the chart gives the field (axis and legend titles before tooltip
titles, which are often abbreviated); else the field's ``title`` in ``data/datapackage.json``, or
its ``description`` if that reads as a header, not a sentence (at most :data:`HEADER_MAX_CHARS`
characters, no ``:`` or ``;``); else the field name made readable (:func:`readable_name`:
``share_pct`` becomes "Share, %"). ``source_id`` is headed "Source"; the writer links each id to
its row in the book's "Data and sources" appendix.

Field metadata is taken from a single resource of the package (:func:`matching_resource`): the
one sharing the most column names with the table, on a tie the one with more shared names that no
other resource has, then the first in the package. A table qualifies only if it has a
``source_id`` column or shares at least :data:`MIN_SHARED_FIELDS` names with the resource:
otherwise it is derived, and a common name such as ``share_pct`` may mean something else in it.
The package is read once per process.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from seckill import i18n
from seckill.charts.tables.spec import DatasetUse
from seckill.charts.tables.values import MISSING, format_value
from seckill.data import find_data_dir, read_descriptor

# A field description longer than this, or one with ":" or ";", reads as a sentence, not a header:
# such fields carry a short "title" in datapackage.json (tests/test_data_package.py checks it).
HEADER_MAX_CHARS = 40
# A table without a source_id column takes field metadata only from a resource it shares this many
# column names with; fewer (year and share_pct) may be a derived table reusing common names.
MIN_SHARED_FIELDS = 3
SOURCE_FIELD = "source_id"
SOURCE_HEADER = i18n.mark("Source")  # translated where a table is written
# Unit suffixes of the book's field names, for headers of fields with no title anywhere.
_UNIT_SUFFIXES = (
    ("_rmb_bn", ", billion yuan"),
    ("_rmb", ", yuan"),
    ("_pct", ", %"),
    ("_per_s", " per second"),
)


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


def _package_header(header: str, resource, name: str) -> str:
    """A header from the data package, translated: the catalogue has it when the field is listed
    in seckill/locales/data-texts.csv (``resource,field,title``)."""
    try:
        return i18n.tr(header)
    except i18n.MissingTranslation as error:
        where = f"{resource[0]},{name},title" if resource else f"<resource>,{name},title"
        raise i18n.MissingTranslation(
            f"{error}; it is the data package's header of {name!r}: list it in "
            f"seckill/locales/data-texts.csv as {where} and run python -m scripts.translations package"
        ) from None


def _readable_header(name: str) -> str:
    """A header made from the field name (:func:`readable_name`), translated. No extraction can know
    every name a derived table uses, so a chapter marks the headers its tables need
    (``mark("Window")``), or gives the field a title in the chart."""
    header = readable_name(name)
    try:
        return i18n.tr(header)
    except i18n.MissingTranslation as error:
        raise i18n.MissingTranslation(
            f"{error}; it is the header the table makes from the field {name!r}: give the field a "
            f"title in the chart (an axis, legend or tooltip title), or mark({header!r}) in the chapter"
        ) from None


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
            column = Column(name, _package_header(from_package, resource, name), 1)
        else:
            column = Column(name, _readable_header(name), 2)
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
