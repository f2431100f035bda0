"""Shared fixtures: the repository root, a built book, a local web server and headless Chromium.

The built-site tests need Debian's Chromium at /usr/bin/chromium (``apt-get install chromium``);
they never download a browser. Set ``SECKILL_CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from sitebuild import builds
from tests import book_copy, site_check
from tests.zh_texts import in_chinese

# The property tests (tests/test_model_properties.py) try the same examples on every run
# (derandomized, no example database), few enough to stay quick.
settings.register_profile(
    "seckill",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile("seckill")

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# The session's book builds ------------------------------------------------------------------------
#
# Each edition the selected tests need, and the clean copy the reproducibility test compares with the
# main build, is built once per session. The builds start in the background as soon as the tests are
# collected (pytest_collection_finish), side by side (sitebuild/builds.py), so the 2-core machine
# builds on both cores while the first tests run; a fixture then waits for its build. The builds
# that tests wait for first run at normal priority, the others niced, on what those and the tests
# leave of the machine (NICENESS).

SKIP_BUILD = os.environ.get("SECKILL_SKIP_BUILD") == "1"
EDITION_SITES = {
    "full": SITE_DIR,
    "student": ROOT / "_build" / "student" / "_build" / "html",
    "zh": ROOT / "_build" / "zh" / "_build" / "html",
}
# Which builds a test needs, by the fixtures it uses (``edition_site`` asks for its site by name).
BUILDS_OF_FIXTURE = {
    "built_site": ("full",),
    "student_site": ("student",),
    "zh_site": ("zh",),
    "edition_site": ("full", "zh"),
    "clean_copy_site": ("clean copy",),
}
CLEAN_COPY = "clean copy"
# How much lower than the tests each build runs (os.nice), by how soon tests wait for it: the site
# tests of test_book.py and test_csp.py run on both languages (``edition_site``) first, then the
# student edition's (test_editions.py, and the PDF editions, printed from it), then the clean copy's.
NICENESS = {"full": 0, "zh": 0, "student": 5, CLEAN_COPY: 10}
# The PDF job, after the student edition.
PDF_NICENESS = 10

_started: dict[str, builds.Build] = {}
_start_lock = threading.Lock()
_scratch: list[Path] = []


def _niced(niceness: int) -> dict:
    """Popen's arguments to start a process ``niceness`` steps below this one (none for 0)."""
    return {"preexec_fn": lambda: os.nice(niceness)} if niceness else {}


def _start(name: str) -> builds.Build | None:
    """Start one of the session's builds unless it is running or reused; return it."""
    with _start_lock:  # the PDF job (below) asks for builds from a thread of its own
        return _start_unlocked(name)


def _start_unlocked(name: str) -> builds.Build | None:
    if name in _started:
        return _started[name]
    if name in EDITION_SITES and SKIP_BUILD and (EDITION_SITES[name] / "index.html").is_file():
        return None
    niced = _niced(NICENESS[name])
    if name == CLEAN_COPY:
        work = Path(tempfile.mkdtemp(prefix="seckill-clean-copy-"))
        _scratch.append(work)
        book_copy.copy_checkout(work)
        _started[name] = book_copy.start_build(work, *builds.STRICT, **niced)
    else:
        _started[name] = builds.start_edition(name, **niced)
    return _started[name]


# The PDF editions: printed from the full and student sites as soon as both are built, and every
# page's text extracted, in processes of their own while other tests run (tests/test_pdf_editions.py).
PDF_FOLDER = ROOT / "_build" / "pdf"
_pdf_job: list[concurrent.futures.Future] = []
_pdf_processes: list[subprocess.Popen] = []
_stopping = threading.Event()


def _run_niced(command: list[str]) -> subprocess.CompletedProcess:
    if _stopping.is_set():
        raise RuntimeError("the test session ended")
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **_niced(PDF_NICENESS)
    )
    _pdf_processes.append(process)
    output, _ = process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, output)


def _print_and_read_pdfs() -> dict:
    """Print the PDF editions into PDF_FOLDER and extract their texts: what the ``pdfs`` fixture reads."""
    for name in ("full", "student"):
        build = _start(name)
        if build is not None and not build.wait().ok:
            return {"error": f"no PDFs: the {name} build failed"}
    shutil.rmtree(PDF_FOLDER, ignore_errors=True)
    started = time.monotonic()
    printed = _run_niced(
        [sys.executable, "-m", "scripts.pdf_editions", "--site", str(SITE_DIR)]
        + ["--student-site", str(EDITION_SITES["student"]), "--out", str(PDF_FOLDER)]
    )
    seconds = time.monotonic() - started
    if printed.returncode != 0:
        return {"error": "printing the PDF editions failed:\n" + printed.stdout[-3000:]}
    texts_file = Path(tempfile.mkdtemp(prefix="seckill-pdf-texts-")) / "texts.json"
    _scratch.append(texts_file.parent)
    read = _run_niced([sys.executable, "-m", "tests.pdf_texts", str(PDF_FOLDER), str(texts_file)])
    if read.returncode != 0:
        return {"error": "reading the PDF editions failed:\n" + read.stdout[-3000:]}
    return {"seconds": seconds, "texts": json.loads(texts_file.read_text(encoding="utf-8"))}


