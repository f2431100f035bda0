"""Write every notebook's Colab setup cell (its first code cell) from ``_config.yml``.

Colab opens a notebook without the book's files, so the first cell clones the repository,
installs the book's package and moves to the notebooks folder. That cell runs before the package
exists, so it cannot ask the package where the repository is: the address is written into the cell
from ``repository.url`` in ``_config.yml``, the one the launch buttons use. After changing that
line (in a fork, say), run ``python -m scripts.colab_setup``; ``tests/test_colab.py`` fails while
any notebook's cell differs from what this script writes.

The cell can run any number of times: after "Restart session" or a second "Run all" the clone and
the installed package are still there, so it only moves to the notebooks folder again.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

# Where Colab keeps the clone. The test replaces "/content" with a temporary folder.
COLAB_FOLDER = "/content/seckill-book"

CELL = """\
import importlib.util
import os
import subprocess
import sys

REPOSITORY = "{repository}"
BOOK = "{folder}"
if "google.colab" in sys.modules:  # Colab starts without the book's files
    # After "Restart session" or a second "Run all", the clone and the package are still there.
    if not os.path.isdir(BOOK + "/.git"):
        subprocess.run(["git", "clone", "--depth", "1", REPOSITORY, BOOK], check=True)
    if importlib.util.find_spec("seckill") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", BOOK], check=True)
    os.chdir(BOOK + "/notebooks")  # the data folder is found from here"""


def repository_url(config: Path = ROOT / "_config.yml") -> str:
    """The repository's address as ``_config.yml`` gives it (``repository.url``)."""
    url = (yaml.safe_load(config.read_text(encoding="utf-8")).get("repository") or {}).get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        raise ValueError(f"{config.name}: repository.url should be an https:// address, not {url!r}")
    return url


def setup_cell(repository: str) -> str:
    """The first code cell of every notebook."""
    return CELL.format(repository=repository, folder=COLAB_FOLDER)


def first_code_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(cell for cell in notebook.cells if cell.cell_type == "code")


def write(notebooks: list[Path], repository: str) -> list[Path]:
    """Rewrite each notebook whose setup cell differs; return the ones changed."""
    wanted = setup_cell(repository)
    changed = []
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        cell = first_code_cell(notebook)
        if "google.colab" not in cell.source:
            raise ValueError(f"{path.name}: the first code cell is not the Colab setup cell")
        if cell.source != wanted:
            cell.source = wanted
            nbformat.write(notebook, path)
            changed.append(path)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    changed = write(sorted(NOTEBOOKS.glob("*.ipynb")), repository_url())
    for path in changed:
        print(f"rewrote the setup cell of {path.relative_to(ROOT)}")
    if not changed:
        print("every notebook's setup cell is up to date")


if __name__ == "__main__":
    main()
