"""Load the book's data package (``data/datapackage.json``) as typed pandas DataFrames, checked.

One loader for every notebook and page, so that a figure is always read the same way: the field
types come from the package's schema, not from pandas' guesses, and a table that breaks its schema
is refused with the file, line and field named, never drawn. The same checks serve the validator
(:mod:`seckill.validate_data`), which the book build runs before any notebook executes, so a
reader on Binder or Colab gets the protection the build has. A table is refused when

- the file is missing, empty, has a header and no rows, starts with a byte-order mark or is not
  UTF-8 (the descriptor too, and it must be valid JSON);
- its header is not the schema's field names, or a row has the wrong number of cells;
- a cell is not of its field's type (``integer``, ``number``, ``boolean``, ``date`` as
  ``YYYY-MM-DD``, ``string``); ``NaN`` and infinity are refused in a ``number`` field unless the
  field says ``"allowNonFinite": true``;
- a cell breaks a constraint: ``required``, ``enum``, ``minimum``, ``maximum``, ``pattern`` (whole
  cell), ``minLength``, ``maxLength``, ``unique``; a schema with any other constraint is refused,
  so no constraint is ever silently ignored;
- two rows share a ``primaryKey`` (whose cells must all be filled), or a ``foreignKeys`` value is
  missing from the table it refers to;
- a row breaks one of the schema's ``rowRules``, the package's own small extension to Table
  Schema (Frictionless ignores it; this module checks it):

  - ``{"unique": [fields]}``: no two rows share these cells, an empty cell counting as a value (for
    tables whose natural key has a field that may be empty, so it cannot be a primary key);
  - ``{"onePer": [fields], "where": {field: value}}``: for each value of ``fields`` in the table,
    exactly one row matches ``where`` (one headline row per year);
  - ``{"everyYear": field, "per": [fields]}``: each group (each economy) has a row for every year
    (an integer field) from the table's first year to its last;
- a ``source_id`` (one id, or several separated by ``;``) is not a row of ``sources.csv``;
- a table its rows refer to (``sources.csv``, a foreign key's table) is refused.

The data folder is found, in order, from the ``SECKILL_DATA_DIR`` environment variable, from the
working directory or any folder above it, and from the folder above this package. That covers the
built book (notebooks run in ``notebooks/``), Binder and a local clone, and Colab, where each
notebook's setup cell clones the repository and changes to its ``notebooks/`` folder first.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
import re
from functools import cache
from pathlib import Path

import pandas as pd

PACKAGE_FILE = "datapackage.json"
SOURCE_ID_SEPARATOR = ";"


class DataValidationError(ValueError):
    """A data file does not match its schema. The message names the file, line and field."""


def find_data_dir(start: Path | None = None) -> Path:
    """Return the folder that holds ``datapackage.json``."""
    override = os.environ.get("SECKILL_DATA_DIR")
    if override:
        path = Path(override).expanduser().resolve()
        if not (path / PACKAGE_FILE).is_file():
            raise FileNotFoundError(f"SECKILL_DATA_DIR={override} has no {PACKAGE_FILE}")
        return path
    here = (start or Path.cwd()).resolve()
    candidates = [here, *here.parents, Path(__file__).resolve().parent.parent]
    for folder in candidates:
        if (folder / "data" / PACKAGE_FILE).is_file():
            return folder / "data"
        if folder.name == "data" and (folder / PACKAGE_FILE).is_file():
            return folder
    raise FileNotFoundError(
        "Could not find data/datapackage.json above the working directory or beside the seckill "
        "package. Run from a clone of the book, or set SECKILL_DATA_DIR."
    )


def _read_text(path: Path) -> str:
    """A data file's text, refused (with its name) when missing, empty, with a BOM or not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(f"{path.name}: the file does not exist") from None
    if raw.startswith(codecs.BOM_UTF8):
        raise DataValidationError(
            f"{path.name}, line 1: the file starts with a UTF-8 byte-order mark (BOM); "
            "save it as UTF-8 without one"
        )
    if not raw.strip():
        raise DataValidationError(f"{path.name}: the file is empty")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataValidationError(
            f"{path.name}, line {line}: byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"
        ) from None


