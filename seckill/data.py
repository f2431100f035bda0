"""Load the book's data package (``data/datapackage.json``) as typed pandas DataFrames.

One loader for every notebook and page, so that a figure is always read the same way: the field
types come from the package's schema, not from pandas' guesses, and a value that does not fit its
type stops the load with the file, line and field named.

The data folder is found, in order, from the ``SECKILL_DATA_DIR`` environment variable, from the
working directory or any folder above it, and from the folder above this package. That covers the
built book (notebooks run in ``notebooks/``), Binder and a local clone, and Colab, where each
notebook's setup cell clones the repository and changes to its ``notebooks/`` folder first.
"""

from __future__ import annotations

import json
import os
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


def read_descriptor(data_dir: Path | None = None) -> dict:
    """The parsed ``datapackage.json``."""
    data_dir = data_dir or find_data_dir()
    with open(data_dir / PACKAGE_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def resource_descriptor(name: str, data_dir: Path | None = None) -> dict:
    """The descriptor of one resource, by name."""
    descriptor = read_descriptor(data_dir)
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    names = ", ".join(r["name"] for r in descriptor["resources"])
    raise KeyError(f"No resource named {name!r} in {PACKAGE_FILE}; available: {names}")


def _convert(value: str, field: dict, where: str):
    """Convert one CSV cell to the Python value its schema field type says it is."""
    if value == "":
        if field.get("constraints", {}).get("required"):
            raise DataValidationError(f"{where}: a value is required but the cell is empty")
        return None
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
        if kind == "boolean":
            lowered = value.lower()
            if lowered not in {"true", "false"}:
                raise ValueError(value)
            return lowered == "true"
    except ValueError:
        raise DataValidationError(f"{where}: {value!r} is not a valid {kind}") from None
    return value


_PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}


@cache
def _load_cached(name: str, data_dir: Path) -> pd.DataFrame:
    import csv

    resource = resource_descriptor(name, data_dir)
    path = data_dir / resource["path"]
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != expected:
            raise DataValidationError(
                f"{path.name}, line 1: the header {header} does not match the schema fields {expected}"
            )
        rows = []
        for line_number, cells in enumerate(reader, start=2):
            if len(cells) != len(fields):
                raise DataValidationError(
                    f"{path.name}, line {line_number}: expected {len(fields)} cells, found {len(cells)}"
                )
            rows.append(
                [
                    _convert(cell, field, f"{path.name}, line {line_number}, field {field['name']!r}")
                    for cell, field in zip(cells, fields, strict=True)
                ]
            )
    frame = pd.DataFrame(rows, columns=expected)
    for field in fields:
        frame[field["name"]] = frame[field["name"]].astype(
            _PANDAS_DTYPES.get(field.get("type", "string"), "object")
        )
    return frame


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Load resource ``name`` from the data package as a typed DataFrame (a fresh copy)."""
    data_dir = (data_dir or find_data_dir()).resolve()
    return _load_cached(name, data_dir).copy()


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
