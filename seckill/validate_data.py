"""Validate the whole data package: every table, the package's own rules, then Frictionless.

The book build runs this before any notebook executes (``sitebuild/sphinxext.py``) and stops on
the first problem list, so a chart is never drawn from a table that breaks its schema. Three layers:

1. The package as a whole: ``datapackage.json`` is readable JSON with the structure the loader
   needs, every CSV in the data folder is described by it (an undescribed file would be published
   unchecked), and every resource names its sources, licence and description, and has a
   ``source_id`` field so its rows trace to ``sources.csv``.
2. Every table, with the loader's own checks (:mod:`seckill.data`: encoding, header, types,
   constraints, ``NaN``/infinity, primary keys, the schema's row rules, foreign keys, source ids),
   so the build and a reader's notebook refuse exactly the same data.
3. When those pass, Frictionless validates the package against the Data Package and Table Schema
   standards, as a second, independent reading.

Problems are collected, not stopped at the first, and each message names the file, line and field.
Run from the command line with ``python -m seckill.validate_data [data_dir]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from seckill import data
from seckill.data import PACKAGE_FILE, DataValidationError, find_data_dir, read_descriptor


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


def _package_problems(data_dir: Path, descriptor: dict) -> list[str]:
    """Rules about the package as a whole, not about one table's rows."""
    problems = []
    resources = {r["name"]: r for r in descriptor["resources"]}
    if "sources" not in resources:
        problems.append(f"{PACKAGE_FILE}: there is no 'sources' resource to resolve source ids against")
    described = {r["path"] for r in descriptor["resources"]}
    for path in sorted(data_dir.glob("*.csv")):
        if path.name not in described:
            problems.append(
                f"{path.name}: this CSV is in the data folder but {PACKAGE_FILE} does not describe it; "
                "add it as a resource (schema, sources, licence) or remove it"
            )
    for name, resource in resources.items():
        for key in ("sources", "licenses", "description"):
            if not resource.get(key):
                problems.append(f"{PACKAGE_FILE}, resource {name!r}: '{key}' is missing or empty")
        fields = [f["name"] for f in resource["schema"]["fields"]]
        if name != "sources" and "source_id" not in fields:
            problems.append(f"{resource['path']}: has no 'source_id' field, so its rows cannot be traced")
    return problems


def problems(data_dir: Path | None = None) -> list[str]:
    """Every problem found in the data package, as readable messages (empty when it is valid)."""
    data_dir = (Path(data_dir) if data_dir else find_data_dir()).resolve()
    try:
        descriptor = read_descriptor(data_dir)
    except DataValidationError as error:
        return str(error).splitlines()
    found = _package_problems(data_dir, descriptor)
    for resource in descriptor["resources"]:
        found += data.problems(resource["name"], data_dir)
    if not found:
        found = _frictionless_problems(data_dir)
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
