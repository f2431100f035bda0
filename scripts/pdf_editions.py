"""Print the built book to PDF: the whole book for teachers and for students, and a handout per chapter.

Run after both editions are built (``./dev.sh build``; ``./dev.sh pdf`` runs this)::

    python -m scripts.pdf_editions              # writes _build/html/pdf/

Writes, into the published site (the landing page and the page on running the book locally link
there)::

    seckill-book-teacher.pdf   the full edition: every exercise with its solution
    seckill-book-student.pdf   the student edition: every exercise, no solution
    handout-01-buy-it.pdf ...  each chapter's narrative page, from the student edition

Each page of a built site is opened in Debian's Chromium (no browser is downloaded, no other host
is reached), every chart is drawn with the book's own Vega copy, and the page is printed with the
book's print styles (``sitebuild/web/seckill.css``): charts as vector images, no navigation. The
pages are then put together with pypdf in the order of ``_toc.yml``, after a title page and a
contents list with page numbers; every page gets its section's title and a page number, and the
PDF an outline (bookmarks). Chinese text is set in the Noto CJK fonts (Debian ``fonts-noto-cjk``),
embedded in the PDF.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import io
import multiprocessing
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from tests import site_check  # the local server and Chromium settings the tests use

ROOT = Path(__file__).resolve().parent.parent
FULL_SITE = ROOT / "_build" / "html"
STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
OUT_FOLDER = "pdf"
TEACHER_PDF = "seckill-book-teacher.pdf"
STUDENT_PDF = "seckill-book-student.pdf"
# The build status page says when each page last ran: about the build, not the book's subject.
LEFT_OUT = {"book/status"}
# The printed text column of an A4 page with these margins is 178 mm, about 673 CSS pixels: the
# page is laid out (and its charts drawn) at that width, so what is printed is what was drawn.
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
COLUMN_WIDTH_PX = 673
# site_check.serve serves the pages from this address while they are printed.
LOCAL_SERVER = "http://127.0.0.1:"


@dataclass
class Section:
    docname: str  # e.g. "book/01-buy-it"
    part: str  # the _toc.yml caption it sits under
    level: int  # 0 for a page in a part, 1 for a notebook under its chapter
    title: str = ""
    pdf: bytes = b""
    pages: int = 0


def toc_sections(root: Path = ROOT) -> list[Section]:
    """Every page of the book in the order of ``_toc.yml``, the landing page first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    sections = [Section(toc["root"], "", 0)]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            sections.append(Section(chapter["file"], part["caption"], 0))
            for section in chapter.get("sections", []):
                sections.append(Section(section["file"], part["caption"], 1))
    return [section for section in sections if section.docname not in LEFT_OUT]


def chapter_docnames(sections: list[Section]) -> list[str]:
    """The chapters' narrative pages (book/NN-*), which become the handouts."""
    return [s.docname for s in sections if re.fullmatch(r"book/\d\d-[a-z0-9-]+", s.docname)]


def print_page(browser, site_url: str, docname: str) -> tuple[str, bytes]:
    """Open one page, draw every chart, print it; return (its title, the PDF)."""
    context, page, problems = site_check.open_page(
        browser, site_url, f"{docname}.html", width=COLUMN_WIDTH_PX
    )
    try:
        page.emulate_media(media="print")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        # Every chart drawn first, so its picture is printed rather than its table of numbers; then
        # what the page does when a reader prints it (fit wide tables to the page).
        charts = page.evaluate(
            """() => window.seckillCharts.drawAll()
                .then(() => window.seckillCharts.prepareForPrint())
                .then(() => document.querySelectorAll('div.seckill-chart').length)""",
        )
        failed = page.evaluate(
            """() => [...document.querySelectorAll('div.seckill-chart')]
                .filter(c => c.dataset.seckillState !== 'drawn' || !c.querySelector('svg.marks'))
                .length"""
        )
        if failed:
            raise RuntimeError(f"{docname}: {failed} of {charts} charts were not drawn as vector images")
        outside = problems["external"] + problems["missing"] + problems["exceptions"]
        if outside:
            raise RuntimeError(f"{docname}: the page went wrong while printing: {outside[:5]}")
        title = page.evaluate(
            """() => {
                const h1 = document.querySelector('main h1, article h1, h1');
                return h1 ? h1.textContent.replace(/#$/, '').trim() : document.title;
            }"""
        )
        pdf = page.pdf(format="A4", margin=MARGINS, print_background=True, outline=False, tagged=True)
        return title, pdf
    finally:
        context.close()


