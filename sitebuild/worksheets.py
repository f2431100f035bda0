"""Printable worksheets, one per chapter, made from the exercises the pages themselves show.

A worksheet holds every exercise of a chapter's page (``book/NN-*.md``) and of its notebook
(``notebooks/NN-*.ipynb``), each followed by a box to write in, and never a solution. There is no
second copy of any exercise: at the end of the build each chapter's doctree is read back, resolved
as for its page (glued numbers, titles, numbering), and its exercise nodes are written with the
same HTML writer that wrote the page. Links in an exercise are rewritten to point from the
worksheet's folder to where they pointed from the page.

The worksheets are written to ``worksheets/chNN.html`` in both editions; each chapter page and
notebook links to its worksheet just before its first exercise. They are plain pages without the
theme and without any script, styled by ``_static/worksheet.css`` (``sitebuild/web``) so they
print on A4 and on US Letter: margins that fit both papers, long code and tables wrapped, and no
page break inside an exercise. Their footer gives the address of the page on the published site.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

from sitebuild import csp, editions, site_locale
from sitebuild.page_messages import close_number_gap
from sitebuild.site_locale import _

WORKSHEET_DIR = "worksheets"
CHAPTER_DOC = re.compile(r"^(?P<kind>book|notebooks)/(?P<number>\d\d)-[\w-]+$")
EXERCISE_NODES = (exercise_node, exercise_enumerable_node)
LINK_CLASS = "seckill-worksheet-link"
ANSWER_CLASS = "worksheet-answer"
BLANK = '<span class="worksheet-blank"></span>'
ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def worksheet_path(number: int) -> str:
    """The worksheet's path in the site, e.g. ``worksheets/ch01.html``."""
    return f"{WORKSHEET_DIR}/ch{number:02d}.html"


def chapter_docs(docnames) -> dict[int, dict[str, str]]:
    """Chapter number -> {"book": docname, "notebooks": docname} for every chapter page and notebook."""
    chapters: dict[int, dict[str, str]] = {}
    for docname in sorted(docnames):
        match = CHAPTER_DOC.match(docname)
        if match:
            chapters.setdefault(int(match["number"]), {})[match["kind"]] = docname
    return chapters


def exercises_in(doctree) -> list[nodes.Element]:
    return [node for node in doctree.findall(lambda n: isinstance(n, EXERCISE_NODES))]


def rebase_uri(uri: str, docname: str, folder: str = WORKSHEET_DIR) -> str:
    """A link written for the page ``docname``, rewritten for a file in ``folder``."""
    if not uri or ABSOLUTE.match(uri) or uri.startswith("/"):
        return uri
    path, hash_, fragment = uri.partition("#")
    page_dir = posixpath.dirname(docname)
    target = posixpath.normpath(posixpath.join(page_dir, path)) if path else f"{docname}.html"
    return posixpath.relpath(target, folder) + hash_ + fragment


def _rebase_links(node: nodes.Element, docname: str) -> None:
    for reference in node.findall(nodes.reference):
        if "refuri" in reference:
            reference["refuri"] = rebase_uri(reference["refuri"], docname)
        elif "refid" in reference:
            reference["refuri"] = rebase_uri("#" + reference["refid"], docname)
            del reference["refid"]


def _link_before_first_exercise(app, doctree, docname) -> None:
    """On a chapter page or notebook, a link to the chapter's worksheet before its first exercise."""
    match = CHAPTER_DOC.match(docname)
    found = exercises_in(doctree) if match else []
    if not found:
        return
    href = posixpath.relpath(worksheet_path(int(match["number"])), posixpath.dirname(docname))
    link = nodes.raw(
        "",
        f'<p class="{LINK_CLASS}">'
        + str(
            _(
                "{link_start}Printable worksheet{link_end} with every exercise of this chapter's page and "
                "notebook, and space to write (A4 or US Letter)."
            )
        ).format(link_start=f'<a href="{href}">', link_end="</a>")
        + "</p>\n",
        format="html",
    )
    first = found[0]
    first.parent.insert(first.parent.index(first), link)