# With SECKILL_SKIP_BUILD=1, the PDFs ./dev.sh pdf wrote, if any (local iteration only).
REUSED_PDFS = SITE_DIR / "pdf"


def _pdfs_reused() -> bool:
    return SKIP_BUILD and (REUSED_PDFS / "seckill-book-student.pdf").is_file()


def _start_pdf_job() -> concurrent.futures.Future:
    if not _pdf_job:
        _pdf_job.append(concurrent.futures.ThreadPoolExecutor(max_workers=1).submit(_print_and_read_pdfs))
    return _pdf_job[0]


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    wanted = {
        build
        for item in session.items
        for fixture in item.fixturenames
        for build in BUILDS_OF_FIXTURE.get(fixture, ())
    }
    for name in ("full", "student", "zh", CLEAN_COPY):
        if name in wanted:
            _start(name)
    if any("printed_pdfs" in item.fixturenames for item in session.items) and not _pdfs_reused():
        _start_pdf_job()


def pytest_sessionfinish(session):
    # A session that ends early (-x, Ctrl-C) leaves no build running behind it.
    _stopping.set()
    for build in _started.values():
        build.stop()
    for process in _pdf_processes:
        if process.poll() is None:
            process.kill()
    if _pdf_job:
        _pdf_job[0].exception()  # wait until the job has ended
    for folder in _scratch:
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(name: str) -> builds.Finished | None:
    build = _start(name)
    if build is None:
        return None
    result = build.wait()
    if not result.ok:
        pytest.fail(
            f"{name} build failed (see {result.log_file}):\n"
            + (builds.warnings_in(result.log) or result.log[-3000:])
        )
    return result


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The full edition, built once per test run with warnings as errors: ``_build/html``.

    The execution cache in ``_build/.jupyter_cache`` makes a rebuild fast when notebooks are
    unchanged. ``SECKILL_SKIP_BUILD=1`` reuses an existing build (for quick local iteration only).
    """
    _wait_for("full")
    return SITE_DIR


@pytest.fixture(scope="session")
def student_site(built_site) -> Path:
    """The student edition, built once per test run where ``./dev.sh student`` builds it: its
    ``_build/html``. So the deploy workflow's ``./dev.sh editions``, run after the tests, finds it
    built and only copies it into the site (sitebuild/editions.py).

    Shared by the student-edition, worksheet, edition and PDF tests. ``SECKILL_SKIP_BUILD=1`` reuses
    an existing build (for quick local iteration only).
    """
    # built_site first: both builds execute the same notebooks, and the main build must pass too.
    _wait_for("student")
    return EDITION_SITES["student"]


@pytest.fixture(scope="session")
def zh_site(built_site) -> Path:
    """The Chinese edition, built once per test run where ``./dev.sh zh`` builds it (its own execution
    cache, ``_build/zh/_build/.jupyter_cache``): its ``_build/html``. The deploy workflow's
    ``./dev.sh editions`` then finds it built. ``SECKILL_SKIP_BUILD=1`` reuses an existing build."""
    _wait_for("zh")
    return EDITION_SITES["zh"]


@pytest.fixture(scope="session")
def clean_copy_site() -> Path:
    """A clean build of a fresh copy of the book (tests/book_copy.py): its ``_build/html``.

    For the reproducibility test, which compares it with the main build byte for byte.
    """
    result = _wait_for(CLEAN_COPY)
    return result.cwd / "_build" / "html"


@pytest.fixture(scope="session")
def printed_pdfs(built_site, student_site) -> tuple[Path, dict[str, list[str]]]:
    """The PDF editions printed from this run's full and student sites, and each page's text per
    file: (folder, texts). Printed into a fixed folder outside the site (the reproducibility test
    compares the site's files), ``_build/pdf``: the deploy workflow publishes these, the PDFs this
    run has checked, instead of printing again. ``SECKILL_SKIP_BUILD=1`` reuses the ones
    ``./dev.sh pdf`` wrote, if any (local iteration only)."""
    from tests import pdf_texts

    if _pdfs_reused():
        return REUSED_PDFS, {
            path.name: pdf_texts.page_texts(path) for path in sorted(REUSED_PDFS.glob("*.pdf"))
        }
    job = _start_pdf_job().result()
    if "error" in job:
        pytest.fail(job["error"])
    print(f"\nPDF editions: printed in {job['seconds']:.0f} s")
    return PDF_FOLDER, job["texts"]


@pytest.fixture(scope="session", params=["en", "zh"])
def edition_site(request) -> Path:
    """Each language's built edition in turn, for the site checks that must hold on both."""
    return request.getfixturevalue("built_site" if request.param == "en" else "zh_site")


@pytest.fixture
def chinese():
    """The package writes in Chinese during the test (charts, tables, messages)."""
    with in_chinese():
        yield


@pytest.fixture(scope="session")
def zh_site_url(zh_site: Path):
    """Serve the built Chinese edition on 127.0.0.1 for the browser."""
    with site_check.serve(zh_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 for the browser."""
    with site_check.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    chromium_path = site_check.CHROMIUM
    if not Path(chromium_path).exists() and shutil.which(chromium_path) is None:
        pytest.fail(
            f"Chromium not found at {chromium_path}; install Debian's package: apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=site_check.CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