def _html_document(body: str, style: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>'
        # The pages' own Latin face on Debian (the theme's system font stack ends there), Noto CJK for
        # Chinese; with no ligatures, so the PDF's text searches as typed.
        "body{font-family:'DejaVu Sans',sans-serif,'Noto Sans CJK SC';font-variant-ligatures:none;"
        "color:#1f1f1f;margin:0}"
        f"{style}</style></head><body>{body}</body></html>"
    )


def _print_html(browser, document: str, **options) -> bytes:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(document, wait_until="load")
        return page.pdf(format="A4", print_background=True, **options)
    finally:
        context.close()


def front_matter(browser, config: dict, edition: str, sections: list[Section], first_page: int) -> bytes:
    """The title page and the contents, each section with the page it starts on."""
    rows = []
    part = None
    page_number = first_page
    for section in sections:
        if section.part and section.part != part:
            part = section.part
            rows.append(f'<li class="part">{html.escape(part)}</li>')
        rows.append(
            f'<li class="level{section.level}"><span class="t">{html.escape(section.title)}</span>'
            f'<span class="n">{page_number}</span></li>'
        )
        page_number += section.pages
    repository = config.get("repository", {}).get("url", "")
    body = f"""
<section class="title">
  <h1>{html.escape(config["title"].split(" (")[0])}</h1>
  <p class="sub">{html.escape(" ".join(config.get("description", "").split()))}</p>
  <p class="edition">{html.escape(edition)}</p>
  <p class="meta">{html.escape(config.get("author", ""))}<br>
  Text and figures: CC BY 4.0. Code: MIT. Data: the terms of each source (see the Data and
  sources appendix).<br>
  The interactive edition, its notebooks and its data: {html.escape(repository)}</p>
</section>
<section class="contents">
  <h2>Contents</h2>
  <ol>{"".join(rows)}</ol>
</section>"""
    style = """
@page{size:A4;margin:18mm 16mm}
.title{height:250mm;display:flex;flex-direction:column;justify-content:center;break-after:page}
.title h1{font-size:30pt;margin:0 0 8mm}
.title .sub{font-size:14pt;line-height:1.4}
.title .edition{font-size:13pt;font-weight:700;margin-top:12mm}
.title .meta{font-size:10pt;line-height:1.5;margin-top:20mm;color:#4d4d4d}
.contents h2{font-size:20pt}
.contents ol{list-style:none;padding:0;font-size:11pt}
.contents li{display:flex;justify-content:space-between;gap:4mm;padding:1mm 0;break-inside:avoid}
.contents li.part{font-weight:700;margin-top:4mm;border-bottom:1px solid #999}
.contents li.level1{padding-left:8mm;color:#4d4d4d}
.contents .t{flex:1}
"""
    return _print_html(browser, _html_document(body, style), prefer_css_page_size=True)


def page_overlay(browser, labels: list[tuple[str, str]]) -> PdfReader:
    """One A4 page per (running title, page label), with the title at the top and the label below."""
    pages = "".join(
        f'<div class="p"><div class="h">{html.escape(title)}</div>'
        f'<div class="f">{html.escape(label)}</div></div>'
        for title, label in labels
    )
    style = """
@page{size:A4;margin:0}
.p{position:relative;height:296mm;break-after:page;overflow:hidden}
.p:last-child{break-after:auto}
.h,.f{position:absolute;left:16mm;right:16mm;font-size:8.5pt;color:#4d4d4d}
.h{top:8mm;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.f{bottom:8mm;text-align:center}
"""
    reader = PdfReader(
        io.BytesIO(_print_html(browser, _html_document(pages, style), prefer_css_page_size=True))
    )
    if len(reader.pages) != len(labels):
        raise RuntimeError(f"the page-number overlay has {len(reader.pages)} pages, not {len(labels)}")
    return reader


def _drop_local_links(writer: PdfWriter) -> None:
    """Drop links to the local server the pages were printed from (links between the site's pages),
    which a reader of the PDF does not have; links to other sites stay (their address is printed too)."""
    for page in writer.pages:
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = []
        for reference in annotations:
            annotation = reference.get_object()
            action = annotation.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith(("http://", "https://")) and not uri.startswith(LOCAL_SERVER):
                kept.append(reference)
        page[NameObject("/Annots")] = type(annotations)(kept) if kept else type(annotations)()


