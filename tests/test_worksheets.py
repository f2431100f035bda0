"""Printable worksheets (sitebuild/worksheets.py): one per chapter in both editions, holding the
exercises of the chapter's page and notebook as those pages show them, and no solution; they print
on A4 and on US Letter with nothing beyond the printable width."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import csp, editions, worksheets
from tests import site_check

CHAPTERS = range(1, 10)
# The printable width in CSS pixels (96 per inch) inside the worksheet's 16 mm margins
# (sitebuild/web/worksheet.css): A4 is 210 mm wide, US Letter 8.5 in (215.9 mm).
MARGIN_MM = 16
PAPER_WIDTH_MM = {"A4": 210.0, "Letter": 215.9}


def test_a_link_from_a_page_is_rewritten_for_the_worksheets_folder():
    page = "book/01-buy-it"
    assert worksheets.rebase_uri("glossary.html#term-gmv", page) == "../book/glossary.html#term-gmv"
    assert worksheets.rebase_uri("../notebooks/01-buy-it.html", page) == "../notebooks/01-buy-it.html"
    assert worksheets.rebase_uri("#ch01-ex-cagr", page) == "../book/01-buy-it.html#ch01-ex-cagr"
    assert worksheets.rebase_uri("https://example.org/a", page) == "https://example.org/a"
    assert worksheets.rebase_uri("index.html", "genindex", folder="worksheets") == "../index.html"


def test_chapters_pair_each_page_with_its_notebook():
    docs = ["book/01-buy-it", "notebooks/01-buy-it", "book/09-conclusion", "book/glossary", "book/index"]
    assert worksheets.chapter_docs(docs) == {
        1: {"book": "book/01-buy-it", "notebooks": "notebooks/01-buy-it"},
        9: {"book": "book/09-conclusion"},
    }


class _StubConfig:
    """The one setting the published address comes from: _config.yml's repository.url."""

    html_baseurl = ""

    def __init__(self):
        import yaml

        config = yaml.safe_load((Path(__file__).resolve().parent.parent / "_config.yml").read_text())
        self.html_theme_options = {"repository_url": config["repository"]["url"]}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _exercises(soup: BeautifulSoup) -> dict[str, str]:
    """Each exercise's id and its text (title and statement), as the reader sees them."""
    return {div["id"]: _text(div) for div in soup.select("div.exercise.admonition")}


def _chapter_pages(site: Path, number: int) -> list[Path]:
    return sorted(site.glob(f"book/{number:02d}-*.html")) + sorted(
        site.glob(f"notebooks/{number:02d}-*.html")
    )


@pytest.mark.build
@pytest.mark.parametrize("edition", ["full", "student"])
def test_every_chapter_has_a_worksheet_with_its_exercises_as_the_pages_show_them(
    edition, built_site, student_site
):
    site = built_site if edition == "full" else student_site
    for number in CHAPTERS:
        pages = _chapter_pages(site, number)
        assert pages, number
        worksheet_path = site / worksheets.worksheet_path(number)
        worksheet = _soup(worksheet_path)
        on_pages: dict[str, str] = {}
        for page in pages:
            soup = _soup(page)
            found = _exercises(soup)
            on_pages.update(found)
            # The page links to the worksheet just before its first exercise.
            link = soup.select_one(f"p.{worksheets.LINK_CLASS} a")
            assert link is not None, page
            assert (page.parent / link["href"]).resolve() == worksheet_path.resolve(), page
        assert len(on_pages) >= 3, number
        # Every exercise, in the page's order, with the same text (title included).
        assert _exercises(worksheet) == on_pages, worksheet_path
        assert list(_exercises(worksheet)) == list(on_pages), worksheet_path
        assert len(worksheet.select(f"div.{worksheets.ANSWER_CLASS}")) == len(on_pages)
        # The chapter's title, and its address on the published site in the footer.
        assert _text(worksheet.h1) == _text(_soup(pages[0]).h1).rstrip("#").strip()
        edition_url = editions.published_url(_StubConfig()) + ("student/" if edition == "student" else "")
        assert f"{edition_url}{pages[0].relative_to(site).as_posix()}" in _text(worksheet.footer), number