FIELD_TYPES = {"string", "integer", "number", "boolean", "date"}
CONSTRAINTS = {"required", "unique", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength"}
ROW_RULES = {"unique", "onePer", "everyYear"}


def _descriptor_problems(descriptor) -> list[str]:
    """What in the descriptor's structure the loader cannot work with (Frictionless checks the rest)."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [f"{PACKAGE_FILE}: there is no list of 'resources'"]
    problems = []
    seen = set()
    for number, resource in enumerate(descriptor["resources"], start=1):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f"{PACKAGE_FILE}, resource {name or number!r}"
        if not isinstance(name, str) or not name:
            problems.append(f"{where}: 'name' is missing")
            continue
        if name in seen:
            problems.append(f"{where}: a second resource has this name")
        seen.add(name)
        path = resource.get("path")
        if not isinstance(path, str) or Path(path).name != path or not path.endswith(".csv"):
            problems.append(f"{where}: 'path' must name a CSV file in the data folder, not {path!r}")
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            problems.append(f"{where}: 'schema' has no 'fields'")
            continue
        names = [f.get("name") for f in fields if isinstance(f, dict)]
        if len(names) != len(fields) or not all(isinstance(n, str) and n for n in names):
            problems.append(f"{where}: every field needs a 'name'")
            continue
        for field in fields:
            if field.get("type", "string") not in FIELD_TYPES:
                problems.append(f"{where}, field {field['name']!r}: type {field['type']!r} is not checked")
            unknown = set(field.get("constraints", {})) - CONSTRAINTS
            if unknown:
                problems.append(
                    f"{where}, field {field['name']!r}: constraint {sorted(unknown)} is not checked by "
                    "seckill.data, so it would be ignored"
                )
        keys = [schema.get("primaryKey") or []]
        keys += [fk.get("fields") for fk in schema.get("foreignKeys", [])]
        for rule in schema.get("rowRules", []):
            kinds = set(rule) & ROW_RULES
            if len(kinds) != 1:
                problems.append(f"{where}: row rule {rule} names none or several of {sorted(ROW_RULES)}")
                continue
            keys += [rule.get(k) for k in ("unique", "onePer", "everyYear", "per", "where") if k in rule]
        for key in keys:
            key_fields = [key] if isinstance(key, str) else list(key or [])
            for field_name in key_fields:
                if field_name not in names:
                    problems.append(f"{where}: key or rule names {field_name!r}, which is not a field")
    resource_names = {r.get("name") for r in descriptor["resources"] if isinstance(r, dict)}
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("schema"), dict):
            continue
        for foreign_key in resource["schema"].get("foreignKeys", []):
            target = foreign_key.get("reference", {}).get("resource")
            if target not in resource_names:
                problems.append(
                    f"{PACKAGE_FILE}, resource {resource.get('name')!r}: a foreign key refers to "
                    f"{target!r}, which is not a resource"
                )
    return problems


def read_descriptor(data_dir: Path | None = None) -> dict:
    """The parsed ``datapackage.json``; a file that is not valid JSON is refused with line and column."""
    data_dir = data_dir or find_data_dir()
    text = _read_text(data_dir / PACKAGE_FILE)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataValidationError(
            f"{PACKAGE_FILE}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    problems = _descriptor_problems(descriptor)
    if problems:
        raise DataValidationError("\n".join(problems))
    return descriptor


def resource_descriptor(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor of one resource, by name."""
    descriptor = read_descriptor(data_dir)
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    names = ", ".join(r["name"] for r in descriptor["resources"])
    raise KeyError(f"No resource named {name!r} in {PACKAGE_FILE}; available: {names}")


_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_NON_FINITE = re.compile(r"[+-]?(nan|inf|infinity)", re.IGNORECASE)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _typed(value: str, field: dict):
    """One CSV cell as the Python value its field's type says, and what is wrong with it (or None)."""
    kind = field.get("type", "string")
    if kind == "integer" and _INTEGER.fullmatch(value):
        return int(value), None
    if kind == "number":
        if _NUMBER.fullmatch(value):
            return float(value), None
        if _NON_FINITE.fullmatch(value):
            if field.get("allowNonFinite"):
                return float(value), None
            return None, f"{value!r} is not a finite number (NaN and infinity are refused)"
    if kind == "boolean" and value.lower() in {"true", "false"}:
        return value.lower() == "true", None
    if kind == "date" and _DATE.fullmatch(value):
        try:
            datetime.date.fromisoformat(value)
            return value, None
        except ValueError:
            pass
    if kind == "string":
        return value, None
    expected = "date (YYYY-MM-DD)" if kind == "date" else kind
    return None, f"{value!r} is not a valid {expected}"


def _cell(value: str, field: dict):
    """Convert one cell and check its field's constraints: (value, problem or None)."""
    constraints = field.get("constraints", {})
    if value == "":
        return None, "a value is required but the cell is empty" if constraints.get("required") else None
    typed, problem = _typed(value, field)
    if problem:
        return None, problem
    if "enum" in constraints and typed not in constraints["enum"]:
        return typed, f"{value!r} is not one of {constraints['enum']}"
    if "minimum" in constraints and typed < constraints["minimum"]:
        return typed, f"{value} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and typed > constraints["maximum"]:
        return typed, f"{value} is above the maximum {constraints['maximum']}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return typed, f"{value!r} does not match the pattern {constraints['pattern']!r}"
    if "minLength" in constraints and len(value) < constraints["minLength"]:
        return typed, f"{value!r} is shorter than {constraints['minLength']} characters"
    if "maxLength" in constraints and len(value) > constraints["maxLength"]:
        return typed, f"{value!r} is longer than {constraints['maxLength']} characters"
    return typed, None


def _fields(key) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def _described(values) -> str:
    return ", ".join("empty" if v is None else repr(v) for v in values)


def _key_problems(file_name: str, schema: dict, rows: list[dict], lines: list[int]) -> list[str]:
    """Uniqueness across rows: ``unique`` fields, the primary key, and the ``rowRules``."""
    problems = []

    def first_repeats(key: list[str], rows_lines, skip_empty: bool):
        seen = {}
        for row, line in rows_lines:
            cells = tuple(row[f] for f in key)
            if skip_empty and None in cells:
                continue
            if cells in seen:
                yield cells, seen[cells], line
            else:
                seen[cells] = line

    pairs = list(zip(rows, lines, strict=True))
    for field in schema["fields"]:
        if field.get("constraints", {}).get("unique"):
            for cells, first, line in first_repeats([field["name"]], pairs, skip_empty=True):
                problems.append(
                    f"{file_name}, line {line}, field {field['name']!r}: {cells[0]!r} is already on line "
                    f"{first}; the field's values must be unique"
                )
    primary = _fields(schema.get("primaryKey") or [])
    if primary:
        for row, line in pairs:
            for name in primary:
                if row[name] is None and not _required(schema, name):
                    problems.append(
                        f"{file_name}, line {line}, field {name!r}: "
                        "part of the primary key, so it needs a value"
                    )
        for cells, first, line in first_repeats(primary, pairs, skip_empty=True):
            problems.append(
                f"{file_name}, line {line}: the primary key ({', '.join(primary)}) = ({_described(cells)}) "
                f"is already on line {first}; each row needs its own"
            )
    for rule in schema.get("rowRules", []):
        if "unique" in rule:
            key = _fields(rule["unique"])
            for cells, first, line in first_repeats(key, pairs, skip_empty=False):
                problems.append(
                    f"{file_name}, line {line}: ({', '.join(key)}) = ({_described(cells)}) is already on "
                    f"line {first}; the schema's row rule says each row has its own"
                )
        elif "onePer" in rule:
            key, where = _fields(rule["onePer"]), rule.get("where", {})
            wanted = ", ".join(f"{k} = {v!r}" for k, v in where.items())
            flag = next(iter(where), key[0])
            groups: dict[tuple, tuple[list[int], list[int]]] = {}
            for row, line in pairs:
                all_lines, matching = groups.setdefault(tuple(row[f] for f in key), ([], []))
                all_lines.append(line)
                if all(row[k] == v for k, v in where.items()):
                    matching.append(line)
            for cells, (all_lines, matching) in groups.items():
                label = f"({', '.join(key)}) = ({_described(cells)})"
                if not matching:
                    problems.append(
                        f"{file_name}, line {all_lines[0]}, field {flag!r}: no row for {label} has {wanted} "
                        f"(rows for it: line {', '.join(map(str, all_lines))}); exactly one must"
                    )
                for line in matching[1:]:
                    problems.append(
                        f"{file_name}, line {line}, field {flag!r}: a second row with {wanted} for {label} "
                        f"(the first is on line {matching[0]}); exactly one is allowed"
                    )
        elif "everyYear" in rule:
            year_field, per = rule["everyYear"], _fields(rule.get("per", []))
            years = [row[year_field] for row in rows if row[year_field] is not None]
            if not years:
                continue
            present_by_group: dict[tuple, set] = {}
            for row in rows:
                present_by_group.setdefault(tuple(row[f] for f in per), set()).add(row[year_field])
            for cells, present in present_by_group.items():
                for year in sorted(set(range(min(years), max(years) + 1)) - present):
                    problems.append(
                        f"{file_name}, field {year_field!r}: no row for {year} with ({', '.join(per)}) = "
                        f"({_described(cells)}); every group needs every year from {min(years)} to "
                        f"{max(years)}"
                    )
    return problems


def _required(schema: dict, name: str) -> bool:
    field = next(f for f in schema["fields"] if f["name"] == name)
    return bool(field.get("constraints", {}).get("required"))


def _source_id_problems(file_name: str, rows: list[dict], lines: list[int], known: set[str]) -> list[str]:
    problems = []
    for row, line in zip(rows, lines, strict=True):
        ids = split_source_ids(row["source_id"])
        if not ids and row["source_id"] is not None:
            problems.append(f"{file_name}, line {line}, field 'source_id': no source given")
        for source_id in ids:
            if source_id not in known:
                problems.append(
                    f"{file_name}, line {line}, field 'source_id': {source_id!r} is not in sources.csv"
                )
    return problems


def _references(resource: dict) -> list[str]:
    """The other resources a resource's rows refer to (sources, foreign keys), each checked first."""
    schema = resource["schema"]
    refs = [fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])]
    if resource["name"] != "sources" and any(f["name"] == "source_id" for f in schema["fields"]):
        refs.append("sources")
    return list(dict.fromkeys(refs))


_PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}


@cache
def _checked(name: str, data_dir: Path) -> tuple[pd.DataFrame | None, tuple[str, ...]]:
    """Read resource ``name`` and check it: (typed frame, or None when unreadable; its problems)."""
    try:
        resource = resource_descriptor(name, data_dir)
        text = _read_text(data_dir / resource["path"])
    except DataValidationError as error:
        return None, (str(error),)
    file_name = resource["path"]
    schema = resource["schema"]
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if header != expected:
        return None, (
            f"{file_name}, line 1: the header {header} does not match the schema fields {expected}",
        )
    rows, lines, problems = [], [], []
    start = 2
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not cells:
            problems.append(f"{file_name}, line {line}: the line is blank")
            continue
        if len(cells) != len(fields):
            problems.append(f"{file_name}, line {line}: expected {len(fields)} cells, found {len(cells)}")
            continue
        row = {}
        for cell, field in zip(cells, fields, strict=True):
            row[field["name"]], problem = _cell(cell, field)
            if problem:
                problems.append(f"{file_name}, line {line}, field {field['name']!r}: {problem}")
        rows.append(row)
        lines.append(line)
    if not rows and not problems:
        problems.append(f"{file_name}: the file has a header but no rows of data")
    problems += _key_problems(file_name, schema, rows, lines)
    for fk in schema.get("foreignKeys", []):
        target, target_fields = fk["reference"]["resource"], _fields(fk["reference"]["fields"])
        frame, target_problems = _checked(target, data_dir)
        if frame is None or target_problems:
            continue  # the target's own problems are reported (and refused) on its own
        present = set(frame[target_fields].itertuples(index=False, name=None))
        key = _fields(fk["fields"])
        for row, line in zip(rows, lines, strict=True):
            cells = tuple(row[f] for f in key)
            if None not in cells and cells not in present:
                problems.append(
                    f"{file_name}, line {line}, field {key[0]!r}: ({_described(cells)}) is not in "
                    f"{resource_descriptor(target, data_dir)['path']} ({', '.join(target_fields)})"
                )
    if "sources" in _references(resource):
        sources_frame, sources_problems = _checked("sources", data_dir)
        if sources_frame is not None and not sources_problems:
            known = set(sources_frame["source_id"].dropna())
            problems += _source_id_problems(file_name, rows, lines, known)
    frame = pd.DataFrame([[row[n] for n in expected] for row in rows], columns=expected)
    for field in fields:
        frame[field["name"]] = frame[field["name"]].astype(
            _PANDAS_DTYPES.get(field.get("type", "string"), "object")
        )
    return frame, tuple(problems)


