"""Binder builds a lean environment for readers: Python 3.11 and only what the notebooks need.

``jupyter-repo2docker --no-build --debug .`` prints the Dockerfile Binder would build, without
Docker or network, so the recipe itself can be checked here. The environment lives in ``binder/``
(repo2docker then ignores the top-level files, which also serve local development and CI).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
# Book-building and test tools: none of them belongs in the readers' environment.
NOT_FOR_READERS = {"jupyter-book", "sphinx", "pytest", "playwright", "ruff", "frictionless", "fonttools"}


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


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            pins[name.lower()] = version
    return pins


def test_binder_installs_the_packages_before_the_repository_and_the_book_package_after():
    recipe = _recipe()
    assert "python=3.11" in recipe, "pin Python in binder/runtime.txt (repo2docker's default is newer)"
    install = recipe.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    copy_repo = recipe.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    post_build = recipe.index("RUN ./binder/postBuild")
    # Installed from requirements.txt alone, the packages form an image layer that survives edits
    # to the book; the book's package needs the whole repository, so postBuild comes after it.
    assert install < copy_repo < post_build
    # With a binder/ folder, the top-level requirements.txt (and its -e .) must not be used.
    assert 'pip install --no-cache-dir -r "requirements.txt"' not in recipe


def test_binder_pins_match_the_readers_requirements_and_ci():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    binder = _pins(BINDER / "requirements.txt")
    readers = _pins(ROOT / "requirements.txt")
    ci = _pins(ROOT / "constraints.txt")
    assert binder == readers, "binder/requirements.txt and requirements.txt pin different packages"
    assert all(ci.get(name) == version for name, version in binder.items()), "differs from constraints.txt"
    assert not NOT_FOR_READERS & binder.keys()
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    assert not [line for line in lines if line.startswith("-")], "a local reference defeats the image cache"


def test_post_build_installs_the_book_package_without_touching_the_pins():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK)
    text = post_build.read_text()
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    assert "pip install --no-cache-dir --no-deps -e ." in text


def test_top_level_requirements_pin_what_readers_get_locally():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert "-c constraints.txt" in requirements and "-e ." in requirements
    assert _pins(ROOT / "requirements.txt")