def render_worksheet(*, chapter_title: str, book_title: str, parts, page_url: str, lang: str = "en"):
    """The worksheet page. ``parts`` is a list of (heading, introduction, [exercise HTML]); its
    labels come in the build's language (``lang``, an HTML language tag)."""
    sections = []
    your_answer, name, date, chapter_link = (
        _("Your answer"),
        _("Name:"),
        _("Date:"),
        _("The chapter, its charts and its data:"),
    )
    for heading, introduction, exercises in parts:
        if not exercises:
            continue
        items = "".join(
            f'<div class="worksheet-exercise">\n{exercise}'
            f'<div class="{ANSWER_CLASS}"><p>{your_answer}</p></div>\n</div>\n'
            for exercise in exercises
        )
        sections.append(f"<section>\n<h2>{heading}</h2>\n<p>{introduction}</p>\n{items}</section>\n")
    title = chapter_title
    description = str(
        _(
            "Printable worksheet for the chapter {chapter_title} of {book_title}: every exercise of the "
            "chapter, with space for the answers."
        )
    ).format(chapter_title=chapter_title, book_title=book_title)
    worksheet = _("Worksheet")
    address = html.escape(page_url)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{csp.META_TAG}
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{worksheet} · {html.escape(title)}</title>
<meta content="{html.escape(description)}" name="description" />
<link rel="stylesheet" href="../_static/worksheet.css" />
</head>
<body>
<header>
<p class="worksheet-book">{html.escape(book_title)} · {worksheet}</p>
<h1>{html.escape(title)}</h1>
<p class="worksheet-name">{name} {BLANK} {date} {BLANK}</p>
</header>
<main>
{"".join(sections)}</main>
<footer>
<p>{chapter_link} <a href="{address}">{address}</a></p>
</footer>
</body>
</html>
"""


PAGE_INTRO = _(
    "Answer in words and numbers; the chapter page has the charts and tables these exercises refer to."
)
NOTEBOOK_INTRO = _(
    "These exercises belong to the chapter's notebook. Write the code you would run, or your working, "
    "and the answer; then check it in the notebook, where each exercise has a check cell."
)


def _render_exercises(builder, docname: str) -> list[str]:
    """The HTML of each exercise on ``docname``, written as the page's own writer writes it.

    The page's translator walks each exercise node (rather than docutils' publisher, as
    ``render_partial`` does, whose transforms do not know sphinx-exercise's admonitions).
    """
    if not hasattr(builder, "docsettings"):
        # A build with no page to write (nothing changed) skips this step, which makes the writer's
        # settings; the worksheets are written on every build, so make them as a page write does.
        builder.prepare_writing(set())
    doctree = builder.env.get_and_resolve_doctree(docname, builder)
    doctree.settings = builder.docsettings  # as Builder.write_doc sets it before writing a page
    # What Builder.write_doc sets for a page: where it is, and its section and exercise numbers.
    builder.current_docname = docname
    builder.secnumbers = builder.env.toc_secnumbers.get(docname, {})
    builder.fignumbers = builder.env.toc_fignumbers.get(docname, {})
    fragments = []
    for exercise in exercises_in(doctree):
        copy = exercise.deepcopy()
        _rebase_links(copy, docname)
        translator = builder.create_translator(doctree, builder)
        copy.walkabout(translator)
        fragments.append(close_number_gap("".join(translator.body)))
    return fragments


def _write_worksheets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    env, builder = app.env, app.builder
    outdir = Path(app.outdir) / WORKSHEET_DIR
    for number, docs in chapter_docs(env.found_docs).items():
        rendered: dict[str, list[str]] = {}
        for kind, docname in docs.items():
            rendered[kind] = _render_exercises(builder, docname)
        page = docs.get("book") or docs["notebooks"]
        if not any(rendered.values()):
            continue
        outdir.mkdir(exist_ok=True)
        text = render_worksheet(
            chapter_title=env.titles[page].astext(),
            book_title=app.config.html_title or app.config.project,
            parts=[
                (_("Exercises on the chapter page"), PAGE_INTRO, rendered.get("book", [])),
                (_("Exercises in the chapter's notebook"), NOTEBOOK_INTRO, rendered.get("notebooks", [])),
            ],
            page_url=f"{editions.edition_url(app.config)}{page}.html",
            lang=site_locale.html_lang(app.config),
        )
        (outdir / f"ch{number:02d}.html").write_text(text, encoding="utf-8")


def setup(app):
    app.connect("doctree-resolved", _link_before_first_exercise)
    app.connect("build-finished", _write_worksheets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
