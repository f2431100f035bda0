"""The digests that decide what a build re-runs (sitebuild/freshness.py; test_fresh_builds.py builds)."""

import shutil
from pathlib import Path

from sitebuild import freshness

ROOT = Path(__file__).resolve().parent.parent


def test_the_execution_inputs_digest_follows_every_byte_of_the_data(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    before = freshness.execution_inputs_digest(tmp_path)
    assert freshness.execution_inputs_digest(tmp_path) == before
    csv = tmp_path / "data" / "singles_day_gmv.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("0.936", "0.937", 1), encoding="utf-8")
    assert freshness.execution_inputs_digest(tmp_path) != before
    csv.unlink()
    assert freshness.execution_inputs_digest(tmp_path) != before


def test_the_page_inputs_digest_follows_the_build_scripts_and_styles(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "sitebuild", tmp_path / "sitebuild")
    monkeypatch.setattr(freshness, "SITEBUILD_DIR", tmp_path / "sitebuild")
    before = freshness.page_inputs_digest()
    css = tmp_path / "sitebuild" / "web" / "seckill.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert freshness.page_inputs_digest() != before


def test_the_page_inputs_digest_follows_the_bibliography(tmp_path):
    bib = tmp_path / "references.bib"
    shutil.copy(ROOT / "book" / "references.bib", bib)
    before = freshness.page_inputs_digest([bib])
    assert freshness.page_inputs_digest([bib]) == before
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Platform Capitalism", "Platform capitalism"),
        encoding="utf-8",
    )
    assert freshness.page_inputs_digest([bib]) != before