@pytest.mark.build
def test_no_worksheet_holds_a_solution(built_site):
    for number in CHAPTERS:
        text = (built_site / worksheets.worksheet_path(number)).read_text(encoding="utf-8")
        assert 'class="solution' not in text and "Solution to" not in text, number
        plain = _text(BeautifulSoup(text, "html.parser"))
        for page in _chapter_pages(built_site, number):
            for solution in _soup(page).select("div.solution section"):
                assert _text(solution)[:80] not in plain, f"chapter {number}: {_text(solution)[:80]}"


@pytest.mark.build
def test_worksheets_carry_the_policy_load_only_the_sites_files_and_run_no_script(built_site):
    for number in CHAPTERS:
        path = built_site / worksheets.worksheet_path(number)
        text = path.read_text(encoding="utf-8")
        assert text.count(csp.META_TAG) == 1 and text.index(csp.META_TAG) < text.index("<link"), number
        soup = _soup(path)
        assert not soup.find_all("script"), number
        assert not [attr for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")], (
            number
        )
        # What it loads, and the links in its exercises (rewritten from the page's folder), are files
        # of the site; only the footer names the published address.
        for tag in soup.find_all(["link", "img"]) + soup.main.find_all("a"):
            address = (tag.get("href") or tag.get("src")).split("#")[0]
            assert not re.match(r"^[a-z]+:|^//", address), f"{number}: {address}"
            assert (path.parent / address).is_file(), f"{number}: {address}"


def _overflowing(page) -> list[str]:
    """Elements whose right edge is beyond the page's content width (the printable width), or whose
    content is wider than they are and scrolls or is cut off."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const over = [];
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width && box.right > width + 0.5) {
                    over.push(`${el.tagName}.${el.className}: ${box.right}`);
                }
                // Content scrolled or clipped inside an element is cut off on paper.
                const clips = getComputedStyle(el).overflowX !== 'visible';
                if (clips && el.scrollWidth > el.clientWidth + 1) {
                    over.push(`${el.tagName}.${el.className} clips: ${el.scrollWidth} > ${el.clientWidth}`);
                }
            }
            const scrolled = document.documentElement.scrollWidth;
            if (scrolled > width) over.push(`page: ${scrolled}`);
            return over;
        }"""
    )


@pytest.mark.browser
def test_worksheets_print_on_a4_and_letter_within_the_printable_width(browser, built_site):
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    site_check.only_requests_to(page, "file:")
    problems = []
    for number in CHAPTERS:
        path = built_site / worksheets.worksheet_path(number)
        page.goto(path.as_uri(), wait_until="load")
        titles = [_text(t) for t in _soup(path).select("div.exercise p.admonition-title")]
        for paper, width_mm in PAPER_WIDTH_MM.items():
            # On paper, the page's width is the paper's less the margins.
            width_px = int((width_mm - 2 * MARGIN_MM) / 25.4 * 96)
            page.set_viewport_size({"width": width_px, "height": 1000})
            page.emulate_media(media="print")
            problems += [f"ch{number:02d} {paper}: {over}" for over in _overflowing(page)]
            reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
            # NFKC: the PDF sets "ff" and "fi" as ligatures.
            sheets = [
                " ".join(unicodedata.normalize("NFKC", sheet.extract_text()).split())
                for sheet in reader.pages
            ]
            printed = " ".join(sheets)
            for title in titles:
                assert title in printed, f"ch{number:02d} {paper}: {title!r} not in the PDF's text"
            # No page break inside an exercise: each sheet holds as many answer boxes as exercise titles.
            for index, sheet in enumerate(sheets):
                on_sheet = sum(sheet.count(title) for title in titles)
                assert on_sheet == sheet.count("Your answer"), f"ch{number:02d} {paper} sheet {index + 1}"
    context.close()
    assert not problems, "\n".join(problems[:20])


@pytest.mark.browser
def test_a_worksheet_passes_axe(browser, built_site):
    with site_check.serve(built_site) as url:
        context, page, problems = site_check.open_page(browser, url, worksheets.worksheet_path(2))
        violations = site_check.axe_violations(page)
        context.close()
    assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]
    assert not problems["csp"] and not problems["missing"] and not problems["external"], problems
