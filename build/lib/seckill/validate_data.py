"""Validate the data package: schema, types and constraints (Frictionless), then provenance.

Two layers, because Frictionless checks the shape of the data but not our promise that every row
traces to a source:

1. ``frictionless`` validates each CSV against its schema in ``datapackage.json`` (types, required
   fields, enums, ranges, unique keys).
2. Every ``source_id`` cell (one id, or several separated by ``;``) must resolve to a row of
   ``sources.csv``, every source must have an ``http(s)`` URL, and every resource must name its
   sources and license in the descriptor.

Problems are collected, not stopped at the first, and each message names the file, line and field.
Run from the command line with ``python -m seckill.validate_data [data_dir]``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from seckill.data import PACKAGE_FILE, find_data_dir, read_descriptor, split_source_ids


def _frictionless_problems(data_dir: Path) -> list[str]:
    from frictionless import FrictionlessException, Package

    try:
        package = Package(str(data_dir / PACKAGE_FILE))
    except FrictionlessException as error:
        reasons = "; ".join(r.message for r in error.reasons) or error.error.message
        return [f"{PACKAGE_FILE}: {reasons}"]
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            where = [task.place or task.name]
            row_number = getattr(error, "row_number", None)
            if row_number is not None:
                # Frictionless counts the header as row 1, so its row number is the CSV line.
                where.append(f"line {row_number}")
            field_name = getattr(error, "field_name", None)
            if field_name:
                where.append(f"field {field_name!r}")
            cell = getattr(error, "cell", None)
            value = f" (value {cell!r})" if cell is not None else ""
            problems.append(f"{', '.join(where)}: {error.type}{value}: {error.note or error.message}")
    for error in report.errors:
        problems.append(f"{PACKAGE_FILE}: {error.type}: {error.note or error.message}")
    return problems


def _provenance_problems(data_dir: Path) -> list[str]:
    descriptor = read_descriptor(data_dir)
    problems = []
    resources = {r["name"]: r for r in descriptor["resources"]}
    if "sources" not in resources:
        return [f"{PACKAGE_FILE}: there is no 'sources' resource to resolve source ids against"]

    known_ids = set()
    sources_path = data_dir / resources["sources"]["path"]
    with open(sources_path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            known_ids.add(row.get("source_id", ""))
            url = row.get("url", "")
            if not url.startswith(("http://", "https://")):
                problems.append(
                    f"{sources_path.name}, line {line}, field 'url': {url!r} is not a web address"
                )

    for name, resource in resources.items():
        for key in ("sources", "licenses", "description"):
            if not resource.get(key):
                problems.append(f"{PACKAGE_FILE}, resource {name!r}: '{key}' is missing or empty")
        if name == "sources":
            continue
        fields = [f["name"] for f in resource["schema"]["fields"]]
        if "source_id" not in fields:
            problems.append(f"{resource['path']}: has no 'source_id' field, so its rows cannot be traced")
            continue
        with open(data_dir / resource["path"], encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                ids = split_source_ids(row.get("source_id"))
                if not ids:
                    problems.append(f"{resource['path']}, line {line}, field 'source_id': no source given")
                for source_id in ids:
                    if source_id not in known_ids:
                        problems.append(
                            f"{resource['path']}, line {line}, field 'source_id': "
                            f"{source_id!r} is not in {sources_path.name}"
                        )
    return problems


def problems(data_dir: Path | None = None) -> list[str]:
    """Every problem found in the data package, as readable messages (empty when it is valid)."""
    data_dir = Path(data_dir) if data_dir else find_data_dir()
    found = _frictionless_problems(data_dir)
    # Provenance checks read the CSVs directly; only run them when the shape is sound.
    if not found:
        found = _provenance_problems(data_dir)
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else None
    found = problems(data_dir)
    for message in found:
        print(message, file=sys.stderr)
    print(f"data package: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
