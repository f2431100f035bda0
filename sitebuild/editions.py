"""The book's editions, each naming itself on every page, published side by side.

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

The Chinese edition (``language: zh_CN`` in ``_config.zh.yml``, the full edition translated) is
built into ``_build/zh/_build/html`` and published as ``zh/``: ``zh/book/01-buy-it.html``. Beside
the edition line, every page of every edition has a language switcher, a link "中文" or "English"
to the same page in the other language (English pages, full or student, link to the Chinese page;
Chinese pages to the English full edition), relative like the edition line, and saying the language
of its text and of the page it opens (``lang``, ``hreflang``).

The texts of both are in English in the code and translated by the build's language from the
extension's own catalogue, ``sitebuild/locales/<language>/LC_MESSAGES/seckill-site.po``
(:mod:`sitebuild.site_locale`).

Run ``python -m sitebuild.editions`` to copy the built student and Chinese editions into a built
full one.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

from sphinx.errors import ExtensionError

from sitebuild.site_locale import _, is_chinese

ROOT = Path(__file__).resolve().parent.parent
FULL_SITE = ROOT / "_build" / "html"
STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
ZH_SITE = ROOT / "_build" / "zh" / "_build" / "html"
# Where the student and Chinese editions live inside the full one.
STUDENT_DIR = "student"
ZH_DIR = "zh"
EDITION_CLASS = "seckill-edition"
LANGUAGE_CLASS = "seckill-language"
BAR_CLASS = "seckill-edition-bar"
# The switcher's link text is the other language's own name, in that language.
LANGUAGE_LINKS = {True: ("English", "en"), False: ("中文", "zh-CN")}
GITHUB_REPOSITORY = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")


def is_student(config) -> bool:
    """True when building the student edition (sphinx-exercise's ``hide_solutions`` setting)."""
    return bool(getattr(config, "hide_solutions", False))


def edition_dir(student: bool, chinese: bool = False) -> str:
    """The folder an edition is published in, inside the full English one (``""`` for that one)."""
    if chinese:
        return f"{ZH_DIR}/"  # the Chinese edition is a full edition
    return f"{STUDENT_DIR}/" if student else ""


def _href(pagename: str, from_dir: str, to_dir: str) -> str:
    """``pagename`` in the edition published in ``to_dir``, relative to it in ``from_dir``."""
    up = "../" * (pagename.count("/") + from_dir.count("/"))
    return f"{up}{to_dir}{pagename}.html"


def other_edition_href(pagename: str, student: bool, chinese: bool = False) -> str:
    """The same page in the other edition, relative to ``pagename`` (``book/01-buy-it``): full and
    student swap; the Chinese (full) edition links to the English student one."""
    return _href(pagename, edition_dir(student, chinese), edition_dir(not student))


def other_language_href(pagename: str, student: bool, chinese: bool) -> str:
    """The same page in the other language: English pages (full or student) link to the Chinese
    edition, Chinese pages to the English full edition."""
    return _href(pagename, edition_dir(student, chinese), edition_dir(False, not chinese))


def edition_line(href: str, student: bool, chinese: bool = False) -> str:
    """The line that names the edition and links to the same page in the other one."""
    if student:
        name, what, other, other_what = (
            _("Student edition"),
            _("exercises without solutions"),
            _("Full edition of this page"),
            _("with solutions"),
        )
    elif chinese:
        # There is one Chinese edition, the full one; its students' counterpart is the English one.
        name, what, other, other_what = (
            _("Full edition"),
            _("exercises with their solutions"),
            _("Student edition of this page"),
            _("no solutions, in English"),
        )
    else:
        name, what, other, other_what = (
            _("Full edition"),
            _("exercises with their solutions"),
            _("Student edition of this page"),
            _("no solutions"),
        )
    hreflang = ' hreflang="en"' if chinese else ""
    link = f'<a href="{html.escape(href)}"{hreflang}>{other}</a>'
    # One message for the sentence, so a language can order and punctuate it its own way.
    sentence = str(_("{edition}: {what}. {link} ({other_what}).")).format(
        edition=f"<strong>{name}</strong>", what=what, link=link, other_what=other_what
    )
    return f'<p class="{EDITION_CLASS}">{sentence}</p>\n'


def language_switch(href: str, chinese: bool) -> str:
    """The link to the same page in the other language, named in that language."""
    text, lang = LANGUAGE_LINKS[chinese]
    return (
        f'<p class="{LANGUAGE_CLASS}"><a href="{html.escape(href)}" lang="{lang}" hreflang="{lang}">'
        f"{text}</a></p>\n"
    )


def edition_bar(pagename: str, student: bool, chinese: bool) -> str:
    """The edition line with the language switcher beside it."""
    return (
        f'<div class="{BAR_CLASS}">\n'
        + edition_line(other_edition_href(pagename, student, chinese), student, chinese)
        + language_switch(other_language_href(pagename, student, chinese), chinese)
        + "</div>\n"
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
    return published_url(config) + edition_dir(is_student(config), is_chinese(config))


def _add_edition_line(app, pagename, templatename, context, doctree) -> None:
    # book/_templates/layout.html (and search.html) put it above the page's article.
    context["seckill_edition_line"] = edition_bar(pagename, is_student(app.config), is_chinese(app.config))


CHINESE_PAGE = re.compile(r'<html[^>]*\blang="zh-CN"')


def _check_edition(site: Path, name: str, command: str, says: str, chinese: bool) -> None:
    index = site / "index.html"
    if not index.is_file():
        raise FileNotFoundError(f"no {name} edition at {site} (build it with {command})")
    first_page = _first_page(site)
    text = first_page.read_text(encoding="utf-8")
    if f"<strong>{says}</strong>" not in text or bool(CHINESE_PAGE.search(text)) != chinese:
        raise ValueError(f"{first_page} is not the {name} edition (it should say {says!r}): another one?")


def _copy_into(full_site: Path, edition_site: Path, folder: str) -> Path:
    target = full_site / folder
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(edition_site, target)
    return target


def publish(full_site: Path, student_site: Path) -> Path:
    """Copy the built student edition into the full one as ``student/``, replacing an earlier copy.

    Refuses, naming what is wrong, when either edition is missing or the two are swapped (each
    names its edition on its first page).
    """
    _check_edition(full_site, "full", "./dev.sh book", "Full edition", chinese=False)
    _check_edition(student_site, "student", "./dev.sh student", "Student edition", chinese=False)
    return _copy_into(full_site, student_site, STUDENT_DIR)


# What the Chinese edition's line calls it (sitebuild/locales/zh_CN/LC_MESSAGES/seckill-site.po).
ZH_EDITION_NAME = "完整版"


def publish_chinese(full_site: Path, zh_site: Path) -> Path:
    """Copy the built Chinese edition into the full one as ``zh/``, replacing an earlier copy;
    refuses a missing edition, or an English one in its place."""
    _check_edition(full_site, "full", "./dev.sh book", "Full edition", chinese=False)
    _check_edition(zh_site, "Chinese", "./dev.sh zh", ZH_EDITION_NAME, chinese=True)
    return _copy_into(full_site, zh_site, ZH_DIR)


def _first_page(site: Path) -> Path:
    """The root document's page (``index.html`` is only Jupyter Book's redirect to it)."""
    redirect = (site / "index.html").read_text(encoding="utf-8")
    target = re.search(r'url=([^"\s]+)"', redirect)
    return site / target.group(1) if target else site / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=FULL_SITE, help="the built full edition")
    parser.add_argument("--student", type=Path, default=STUDENT_SITE, help="the built student edition")
    parser.add_argument("--zh", type=Path, default=ZH_SITE, help="the built Chinese edition")
    args = parser.parse_args(argv)
    try:
        student = publish(args.site, args.student)
        chinese = publish_chinese(args.site, args.zh)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Published the student edition in {student} and the Chinese edition in {chinese}")
    return 0


def setup(app):
    app.connect("html-page-context", _add_edition_line)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
