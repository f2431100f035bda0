"""Shared fixtures: the repository root, a built book, a local web server and headless Chromium.

The built-site tests need Debian's Chromium at /usr/bin/chromium (``apt-get install chromium``);
they never download a browser. Set ``SECKILL_CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import site_check

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


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book once per test run, with warnings as errors, and return ``_build/html``.

    The execution cache in ``_build/.jupyter_cache`` makes a rebuild fast when notebooks are
    unchanged. ``SECKILL_SKIP_BUILD=1`` reuses an existing build (for quick local iteration only).
    """
    if os.environ.get("SECKILL_SKIP_BUILD") == "1" and (SITE_DIR / "index.html").is_file():
        return SITE_DIR
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    (ROOT / "_build").mkdir(exist_ok=True)
    (ROOT / "_build" / "last-build.log").write_text(log, encoding="utf-8")
    if result.returncode != 0:
        warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        pytest.fail("book build failed (see _build/last-build.log):\n" + "\n".join(warnings[-30:]))
    return SITE_DIR


STUDENT_OUTPUT = ROOT / "_build" / "student"


@pytest.fixture(scope="session")
def student_site(built_site) -> Path:
    """Build the student edition once per test run where ``./dev.sh student`` builds it, and return
    its ``_build/html``. So the deploy workflow's ``./dev.sh editions``, run after the tests, finds it
    built and only copies it into the site (sitebuild/editions.py).

    Shared by the student-edition, worksheet, edition and PDF tests. ``SECKILL_SKIP_BUILD=1`` reuses
    an existing build (for quick local iteration only).
    """
    # built_site first: both builds execute the same notebooks, and the main build must pass too.
    built = STUDENT_OUTPUT / "_build" / "html"
    if os.environ.get("SECKILL_SKIP_BUILD") == "1" and (built / "index.html").is_file():
        return built
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            ".",
            "--config",
            "_config.student.yml",
            "--path-output",
            str(STUDENT_OUTPUT),
        ]
        + ["-W", "-n", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail("student edition build failed:\n" + (result.stdout + result.stderr)[-3000:])
    return STUDENT_OUTPUT / "_build" / "html"


ZH_OUTPUT = ROOT / "_build" / "zh"


@pytest.fixture(scope="session")
def zh_site(built_site) -> Path:
    """Build the Chinese edition once per test run where ``./dev.sh zh`` builds it (its own execution
    cache, ``_build/zh/_build/.jupyter_cache``), and return its ``_build/html``. The deploy workflow's
    ``./dev.sh editions`` then finds it built. ``SECKILL_SKIP_BUILD=1`` reuses an existing build."""
    built = ZH_OUTPUT / "_build" / "html"
    if os.environ.get("SECKILL_SKIP_BUILD") == "1" and (built / "index.html").is_file():
        return built
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", ".", "--config", "_config.zh.yml", "--path-output", str(ZH_OUTPUT)]
        + ["-W", "-n", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail("Chinese edition build failed:\n" + (result.stdout + result.stderr)[-3000:])
    return built


@pytest.fixture(scope="session", params=["en", "zh"])
def edition_site(request) -> Path:
    """Each language's built edition in turn, for the site checks that must hold on both."""
    return request.getfixturevalue("built_site" if request.param == "en" else "zh_site")


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
