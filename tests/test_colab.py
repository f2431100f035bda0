"""The Colab path of each notebook: clone, install, change directory, then find the data.

Colab is simulated: a fake ``google.colab`` module, and ``subprocess.run`` and ``os.chdir``
replaced by recorders, so no network is used. The recorded clone is then stood in for by a copy of
this repository, to check that the data package is found from the notebook folder.
"""

import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
import yaml

from seckill import data

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _colab_cell(path: Path) -> str:
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    setup = cells[0].source
    assert "google.colab" in setup, f"{path.name}: the first code cell should set up Colab"
    return setup


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_setup_clones_installs_and_moves_to_the_notebooks(path, monkeypatch):
    commands, directories = [], []
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: commands.append(cmd))
    monkeypatch.setattr(os, "chdir", directories.append)
    exec(compile(_colab_cell(path), path.name, "exec"), {})

    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    clone, install = commands
    assert clone[:2] == ["git", "clone"] and clone[-2] == repository + ".git"
    assert install[-1] == clone[-1] and install[1:4] == ["-m", "pip", "install"]
    assert directories == [clone[-1] + "/notebooks"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outside_colab_the_setup_cell_does_nothing(path, monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("ran a command outside Colab"))
    exec(compile(_colab_cell(path), path.name, "exec"), {})


def test_a_fresh_clone_finds_its_data_from_the_notebook_folder(tmp_path, monkeypatch):
    clone = tmp_path / "seckill-book"
    shutil.copytree(ROOT / "data", clone / "data")
    (clone / "notebooks").mkdir()
    monkeypatch.delenv("SECKILL_DATA_DIR", raising=False)
    monkeypatch.chdir(clone / "notebooks")
    assert data.find_data_dir() == clone / "data"
