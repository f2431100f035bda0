"""A copy of the book to build and edit, away from the checkout (build tests and the benchmark).

The copy holds what a fresh clone has (tracked files plus new ones git does not ignore) and links
to this checkout's ``.venv``, so it builds with the same packages without installing anything.
Builds run with the copy on ``PYTHONPATH``, so the build and the notebook kernels it starts (they
inherit its environment) import the copy's ``seckill`` rather than the checkout's editable install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sitebuild import builds

ROOT = Path(__file__).resolve().parent.parent
# MyST-NB logs one such line for each page it runs rather than takes from the execution cache.
EXECUTED = re.compile(r"^(\S+): Executing notebook", re.MULTILINE)


def copy_checkout(target: Path) -> None:
    """Copy the files a fresh clone has into ``target``, and link this checkout's .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    (target / ".venv").symlink_to(ROOT / ".venv")


def start_build(work: Path, *args: str, **popen) -> builds.Build:
    """Start ``jupyter-book build . ARGS`` in ``work``, its log in ``work/_build/logs/build.log``."""
    env = {**os.environ, "PYTHONPATH": str(work)}
    log_file = work / builds.LOG_FOLDER / "build.log"
    return builds.Build(f"build in {work}", args, cwd=work, log_file=log_file, env=env, **popen)


def executed_pages(work: Path, log: str) -> set[str]:
    """The pages a build's log says it executed, as paths relative to ``work``."""
    return {str(Path(path).resolve().relative_to(work.resolve())) for path in EXECUTED.findall(log)}


def build(work: Path, *args: str) -> tuple[str, set[str]]:
    """``jupyter-book build . ARGS`` in ``work``; return its log and the pages it executed.

    Pages are paths relative to ``work`` (``notebooks/01-buy-it.ipynb``). A failed build fails
    with the end of its log.
    """
    result = start_build(work, *args).wait()
    if not result.ok:
        raise AssertionError(f"build in {work} failed:\n{result.log[-4000:]}")
    return result.log, executed_pages(work, result.log)
