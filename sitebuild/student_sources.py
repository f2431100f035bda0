"""The student edition's downloadable sources lose their solutions too.

sphinx-exercise's ``hide_solutions`` removes the solutions from the pages, and the edition's tag
removes the ``{only} full_edition`` blocks (the instructor guide's answer notes), but the download
button offers each page's source (``_sources/``: the notebook or the MyST file), which still holds
both. After a student-edition build, every ``{solution}`` and ``{only} full_edition`` block is cut
from those copies; notebook cells left empty are dropped. The repository's own files are not
touched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# A block the student edition must not offer: a solution, or teachers' material for the full edition.
HIDDEN_FENCE = re.compile(r"^(`{3,}|:{3,})\{(?:solution\}|only\}\s*full_edition\s*$)")


def strip_markdown(text: str) -> str:
    """``text`` without its ``{solution}`` and ``{only} full_edition`` blocks (backtick or colon
    fences, any length)."""
    kept, closing = [], None
    for line in text.splitlines(keepends=True):
        if closing is None:
            start = HIDDEN_FENCE.match(line)
            if start:
                closing = start.group(1)
            else:
                kept.append(line)
        elif line.strip() == closing:
            closing = None
    if closing is not None:
        raise ValueError(f"a hidden block ({{solution}} or {{only}}) opened with {closing} is never closed")
    return "".join(kept)


def strip_notebook(text: str) -> str:
    """A notebook's JSON without the ``{solution}`` blocks of its markdown cells."""
    notebook = json.loads(text)
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            source = strip_markdown("".join(cell["source"]))
            if not source.strip():
                continue
            cell["source"] = source.splitlines(keepends=True)
        cells.append(cell)
    notebook["cells"] = cells
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def strip_sources(outdir: Path) -> list[Path]:
    """Cut the solutions from every page source under ``outdir/_sources``; returns the files changed."""
    changed = []
    for path in sorted((outdir / "_sources").rglob("*")):
        if path.suffix == ".ipynb":
            strip = strip_notebook
        elif path.suffix in {".md", ".txt"}:
            strip = strip_markdown
        else:
            continue
        text = path.read_text(encoding="utf-8")
        stripped = strip(text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")
            changed.append(path)
    return changed