def problems(name: str, data_dir: Path | None = None) -> list[str]:
    """Everything wrong with resource ``name``, as messages naming file, line and field (empty if none)."""
    data_dir = (data_dir or find_data_dir()).resolve()
    return list(_checked(name, data_dir)[1])


MAX_LISTED = 10


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Load resource ``name`` from the data package as a typed DataFrame (a fresh copy).

    Raises :class:`DataValidationError` when the table, or a table its rows refer to (sources,
    foreign keys), breaks its schema; the message lists the problems, each naming file, line and field.
    """
    data_dir = (data_dir or find_data_dir()).resolve()
    frame, found = _checked(name, data_dir)
    found = list(found)
    for other in _references(resource_descriptor(name, data_dir)):
        found += _checked(other, data_dir)[1]
    if found:
        more = f"\n... and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        raise DataValidationError("\n".join(found[:MAX_LISTED]) + more)
    return frame.copy()


def split_source_ids(cell: str | None) -> list[str]:
    """A ``source_id`` cell may list several sources separated by ``;``."""
    if cell is None or pd.isna(cell):
        return []
    return [part.strip() for part in str(cell).split(SOURCE_ID_SEPARATOR) if part.strip()]


def sources(data_dir: Path | None = None) -> pd.DataFrame:
    """The sources table, indexed by ``source_id``."""
    return load("sources", data_dir).set_index("source_id")


def cite(source_ids: str | list[str], data_dir: Path | None = None, *, max_named: int = 4) -> str:
    """A short 'Publisher, year' line for one or more source ids, for a chart's source line.

    Past ``max_named`` distinct sources the line names the first few and counts the rest, so a
    chart's subtitle stays one line; the full list is in the Data and sources appendix.
    """
    ids = split_source_ids(source_ids) if isinstance(source_ids, str) else list(source_ids)
    table = sources(data_dir)
    parts = []
    for source_id in dict.fromkeys(ids):
        row = table.loc[source_id]
        date = f", {row['published'][:4]}" if pd.notna(row["published"]) else ""
        parts.append(f"{row['publisher']}{date}")
    if len(parts) > max_named:
        rest = len(parts) - max_named
        return "; ".join(parts[:max_named]) + f" and {rest} more (see Data and sources)"
    return "; ".join(parts)
