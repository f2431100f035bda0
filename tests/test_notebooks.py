"""Every notebook is stored without outputs and runs top to bottom in a fresh kernel."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    with_outputs = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and c.outputs]
    assert not with_outputs, f"cells {with_outputs} have outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_has_a_stored_id_of_its_own(path):
    # A cell without one gets a random id whenever the notebook is read, so each build would
    # publish a different .ipynb download. Raw JSON: nbformat's reader would add the ids itself.
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = [i for i, cell in enumerate(cells) if not cell.get("id")]
    assert not missing, f"cells {missing} have no id"
    ids = [cell["id"] for cell in cells]
    assert len(set(ids)) == len(ids), "two cells share an id"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_fresh_kernel(path, monkeypatch):
    # As a reader would run it: in a live kernel, not a book build.
    monkeypatch.delenv("SECKILL_BOOK_BUILD", raising=False)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, on any error
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
