"""The two editions: each page names its edition and links to the same page in the other, and the
student edition is published inside the full one as student/ (sitebuild/editions.py)."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from sitebuild import editions
from tests import site_check

LINE = re.compile(
    r'<p class="seckill-edition"><strong>(?P<name>[^<]+)</strong>.*?<a href="(?P<href>[^"]+)">', re.S
)


def _resolve(page: str, href: str) -> str:
    """Where a relative link on ``page`` (a path in the combined site) lands, in that site."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.mark.parametrize("page", ["book/01-buy-it", "notebooks/02-flash-sale", "genindex", "a/b/c"])
def test_each_edition_links_to_the_same_page_in_the_other(page):
    full = editions.other_edition_href(page, student=False)
    assert _resolve(f"{page}.html", full) == f"student/{page}.html"
    student = editions.other_edition_href(page, student=True)
    assert _resolve(f"student/{page}.html", student) == f"{page}.html"


def test_the_published_address_comes_from_the_repository_or_html_baseurl():
    config = SimpleNamespace(
        html_baseurl="", html_theme_options={"repository_url": "https://github.com/Seckill-Book/seckill-book"}
    )
    assert editions.published_url(config) == "https://seckill-book.github.io/seckill-book/"
    config.hide_solutions = True
    assert editions.edition_url(config) == "https://seckill-book.github.io/seckill-book/student/"
    config.html_baseurl = "https://example.org/book"
    assert editions.published_url(config) == "https://example.org/book/"
    with pytest.raises(ExtensionError, match="html_baseurl"):
        editions.published_url(SimpleNamespace(html_baseurl="", html_theme_options={"repository_url": "x"}))


def _fake_site(folder: Path, edition: str) -> Path:
    (folder / "book").mkdir(parents=True)
    (folder / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/index.html" />')
    (folder / "book" / "index.html").write_text(editions.edition_line("x.html", edition == "student"))
    return folder


def test_publish_copies_the_student_edition_into_the_full_one_replacing_an_old_copy(tmp_path):
    full = _fake_site(tmp_path / "full", "full")
    student = _fake_site(tmp_path / "student-build", "student")
    (full / "student" / "stale").mkdir(parents=True)
    (full / "student" / "stale" / "old.html").write_text("from an earlier build")
    target = editions.publish(full, student)
    assert target == full / "student"
    assert (target / "book" / "index.html").read_text() == (student / "book" / "index.html").read_text()
    assert not (target / "stale").exists()


def test_publish_refuses_a_missing_or_swapped_edition(tmp_path):
    full = _fake_site(tmp_path / "full", "full")
    student = _fake_site(tmp_path / "student-build", "student")
    with pytest.raises(FileNotFoundError, match="no student edition"):
        editions.publish(full, tmp_path / "nothing")
    with pytest.raises(ValueError, match="'Student edition'"):
        editions.publish(full, full)
    with pytest.raises(ValueError, match="'Full edition'"):
        editions.publish(student, student)
    assert editions.main(["--site", str(full), "--student", str(tmp_path / "nothing")]) == 1
    assert not (full / "student").exists()


@pytest.mark.build
def test_every_page_names_its_edition_and_its_link_lands_on_the_same_page_in_the_other(
    built_site, student_site
):
    names = site_check.pages(built_site)
    assert len(names) > 20
    for name in names:
        full = LINE.findall((built_site / name).read_text(encoding="utf-8"))
        student = LINE.findall((student_site / name).read_text(encoding="utf-8"))
        assert [found[0] for found in full] == ["Full edition"], name
        assert [found[0] for found in student] == ["Student edition"], name
        # Published, the student page is student/<name>: each link lands on the other's page.
        assert _resolve(name, full[0][1]) == f"{editions.STUDENT_DIR}/{name}", name
        assert _resolve(f"{editions.STUDENT_DIR}/{name}", student[0][1]) == name, name


@pytest.fixture(scope="module")
def both_editions(built_site, student_site, tmp_path_factory) -> Path:
    """A copy of the site with the student edition published in it, as the workflow publishes it."""
    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns(editions.STUDENT_DIR))
    editions.publish(site, student_site)
    return site


def _follow_the_edition_links(page) -> list[str]:
    """From ``start``, follow the edition line's link twice; the URL and the edition at each stop."""
    stops = []
    for _ in range(3):
        stops.append((page.url, page.locator("p.seckill-edition strong").inner_text()))
        if len(stops) < 3:
            page.locator("p.seckill-edition a").click()
            page.wait_for_load_state("load")
    return stops


@pytest.mark.browser
def test_the_edition_links_work_served_and_from_a_folder(browser, both_editions):
    page_path = "book/01-buy-it.html"
    # From file:// (the classroom copy opened from a USB stick); any request outside the folder is refused.
    context, page, outside = site_check.open_from_folder(browser, both_editions, page_path)
    stops = _follow_the_edition_links(page)
    context.close()
    assert [edition for _, edition in stops] == ["Full edition", "Student edition", "Full edition"]
    assert stops[1][0] == (both_editions / "student" / page_path).as_uri()
    assert stops[2][0] == stops[0][0]
    assert not outside, outside

    # Served, at a phone's width: the same round trip, no policy violation, and the line fits.
    with site_check.serve(both_editions) as url:
        context, page, problems = site_check.open_page(
            browser, url, page_path, width=site_check.PHONE_WIDTH_PX
        )
        stops = _follow_the_edition_links(page)
        assert [address for address, _ in stops] == [
            f"{url}/{page_path}",
            f"{url}/student/{page_path}",
            f"{url}/{page_path}",
        ]
        page.goto(f"{url}/student/{page_path}", wait_until="load")
        site_check.wait_for_page_scripts(page)
        line = page.locator("p.seckill-edition").bounding_box()
        assert line["x"] >= 0 and line["x"] + line["width"] <= site_check.PHONE_WIDTH_PX, line
        violations = site_check.axe_violations(page)
        context.close()
    assert not problems["csp"] and not problems["external"] and not problems["exceptions"], problems
    assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]