def assemble(
    browser, parts: list[tuple[str, bytes]], overlay_labels: list[tuple[str, str]], metadata: dict
) -> tuple[bytes, int]:
    """Join PDFs (each with an outline title), stamp each page's title and number; return (PDF, pages)."""
    writer = PdfWriter()
    for title, pdf in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
        if title:
            writer.add_outline_item(title, start)
    overlay = page_overlay(browser, overlay_labels)
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()  # merging leaves the page's drawing uncompressed
    _drop_local_links(writer)
    writer.compress_identical_objects()
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def book_pdf(browser, site: Path, edition: str, config: dict) -> tuple[bytes, list[Section], int]:
    """The whole book from one built site; also returns its sections (with their printed pages)."""
    sections = toc_sections()
    with site_check.serve(site) as site_url:
        for section in sections:
            section.title, section.pdf = print_page(browser, site_url, section.docname)
            section.pages = len(PdfReader(io.BytesIO(section.pdf)).pages)
        # The contents' length decides where the book starts; it settles in a round or two.
        front_pages = 2
        for _ in range(3):
            front = front_matter(browser, config, edition, sections, front_pages + 1)
            counted = len(PdfReader(io.BytesIO(front)).pages)
            if counted == front_pages:
                break
            front_pages = counted
        # Pages are numbered from the title page, which alone carries no number.
        labels = [("", "")] + [("Contents", str(n)) for n in range(2, front_pages + 1)]
        for section in sections:
            labels += [(section.title, str(len(labels) + 1 + k)) for k in range(section.pages)]
        parts = [("Title and contents", front)] + [(s.title, s.pdf) for s in sections]
        metadata = {"/Title": f"{config['title'].split(' (')[0]} ({edition})", "/Author": config["author"]}
    pdf, pages = assemble(browser, parts, labels, metadata)
    return pdf, sections, pages


def handout(browser, section: Section, config: dict) -> tuple[bytes, int]:
    """One chapter page as a handout, numbered "page k of n"."""
    total = section.pages
    labels = [
        (f"{config['title'].split(' (')[0]} · {section.title}", f"Page {k} of {total}")
        for k in range(1, total + 1)
    ]
    metadata = {"/Title": section.title, "/Author": config["author"]}
    return assemble(browser, [(section.title, section.pdf)], labels, metadata)


TEACHER = (TEACHER_PDF, "Teacher's edition: exercises with solutions", False)
STUDENT = (STUDENT_PDF, "Student edition: exercises without solutions", True)


def _print_edition(site: Path, out: Path, edition: tuple[str, str, bool]) -> dict[str, int]:
    """Print one edition (and, for the student edition, the handouts); return pages per file."""
    name, label, with_handouts = edition
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    from playwright.sync_api import sync_playwright

    written = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=site_check.CHROMIUM, headless=True, args=site_check.CHROMIUM_ARGS
        )
        try:
            pdf, sections, written[name] = book_pdf(browser, site, label, config)
            (out / name).write_bytes(pdf)
            chapters = chapter_docnames(sections) if with_handouts else []
            for section in sections:
                if section.docname in chapters:
                    handout_name = f"handout-{section.docname.split('/')[-1]}.pdf"
                    pdf, written[handout_name] = handout(browser, section, config)
                    (out / handout_name).write_bytes(pdf)
        finally:
            browser.close()
    return written


def build(
    full_site: Path = FULL_SITE, student_site: Path = STUDENT_SITE, out: Path | None = None
) -> dict[str, int]:
    """Write every PDF into ``out`` (default: the full site's pdf/ folder); return pages per file.

    The two editions are printed at once, each by its own process and browser: printing is mostly
    one busy core per browser, and it halves the time on a machine with two or more."""
    for site in (full_site, student_site):
        if not (site / "index.html").is_file():
            raise SystemExit(f"no built site in {site}: run ./dev.sh build first")
    out = out or full_site / OUT_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or browser inherited
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        teacher = pool.submit(_print_edition, full_site, out, TEACHER)
        student = pool.submit(_print_edition, student_site, out, STUDENT)
        return {**teacher.result(), **student.result()}


def timed_build(
    full_site: Path = FULL_SITE, student_site: Path = STUDENT_SITE, out: Path | None = None
) -> tuple[dict[str, int], float]:
    """:func:`build`, and the seconds it took (what the benchmark reports as the PDF build time)."""
    started = time.monotonic()
    written = build(full_site, student_site, out)
    return written, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=FULL_SITE, help="the built full edition")
    parser.add_argument("--student-site", type=Path, default=STUDENT_SITE, help="the built student edition")
    parser.add_argument("--out", type=Path, default=None, help="folder for the PDFs (default: <site>/pdf)")
    args = parser.parse_args(argv)
    written, seconds = timed_build(args.site, args.student_site, args.out)
    out = args.out or args.site / OUT_FOLDER
    for name, pages in written.items():
        print(f"{out / name}: {pages} pages, {(out / name).stat().st_size / 1e6:.1f} MB")
    print(f"Built {len(written)} PDFs in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
