"""The book's two editions, each naming itself on every page, published side by side.

The full edition (exercises with their solutions in collapsed dropdowns) is the site's root; the
student edition (every exercise, no solution: ``hide_solutions`` in ``_config.student.yml``) is
built into ``_build/student/_build/html`` and published inside the full one as ``student/``
(:func:`publish`; ``./dev.sh student`` and the deploy workflow both run it). So the same page has
the addresses ``book/01-buy-it.html`` and ``student/book/01-buy-it.html``.

Every page, generated ones (index, search) included, starts with a line that says which edition it
is and links to the same page in the other edition (:func:`_add_edition_line`; the templates in
``book/_templates`` place it). The links are relative, so they work on any host, in a
sub-folder (GitHub Pages serves the book under the repository's name) and from ``file://`` (the
classroom copy).

Run ``python -m sitebuild.editions`` to copy a built student edition into a built full one.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
FULL_SITE = ROOT / "_build" / "html"
STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
# Where the student edition lives inside the full one.
STUDENT_DIR = "student"
EDITION_CLASS = "seckill-edition"
GITHUB_REPOSITORY = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")


def is_student(config) -> bool:
    """True when building the student edition (sphinx-exercise's ``hide_solutions`` setting)."""
    return bool(getattr(config, "hide_solutions", False))


def other_edition_href(pagename: str, student: bool) -> str:
    """The same page in the other edition, relative to ``pagename`` (``book/01-buy-it``)."""
    up = "../" * pagename.count("/")
    if student:
        return f"{up}../{pagename}.html"
    return f"{up}{STUDENT_DIR}/{pagename}.html"


def edition_line(href: str, student: bool) -> str:
    """The line that names the edition and links to the same page in the other one."""
    if student:
        name, what, other, other_what = (
            "Student edition",
            "exercises without solutions",
            "Full edition of this page",
            "with solutions",
        )
    else:
        name, what, other, other_what = (
            "Full edition",
            "exercises with their solutions",
            "Student edition of this page",
            "no solutions",
        )
    return (
        f'<p class="{EDITION_CLASS}"><strong>{name}</strong>: {what}. '
        f'<a href="{html.escape(href)}">{other}</a> ({other_what}).</p>\n'
    )


def published_url(config) -> str:
    """The address readers open the book at, ending in ``/``: ``html_baseurl`` when set, otherwise
    the GitHub Pages address of the repository that ``_config.yml`` names (``repository.url``)."""
    base = getattr(config, "html_baseurl", "") or ""
    if base:
        return base.rstrip("/") + "/"
    repository = (getattr(config, "html_theme_options", None) or {}).get("repository_url", "")
    match = GITHUB_REPOSITORY.match(repository)
    if not match:
        raise ExtensionError(
            "cannot tell the book's published address: set html_baseurl, or repository.url in "
            f"_config.yml to a GitHub repository (https://github.com/OWNER/NAME); got {repository!r}"
        )
    return f"https://{match['owner'].lower()}.github.io/{match['name']}/"


def edition_url(config) -> str:
    """The published address of the edition being built."""
    return published_url(config) + (f"{STUDENT_DIR}/" if is_student(config) else "")


def _add_edition_line(app, pagename, templatename, context, doctree) -> None:
    # book/_templates/layout.html (and search.html) put it above the page's article.
    student = is_student(app.config)
    context["seckill_edition_line"] = edition_line(other_edition_href(pagename, student), student)


def publish(full_site: Path, student_site: Path) -> Path:
    """Copy the built student edition into the full one as ``student/``, replacing an earlier copy.

    Refuses, naming what is wrong, when either edition is missing or the two are swapped (each
    names its edition on its first page).
    """
    for site, name, command in (
        (full_site, "full", "./dev.sh book"),
        (student_site, "student", "./dev.sh student"),
    ):
        index = site / "index.html"
        if not index.is_file():
            raise FileNotFoundError(f"no {name} edition at {site} (build it with {command})")
    for site, name in ((full_site, "Full edition"), (student_site, "Student edition")):
        first_page = _first_page(site)
        if f"<strong>{name}</strong>" not in first_page.read_text(encoding="utf-8"):
            raise ValueError(f"{first_page} does not say {name!r}: is it the other edition?")
    target = full_site / STUDENT_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(student_site, target)
    return target


def _first_page(site: Path) -> Path:
    """The root document's page (``index.html`` is only Jupyter Book's redirect to it)."""
    redirect = (site / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"\s]+)"', redirect)
    return site / target.group(1) if target else site / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=FULL_SITE, help="the built full edition")
    parser.add_argument("--student", type=Path, default=STUDENT_SITE, help="the built student edition")
    args = parser.parse_args(argv)
    try:
        target = publish(args.site, args.student)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Published the student edition in {target}")
    return 0


def setup(app):
    app.connect("html-page-context", _add_edition_line)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
