"""The Colab path of each notebook: clone, install, change directory, then find the data; twice.

Colab is emulated: a fake ``google.colab`` module, ``/content`` replaced by a temporary folder, and
``git clone`` pointed at a local repository instead of GitHub, so no network is used. The clone is
real, so a second run meets a real clone, as after "Restart session" or a second "Run all". The
package install is recorded, not run (it would install into the test environment); whether the
package is installed is what ``importlib.util.find_spec`` answers, so the test answers it.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

from scripts import colab_setup
from seckill import data

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REPOSITORY = colab_setup.repository_url(ROOT / "_config.yml")


def _colab_cell(path: Path) -> str:
    setup = colab_setup.first_code_cell(nbformat.read(path, as_version=4)).source
    assert "google.colab" in setup, f"{path.name}: the first code cell should set up Colab"
    return setup


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """A local git repository standing in for GitHub: the folders the notebooks need, committed."""
    origin = tmp_path_factory.mktemp("origin")
    for folder in ("data", "notebooks", "seckill"):
        shutil.copytree(ROOT / folder, origin / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", origin)
    git = ["git", "-C", str(origin), "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "book"], check=True)
    return origin


class Colab:
    """A Colab runtime: its /content folder, the commands the setup cell ran, the installed package."""

    def __init__(self, tmp_path: Path, origin: Path, monkeypatch):
        self.content = tmp_path / "content"
        self.content.mkdir()
        self.origin = origin
        self.commands: list[list[str]] = []
        self.installed = False
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
        monkeypatch.setattr(subprocess, "run", self._run)
        real_find_spec = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: (
                (object() if self.installed else None) if name == "seckill" else real_find_spec(name, *a)
            ),
        )
        monkeypatch.chdir(self.content)  # a Colab kernel starts in /content

    def _run(self, command, **kwargs):
        self.commands.append(command)
        if command[:2] == ["git", "clone"]:
            assert command[-2] == REPOSITORY, "the clone should come from _config.yml's repository"
            local = [*command[:-2], self.origin.as_uri(), command[-1]]
            _git(local)
            return subprocess.CompletedProcess(local, 0)
        assert command[1:4] == ["-m", "pip", "install"], f"unexpected command {command}"
        self.installed = True
        return subprocess.CompletedProcess(command, 0)

    def run_setup(self, path: Path) -> None:
        cell = _colab_cell(path)
        assert cell.count('"/content/') == 1, "the cell should name Colab's folder once"
        cell = cell.replace('"/content/', f'"{self.content.as_posix()}/')
        exec(compile(cell, path.name, "exec"), {})

    def restart_session(self) -> None:
        """Files and installed packages stay; the kernel starts again in /content."""
        self.commands.clear()
        os.chdir(self.content)


def _git(command: list[str]) -> None:
    # The real git, not the patched subprocess.run the cell sees.
    completed = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, error = completed.communicate(timeout=60)
    assert completed.returncode == 0, error.decode()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_setup_runs_again_after_a_restart_without_cloning_or_installing_twice(
    path, tmp_path, origin, monkeypatch
):
    colab = Colab(tmp_path, origin, monkeypatch)
    book = colab.content / "seckill-book"

    colab.run_setup(path)
    clone, install = colab.commands
    assert clone[:2] == ["git", "clone"] and clone[-1] == book.as_posix()
    assert install == [sys.executable, "-m", "pip", "install", "--quiet", book.as_posix()]
    assert (book / ".git").is_dir() and Path.cwd() == book / "notebooks"

    colab.restart_session()
    colab.run_setup(path)  # meets the real clone made above
    assert colab.commands == [], "a second run should neither clone nor install again"
    assert Path.cwd() == book / "notebooks"
    assert data.find_data_dir() == book / "data"

    colab.run_setup(path)  # "Run all" again, without a restart: already in the notebooks folder
    assert colab.commands == [] and Path.cwd() == book / "notebooks"


def test_colab_setup_installs_without_cloning_again_when_only_the_install_is_missing(
    tmp_path, origin, monkeypatch
):
    colab = Colab(tmp_path, origin, monkeypatch)
    colab.run_setup(NOTEBOOKS[0])
    colab.restart_session()
    colab.installed = False  # say the install was interrupted the first time
    colab.run_setup(NOTEBOOKS[0])
    assert [command[1:4] for command in colab.commands] == [["-m", "pip", "install"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outside_colab_the_setup_cell_does_nothing(path, monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("ran a command outside Colab"))
    monkeypatch.setattr(os, "chdir", lambda *a: pytest.fail("changed directory outside Colab"))
    exec(compile(_colab_cell(path), path.name, "exec"), {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_setup_cell_is_written_from_the_repository_url_in_config(path):
    assert _colab_cell(path) == colab_setup.setup_cell(REPOSITORY), (
        f"{path.name}: its setup cell differs from _config.yml's; run python -m scripts.colab_setup"
    )


def test_the_script_rewrites_a_drifted_cell_and_refuses_a_notebook_without_one(tmp_path):
    drifted = tmp_path / "drifted.ipynb"
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    colab_setup.first_code_cell(notebook).source = colab_setup.setup_cell("https://example.org/old")
    nbformat.write(notebook, drifted)
    assert colab_setup.write([drifted], REPOSITORY) == [drifted]
    assert _colab_cell(drifted) == colab_setup.setup_cell(REPOSITORY)
    assert colab_setup.write([drifted], REPOSITORY) == [], "an up-to-date notebook is left alone"

    colab_setup.first_code_cell(notebook).source = "print('no setup here')"
    nbformat.write(notebook, drifted)
    with pytest.raises(ValueError, match="not the Colab setup cell"):
        colab_setup.write([drifted], REPOSITORY)


def test_the_repository_url_must_be_an_https_address(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("repository:\n  branch: main\n")
    with pytest.raises(ValueError, match="repository.url"):
        colab_setup.repository_url(config)
