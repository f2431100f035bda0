"""The classroom bundle: unpacked into an empty folder, it works with no network at all.

The zip is made from the built site by ``scripts/classroom_bundle.py``, unpacked into a temporary
folder and opened from ``file://`` in Chromium with every request outside that folder refused: the
landing page must lead to the book, and every chart on the chapter pages must draw. The notebooks,
data and package must be in it, and a notebook must run from the unpacked folder with the
package found there.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from scripts import classroom_bundle
from tests.site_check import draw_every_chart, only_requests_to

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def unpacked(built_site, tmp_path_factory) -> Path:
    """The bundle made from the built site, unpacked into an empty folder; returns its top folder."""
    out = classroom_bundle.build(built_site, tmp_path_factory.mktemp("zip") / classroom_bundle.NAME)
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(out) as bundle:
        tops = {name.split("/", 1)[0] for name in bundle.namelist()}
        assert tops == {classroom_bundle.TOP}, "the zip should unpack into one folder"
        bundle.extractall(target)
    return target / classroom_bundle.TOP


def test_the_bundle_holds_the_site_the_notebooks_their_data_and_package(unpacked, built_site):
    for name in ("index.html", "START-HERE.txt", "requirements.txt", "constraints.txt", "pyproject.toml"):
        assert (unpacked / name).is_file(), name
    assert (unpacked / "site" / "index.html").is_file()
    assert (unpacked / "site" / "book" / "run-locally.html").is_file()
    assert not list((unpacked / "site").glob("*.zip")), "a bundle should not contain another bundle"
    notebooks = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks and sorted(path.name for path in (unpacked / "notebooks").glob("*.ipynb")) == notebooks
    data_files = sorted(path.name for path in (ROOT / "data").iterdir() if path.is_file())
    assert sorted(path.name for path in (unpacked / "data").iterdir()) == data_files
    assert (unpacked / "seckill" / "__init__.py").is_file() and (unpacked / "seckill" / "models").is_dir()
    assert not list(unpacked.rglob("__pycache__"))
    site_pages = {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    assert site_pages == {p.relative_to(unpacked / "site") for p in (unpacked / "site").rglob("*.html")}


def test_the_site_opens_from_the_folder_and_draws_its_charts_with_no_network(unpacked, browser):
    local = (unpacked.as_uri() + "/", "data:", "blob:")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = only_requests_to(page, local), []
    page.on("request", lambda r: None if r.url.startswith(local) else outside.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((unpacked / "index.html").as_uri())
        page.wait_for_url("**/site/book/index.html", timeout=15_000)
        drawn_in_all = 0
        chapters = sorted((unpacked / "site" / "book").glob("0*.html"))
        assert len(chapters) >= 9
        for chapter in chapters:
            page.goto(chapter.as_uri(), wait_until="load")
            containers, drawn = draw_every_chart(page)
            assert drawn == containers, f"{chapter.name}: {containers - drawn} charts not drawn from file://"
            drawn_in_all += drawn
        assert drawn_in_all > 20
        assert outside == [], f"requests left the folder: {outside[:5]}"
        assert errors == [], errors[:5]
    finally:
        context.close()


def test_a_notebook_runs_from_the_unpacked_folder_with_its_package_and_data(unpacked, monkeypatch):
    # The kernel inherits PYTHONPATH: the unpacked package comes before the test environment's.
    monkeypatch.setenv("PYTHONPATH", str(unpacked))
    monkeypatch.delenv("SECKILL_DATA_DIR", raising=False)
    notebook = nbformat.read(unpacked / "notebooks" / "01-buy-it.ipynb", as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import seckill\nfrom seckill import data\nprint(seckill.__file__)\nprint(data.find_data_dir())"
        )
    )
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(unpacked / "notebooks")}},
    ).execute()
    package_file, data_dir = notebook.cells[-1].outputs[0]["text"].split()
    assert Path(package_file) == unpacked / "seckill" / "__init__.py"
    assert Path(data_dir) == unpacked / "data"
