"""Pack the built site and the notebooks, with their data and package, into one zip for a classroom.

A teacher copies the unpacked folder to a USB stick or a shared drive. The site opens from its
``index.html`` with no internet; the notebooks run with a local Python (``START-HERE.txt`` says
how). Run after the book is built::

    python -m scripts.classroom_bundle                 # writes _build/html/seckill-book-classroom.zip

The zip holds one folder, ``seckill-book/``::

    index.html          opens the site
    START-HERE.txt      what is here and how to run the notebooks
    site/               the built website (_build/html)
    notebooks/ data/ seckill/
                        the notebooks, the data package and the book's Python package
    requirements.txt constraints.txt pyproject.toml README.md LICENSE LICENSE-CONTENT.md
                        so that ``pip install -r requirements.txt`` works from the folder, as in a clone

Written into the site folder (the default), the zip is published with the site and linked from the
page on running the notebooks locally; a zip already there is never packed into the next one.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "seckill-book-classroom.zip"
TOP = "seckill-book"
# What a local Python needs beside the notebooks: the same files as in a clone of the repository.
PYTHON_FOLDERS = ("notebooks", "data", "seckill")
PYTHON_FILES = (
    "requirements.txt",
    "constraints.txt",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "LICENSE-CONTENT.md",
)
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".DS_Store"}

INDEX_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Refresh" content="0; url=site/index.html">
<title>Sec-killing the products, or the people?</title>
</head>
<body>
<p><a href="site/index.html">Open the book</a></p>
</body>
</html>
"""

START_HERE = """\
Sec-killing the products, or the people? -- classroom copy
==========================================================

This folder holds the whole book: its website, and the notebooks with their data and
Python package. Copy the folder anywhere (a USB stick, a shared drive, each computer).

READ THE BOOK (no internet, nothing to install)
  Open index.html in a web browser (double-click it). Charts, sliders and menus work
  offline: every script, style and font is in the site/ folder.

RUN THE NOTEBOOKS (needs Python; tested with 3.11, from python.org on Windows and macOS)
  notebooks/ holds one notebook per chapter; data/ and seckill/ are the data and the
  book's Python package that the notebooks use. Open a terminal in this folder, then:

    Windows:
      py -m venv .venv
      .venv\\Scripts\\python -m pip install -r requirements.txt
      .venv\\Scripts\\jupyter lab notebooks

    macOS and Linux:
      python3 -m venv .venv
      .venv/bin/python -m pip install -r requirements.txt
      .venv/bin/jupyter lab notebooks

  The install (about 80 MB) needs the internet once. Next time, run only the last line.

  For a room with no internet: on a computer that is online and has the same system and
  Python version as the classroom computers, run in this folder
      python -m pip wheel -r requirements.txt setuptools -w wheels
  and copy this folder with its new wheels/ folder. On each classroom computer, make the
  environment as above, then install from the folder instead of the internet:
      python -m pip install --no-index --find-links wheels -r requirements.txt
  (with the environment's python: .venv\\Scripts\\python or .venv/bin/python).

  The same steps, with more detail: site/book/run-locally.html in this folder
  ("Run the notebooks on your computer").
"""


def _site_files(site: Path) -> list[Path]:
    """Every file of the built site except classroom zips written into it."""
    return sorted(
        path
        for path in site.rglob("*")
        if path.is_file() and not (path.parent == site and path.name.startswith(NAME.removesuffix(".zip")))
    )


def _source_files() -> list[Path]:
    files = [ROOT / name for name in PYTHON_FILES]
    for folder in PYTHON_FOLDERS:
        files += [
            path
            for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and not SKIPPED_PARTS & set(path.relative_to(ROOT).parts)
        ]
    return files


def build(site: Path, out: Path) -> Path:
    """Write the classroom zip; return its path."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the book first (./dev.sh book)")
    missing = [name for name in (*PYTHON_FOLDERS, *PYTHON_FILES) if not (ROOT / name).exists()]
    if missing:
        raise FileNotFoundError(f"missing from the repository: {', '.join(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        bundle.writestr(f"{TOP}/index.html", INDEX_HTML)
        bundle.writestr(f"{TOP}/START-HERE.txt", START_HERE)
        for path in _site_files(site):
            bundle.write(path, f"{TOP}/site/{path.relative_to(site).as_posix()}")
        for path in _source_files():
            bundle.write(path, f"{TOP}/{path.relative_to(ROOT).as_posix()}")
    partial.replace(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"), help="the built site")
    parser.add_argument("--out", default=None, help=f"the zip to write (default: SITE/{NAME})")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    out = Path(args.out).resolve() if args.out else site / NAME
    build(site, out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
