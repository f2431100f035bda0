"""Each page's text of the PDF editions, as pypdf extracts it (the slow part of reading a PDF).

The suite prints the PDF editions in the background as soon as the two sites they come from are
built (tests/conftest.py), then runs this in a process of its own to extract the text of every
page of every PDF into one JSON file, while other tests run; tests/test_pdf_editions.py reads the
texts from there.

    python -m tests.pdf_texts FOLDER TARGET.json
"""

from __future__ import annotations

import concurrent.futures
import json
import sys
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """The text of each page of the PDF at ``path``."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def extract(folder: Path) -> dict[str, list[str]]:
    """Every PDF in ``folder``, by file name, and the text of each of its pages.

    Two files at a time, in processes of their own (pypdf keeps one core busy per file), the
    largest first so that both end at about the same time.
    """
    paths = sorted(folder.glob("*.pdf"), key=lambda path: -path.stat().st_size)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip([path.name for path in paths], pool.map(page_texts, paths), strict=True))


def main(argv: list[str]) -> int:
    folder, target = Path(argv[0]), Path(argv[1])
    target.write_text(json.dumps(extract(folder), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
