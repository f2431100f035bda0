"""What every derivation script shares: paths relative to the repository root and the command line.

Each ``scripts/derive_*.py`` reads one raw open-data input (by default from ``../shared/``, beside
the repository), keeps and renames what the book needs, and writes one CSV into ``data/``. Only
``load_raw`` and ``derive`` differ between scripts; :func:`run` does the rest.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent


def resolve(path_str: str) -> Path:
    """Resolve a path given relative to the repository root (absolute paths pass through)."""
    path = Path(path_str)
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


def run(
    doc: str,
    default_raw: str,
    default_out: str,
    load_raw: Callable[[Path], pd.DataFrame],
    derive: Callable[[pd.DataFrame], pd.DataFrame],
) -> Path:
    """Parse ``[RAW] [--out OUT]``, derive the table and write it; return the output path."""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("raw", nargs="?", default=default_raw, help="raw input (default: %(default)s)")
    parser.add_argument("--out", default=default_out, help="output CSV (default: %(default)s)")
    args = parser.parse_args()
    out_path = resolve(args.out)
    result = derive(load_raw(resolve(args.raw)))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out_path, index=False)
    print(f"wrote {len(result)} rows to {out_path}")
    return out_path


def require_columns(frame: pd.DataFrame, columns, where: object) -> None:
    """Stop with a message naming the file (``where``) if any of ``columns`` is missing."""
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ValueError(f"{where}: missing columns {sorted(missing)}")


def check_economies(
    rows: pd.DataFrame, code_column: str, economies, key_columns: list[str], where: str = ""
) -> None:
    """Check rows already filtered to ``economies``: each economy present, no key repeated."""
    prefix = f"{where}: " if where else ""
    absent = set(economies) - set(rows[code_column])
    if absent:
        raise ValueError(f"{prefix}economies not found in input: {sorted(absent)}")
    if rows.duplicated(key_columns).any():
        kind = "economy-year" if len(key_columns) > 1 else "economy"
        raise ValueError(f"{prefix}duplicate {kind} rows in input")
