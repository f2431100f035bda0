"""Binder builds the environment readers run: Python 3.11 and the pinned requirements.

``jupyter-repo2docker --no-build --debug .`` prints the Dockerfile Binder would build, without
Docker or network, so the recipe itself can be checked here.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _recipe() -> str:
    repo2docker = Path(sys.executable).parent / "jupyter-repo2docker"
    result = subprocess.run(
        [str(repo2docker), "--no-build", "--debug", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


def test_binder_uses_python_311_and_installs_requirements_after_copying_the_repo():
    recipe = _recipe()
    assert "python=3.11" in recipe, "pin Python in runtime.txt (repo2docker's default is newer)"
    copy_repo = recipe.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = recipe.index('pip install --no-cache-dir -r "requirements.txt"')
    # requirements.txt refers to constraints.txt and to the package in this repo (-e .), so it must
    # be installed after the whole repository is in the image.
    assert copy_repo < install


def test_no_binder_folder_hides_the_top_level_files():
    # With a binder/ or .binder/ folder, repo2docker ignores requirements.txt and runtime.txt here.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_runtime_and_requirements_pin_what_readers_get():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "-c constraints.txt" in requirements and "-e ." in requirements
    pinned = [line for line in requirements if line and not line.startswith(("#", "-"))]
    assert pinned and all("==" in line for line in pinned)
