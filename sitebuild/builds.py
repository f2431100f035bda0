"""Run ``jupyter-book build`` of the book's editions, one or several at once, each logging to a file.

The one place that starts a book build in a subprocess: ``./dev.sh build`` (the full, student and
Chinese editions side by side), the test suite's session builds (``tests/conftest.py``, which start
them in the background as the session begins), the builds of a copy of the book
(``tests/book_copy.py``) and the broken-data builds (``tests/test_bad_data.py``).

A build runs mostly on one core: Sphinx reads and writes pages in one process, and MyST-NB runs
one notebook at a time. On the 2-core build machine the editions, built one after another, left a
core idle; built side by side they share both. Each build keeps its own output folder and
execution cache (``--path-output``), so they never write the same file (the one file they share,
the build's compiled catalogue of its own texts, is written whole: :mod:`sitebuild.site_locale`).

Each build's output goes to a log file (``_build/logs/<edition>.log``: what it printed, then what
it printed as errors), so side-by-side builds do not mix their lines; ``python -m
sitebuild.builds`` prints the log of any build that failed.

    python -m sitebuild.builds full student zh     # build these editions side by side
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Warnings are errors; every warning of a build is reported before it stops.
STRICT = ("-W", "-n", "--keep-going")
# What ``jupyter-book build .`` needs besides STRICT to build each edition where ./dev.sh puts it.
EDITIONS = {
    "full": (),
    "student": ("--config", "_config.student.yml", "--path-output", "_build/student"),
    "zh": ("--config", "_config.zh.yml", "--path-output", "_build/zh"),
}
LOG_FOLDER = Path("_build") / "logs"


def jupyter_book() -> Path:
    """The jupyter-book of the Python environment this runs in (the checkout's .venv)."""
    return Path(sys.executable).parent / "jupyter-book"


@dataclass
class Finished:
    """A build that has ended: its exit code, everything it printed, and how long it took."""

    name: str
    returncode: int
    log: str
    log_file: Path
    seconds: float
    cwd: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class Build:
    """``jupyter-book build . ARGS`` started in ``cwd``, its output going to ``log_file``."""

    def __init__(
        self, name: str, args, *, cwd: Path = ROOT, log_file: Path, env: dict | None = None, **popen
    ):
        """``popen``: more arguments for :class:`subprocess.Popen` (``preexec_fn`` to lower its priority)."""
        self.name = name
        self.cwd = Path(cwd)
        self.log_file = Path(log_file)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        # Printed text and errors in files of their own, joined when the build ends: one stream's
        # partly written line never cuts into the other's.
        self._out = self.log_file.with_name(self.log_file.name + ".out")
        self._err = self.log_file.with_name(self.log_file.name + ".err")
        self.started = time.perf_counter()
        with open(self._out, "wb") as out, open(self._err, "wb") as err:
            self.process = subprocess.Popen(
                [str(jupyter_book()), "build", ".", *args], cwd=cwd, env=env, stdout=out, stderr=err, **popen
            )
        self._finished: Finished | None = None
        self._lock = threading.Lock()  # a test and a job that needs the build may wait at once

    def wait(self, timeout: float | None = None) -> Finished:
        """Wait for the build to end (killing it after ``timeout`` seconds) and return its result."""
        with self._lock:
            return self._wait(timeout)

    def _wait(self, timeout: float | None) -> Finished:
        if self._finished is None:
            try:
                returncode = self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                returncode = self.process.wait()
            seconds = time.perf_counter() - self.started
            log = self._out.read_text(encoding="utf-8", errors="replace") + self._err.read_text(
                encoding="utf-8", errors="replace"
            )
            self.log_file.write_text(log, encoding="utf-8")
            self._out.unlink()
            self._err.unlink()
            self._finished = Finished(self.name, returncode, log, self.log_file, seconds, self.cwd)
        return self._finished

    def stop(self) -> None:
        """End a build nobody will wait for (a test session that stops early)."""
        if self._finished is None and self.process.poll() is None:
            self.process.kill()
        self.wait()


def start_edition(edition: str, *, cwd: Path = ROOT, env: dict | None = None, **popen) -> Build:
    """Start building one edition (a key of :data:`EDITIONS`) with warnings as errors."""
    log_file = cwd / LOG_FOLDER / f"{edition}.log"
    return Build(edition, [*EDITIONS[edition], *STRICT], cwd=cwd, log_file=log_file, env=env, **popen)


def warnings_in(log: str, last: int = 30) -> str:
    """The last warning and error lines of a build's log: what a failed build says went wrong."""
    lines = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    return "\n".join(lines[-last:])


def build_editions(editions: list[str], *, cwd: Path = ROOT) -> list[Finished]:
    """Build the given editions side by side; return their results in the order given."""
    builds = [start_edition(edition, cwd=cwd) for edition in editions]
    return [build.wait() for build in builds]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("editions", nargs="+", choices=sorted(EDITIONS), help="the editions to build")
    args = parser.parse_args(argv)
    print(f"Building {', '.join(args.editions)} side by side; logs in {LOG_FOLDER}/", flush=True)
    results = build_editions(args.editions, cwd=ROOT)
    for result in results:
        verdict = "built" if result.ok else f"FAILED (exit code {result.returncode})"
        print(f"  {result.name}: {verdict} in {result.seconds:.0f} s ({result.log_file})", flush=True)
    for result in results:
        if not result.ok:
            print(f"\n===== {result.name}: {result.log_file} =====\n{result.log}", file=sys.stderr)
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
