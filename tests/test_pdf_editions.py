"""The PDF editions (scripts/pdf_editions.py): the whole book for teachers and students, and handouts.

They are printed once per test run from the two built sites (the session's ``built_site`` and
``student_site``), into ``_build/pdf``, then read back with pypdf (the ``printed_pdfs`` fixture in
tests/conftest.py, which does both in the background while other tests run).
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from scripts import pdf_editions
from tests.site_check import chart_specs

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL_LINK = re.compile(r'<a class="reference external" href="(https?://[^"]+)"')
# Operators that paint a path: a chart drawn as vectors paints one per bar, point, line or rule.
PAINT = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"}


@pytest.fixture(scope="session")
def pdfs(printed_pdfs):
    """(folder, pages per file, each page's text per file) of the PDFs printed from this run's two
    built sites (the session's ``printed_pdfs``: printed, and their text extracted, in the
    background as soon as both sites are built)."""
    folder, texts = printed_pdfs
    return folder, {name: len(pages) for name, pages in sorted(texts.items())}, texts


@functools.cache
def _read(path: Path) -> PdfReader:
    """The PDF, opened once per test run."""
    return PdfReader(path)


def _reader(pdfs, name: str) -> PdfReader:
    return _read(pdfs[0] / name)


def _texts(pdfs, name: str) -> list[str]:
    """Each page's text, as pypdf extracts it (tests/pdf_texts.py)."""
    return pdfs[2][name]


def _squeeze(text: str) -> str:
    """Text without whitespace: a PDF breaks lines where the page did, not where the source did."""
    return re.sub(r"\s+", "", text)


def _letters(text: str) -> str:
    return re.sub(r"[^A-Za-z]", "", text)


def _chart_titles(page_file: Path) -> list[str]:
    titles = []
    for spec in chart_specs(page_file):
        title = spec.get("title")
        if isinstance(title, dict):
            title = title.get("text")
        if isinstance(title, list):
            title = " ".join(title)
        assert title, "every chart has a title"
        titles.append(title)
    return titles


def _section_pages(site: Path) -> list[Path]:
    return [site / f"{section.docname}.html" for section in pdf_editions.toc_sections()]


def _painted_paths(page) -> int:
    contents = page.get_contents()
    if contents is None:
        return 0
    operations = ContentStream(contents, page.pdf).operations
    return sum(1 for _operands, operator in operations if operator in PAINT)


def _has_image(resources, depth: int = 0) -> bool:
    """Whether a raster image is drawn, directly or inside a form (Chromium nests drawings in forms)."""
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Image":
            return True
        if (
            xobject.get("/Subtype") == "/Form"
            and depth < 8
            and _has_image(xobject.get("/Resources", {}), depth + 1)
        ):
            return True
    return False


def test_every_book_page_and_section_is_in_order_with_its_page_number(pdfs):
    """The contents give each section's first page; that page carries its title and number."""
    sections = pdf_editions.toc_sections()
    for name in (pdf_editions.TEACHER_PDF, pdf_editions.STUDENT_PDF):
        reader, texts = _reader(pdfs, name), _texts(pdfs, name)
        pages = len(reader.pages)
        outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
        assert len(outline) == len(sections) + 1, name  # title and contents, then each section
        # Every section has a page; none runs to 80 (the longest, the data appendix's tables of
        # sources, takes about 45): a layout gone wrong, such as a table printed a row a page or
        # a chart squeezed to nothing, shows as a count far off.
        starts = [index for _title, index in outline] + [pages]
        assert all(1 <= end - start <= 80 for start, end in itertools.pairwise(starts)), (name, starts)
        contents = " ".join(texts[1 : outline[1][1]])  # between the title page and the first section
        for title, index in outline[1:]:
            # The contents list the title with the number printed on the section's first page,
            # which is its position in the file (the title page is page 1).
            assert re.search(re.escape(_squeeze(title)) + str(index + 1), _squeeze(contents)), (name, title)
            assert _squeeze(title) in _squeeze(texts[index]), (name, title, index)
            assert re.search(rf"(^|\n){index + 1}\s*$", texts[index].strip()), (
                name,
                title,
                texts[index][-80:],
            )


def test_every_chart_is_printed_as_a_vector_picture_with_its_title(pdfs, built_site):
    reader = _reader(pdfs, pdf_editions.TEACHER_PDF)
    texts = [_squeeze(text) for text in _texts(pdfs, pdf_editions.TEACHER_PDF)]
    charts = 0
    for page_path in _section_pages(built_site):
        for title in _chart_titles(page_path):
            charts += 1
            where = [index for index, text in enumerate(texts) if _squeeze(html.unescape(title)) in text]
            assert where, f"{page_path.name}: chart {title!r} is not in the PDF"
            page = reader.pages[where[0]]
            # Drawn as vectors: painted paths for the axes, ticks and marks (a page of text alone
            # paints fewer than five, a chart at least 16), and no raster image anywhere on the page.
            assert _painted_paths(page) >= 12, (page_path.name, title, _painted_paths(page))
            assert not _has_image(page.get("/Resources", {})), (page_path.name, title)
    assert charts >= 40, charts


def test_text_is_extractable_and_every_font_is_embedded(pdfs):
    for name in pdfs[1]:
        reader = _reader(pdfs, name)
        assert sum(len(text) for text in _texts(pdfs, name)) > 1000 * len(reader.pages) // 2, name
        for number, page in enumerate(reader.pages, start=1):
            fonts = page.get("/Resources", {}).get("/Font", {})
            for key, font in fonts.items():
                font = font.get_object()
                if font.get("/Subtype") == "/Type3":
                    # Chromium draws an OpenType (CFF) font's glyphs, Noto CJK's among them, as
                    # Type 3 procedures in the PDF itself; they must be there, and map to text.
                    assert len(font["/CharProcs"]) > 0 and "/ToUnicode" in font, (name, number, key)
                    continue
                described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = described["/FontDescriptor"].get_object()
                assert any(f"/FontFile{n}" in descriptor for n in ("", "2", "3")), (name, number, key)


NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian's fonts-noto-cjk


@functools.cache
def _radical_look_alikes() -> dict[int, str]:
    """Radicals (U+2E80-U+2FDF) that Noto Sans CJK SC draws with an ideograph's glyph -> that ideograph."""
    from fontTools.ttLib import TTCollection

    faces = [face for face in TTCollection(str(NOTO_CJK), lazy=True).fonts]
    face = next(face for face in faces if face["name"].getDebugName(1) == "Noto Sans CJK SC")
    cmap = face.getBestCmap()
    ideograph_of_glyph: dict[str, str] = {}
    for code, glyph in sorted(cmap.items()):
        if 0x4E00 <= code <= 0x9FFF:
            ideograph_of_glyph.setdefault(glyph, chr(code))
    return {
        code: ideograph_of_glyph[glyph]
        for code, glyph in cmap.items()
        if 0x2E80 <= code <= 0x2FDF and glyph in ideograph_of_glyph
    }


def test_chinese_text_is_set_in_an_embedded_cjk_font(pdfs, built_site):
    """Terms from the glossary, in Chinese, extract as written, from a page set in Noto Sans CJK SC."""
    glossary = (built_site / "book" / "glossary.html").read_text(encoding="utf-8")
    glossary = glossary[glossary.index("<article") : glossary.index("</article>")]  # what is printed
    chinese = re.findall(r"[\u4e00-\u9fff]{2,}", glossary)
    assert len(chinese) >= 10
    reader = _reader(pdfs, pdf_editions.STUDENT_PDF)
    # Noto CJK draws a character and its radical look-alike (一 and ⼀, 长 and ⻓) with one glyph,
    # and Chromium's text map may name the radical: fold each back to the character the font draws
    # with the same glyph (a reader copying such a character gets the radical).
    look_alikes = _radical_look_alikes()
    texts = [text.translate(look_alikes) for text in _texts(pdfs, pdf_editions.STUDENT_PDF)]
    for term in chinese:
        where = [index for index, text in enumerate(texts) if term in text]
        assert where, f"{term} is not in the PDF"
        fonts = [font.get_object() for font in reader.pages[where[0]]["/Resources"]["/Font"].values()]
        names = [str(font.get("/FontDescriptor", {}).get("/FontName", "")) for font in fonts]
        assert any("NotoSansCJKsc" in name for name in names), (term, names)


def test_the_student_pdf_has_every_exercise_and_no_solution_the_teacher_pdf_has_them(pdfs, built_site):
    teacher = "\n".join(_texts(pdfs, pdf_editions.TEACHER_PDF))
    student = "\n".join(_texts(pdfs, pdf_editions.STUDENT_PDF))
    solutions = checked = 0
    for page_path in _section_pages(built_site):
        page_html = page_path.read_text(encoding="utf-8")
        solutions += page_html.count('class="solution')
        # The start of each solution's first paragraph, in letters only: a formula's superscripts
        # and a code block come out of a PDF in another order than the page's source has them.
        for block in re.findall(r'<section id="solution-content">(.*?)</section>', page_html, re.S):
            paragraph = re.search(r"<p>(.*?)</p>", block, re.S)
            if paragraph is None:
                continue
            checked += 1
            words = _letters(html.unescape(re.sub(r"<[^>]+>", "", paragraph.group(1))))[:40]
            assert words in _letters(teacher), (page_path.name, words)
            assert words not in _letters(student), (page_path.name, words)
    assert solutions >= 40 and checked >= 40, (solutions, checked)
    assert teacher.count("Solution to") >= solutions
    assert "Solution to" not in student
    assert student.count("Exercise") >= solutions


def test_each_chapter_has_a_numbered_handout_without_solutions(pdfs):
    handouts = sorted(name for name in pdfs[1] if name.startswith("handout-"))
    chapters = pdf_editions.chapter_docnames(pdf_editions.toc_sections())
    assert handouts == [f"handout-{docname.split('/')[-1]}.pdf" for docname in chapters]
    for name in handouts:
        texts = _texts(pdfs, name)
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {len(texts)}" in text, name
        assert "Solution to" not in "".join(texts), name
        assert "Exercise" in "".join(texts), name


def test_paper_has_no_navigation_and_prints_where_links_lead(pdfs, built_site):
    reader = _reader(pdfs, pdf_editions.TEACHER_PDF)
    text = _squeeze("\n".join(_texts(pdfs, pdf_editions.TEACHER_PDF)))
    # The theme's skip link, back-to-top and search buttons, launch menu, footer and previous link.
    for chrome in ("Skiptomaincontent", "Backtotop", "Ctrl+K", "BinderColab", "©Copyright"):
        assert chrome not in text, chrome
    for title in [item.title for item in reader.outline]:
        assert f"previous{_squeeze(title)}" not in text and f"next{_squeeze(title)}" not in text, title
    landing = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    links = EXTERNAL_LINK.findall(landing)
    assert links
    for url in links:
        assert _squeeze(f"<{html.unescape(url)}>") in text, url
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            assert not uri.startswith(pdf_editions.LOCAL_SERVER), uri


def test_the_site_links_to_the_pdf_editions(built_site, pdfs):
    landing = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    for name in pdfs[1]:
        assert f'href="../{pdf_editions.OUT_FOLDER}/{name}"' in landing, name
