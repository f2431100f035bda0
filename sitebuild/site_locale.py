"""The language of the texts the build writes itself (the edition line, the language switcher, the
self-check forms' labels, the worksheets' labels, the page script's messages, the search box, the footer,
the brackets around an exercise's title) and of the hints of sphinx-togglebutton's buttons.

They are written in English in ``sitebuild/`` and marked with :data:`_`; each other language has one
gettext catalogue, ``sitebuild/locales/<language>/LC_MESSAGES/seckill-site.po``. This is Sphinx's
own mechanism for an extension's strings (``app.add_message_catalog`` with
``sphinx.locale.get_translation``): the build's ``language`` picks the catalogue, as it picks the
theme's. Sphinx reads compiled catalogues (``.mo``, never committed), so :func:`compile_catalogues`
writes each one from its ``.po`` when the ``.po`` is newer.

The build's language is read in one place, :func:`build_language`; :mod:`sitebuild.sphinxext`
hands it to the notebook kernels as ``SECKILL_LANG``.

``python -m sitebuild.site_locale`` (run by ``./dev.sh translations``) extracts every ``_("...")``
of ``sitebuild/`` and brings each catalogue in step: a new message is added untranslated, a changed
one keeps its old translation marked fuzzy, a removed one is dropped. ``tests/test_translations.py``
fails while a message is untranslated or fuzzy.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

DOMAIN = "seckill-site"
# Texts of Sphinx, the themes and the book's template overrides that their own Chinese catalogues
# leave untranslated (screen-reader names and tooltips: "Link to this heading", "Color mode",
# "Launch on" ...). Each is answered from ``locales/<language>/LC_MESSAGES/<domain>.po`` here,
# added behind the domain's own catalogue, so it only fills what that catalogue lacks.
THEME_DOMAINS = ("sphinx", "booktheme")
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

_ = get_translation(DOMAIN)


def build_language(config) -> str:
    """The language of the edition being built, as the package names it (``"en"``, ``"zh_CN"``)."""
    from seckill.i18n import normalise_language

    return normalise_language(getattr(config, "language", None) or "en")


def is_chinese(config) -> bool:
    """True when the edition being built is the Chinese one (``language: zh_CN``)."""
    return build_language(config) == "zh_CN"


def html_lang(config) -> str:
    """The build's language as an HTML ``lang`` value (``zh-CN``)."""
    return build_language(config).replace("_", "-")


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write ``<domain>.mo`` beside every ``<domain>.po`` that is newer (the build's own and the
    theme texts of :data:`THEME_DOMAINS`); returns what it wrote."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        # Written beside it and then renamed: editions built side by side (sitebuild/builds.py)
        # may compile the same catalogue at once, and none may read a half-written one.
        handle, temporary = tempfile.mkstemp(dir=mo.parent, prefix=f".{mo.name}-")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        os.chmod(temporary, 0o644)
        os.replace(temporary, mo)
        written.append(mo)
    return written


def extract_messages(folder: Path = LOCALE_DIR.parent) -> list[str]:
    """Every message marked with ``_`` in the extension's Python files, in order of appearance."""
    from babel.messages.extract import extract_from_dir

    seen: dict[str, None] = {}
    for _filename, _line, message, _comments, _context in extract_from_dir(
        str(folder), method_map=[("*.py", "python")], keywords={"_": None}
    ):
        seen.setdefault(message, None)
    return list(seen)


def update_catalogues(locale_dir: Path = LOCALE_DIR) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog()
    for message in extract_messages(locale_dir.parent):
        template.add(message)
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        catalogue.update(template, no_fuzzy_matching=False)
        catalogue.obsolete.clear()
        with po.open("wb") as target:
            write_po(target, catalogue, width=76, include_previous=False)
        left = [message.id for message in catalogue if message.id and (message.fuzzy or not message.string)]
        print(f"{po}: {len(left)} messages to translate or review")


def _theme_texts(app, pagename, templatename, context, doctree) -> None:
    """Texts of the theme that no catalogue of its own translates: the search box's placeholder and
    name (a theme option Jupyter Book sets) and the footer's copyright line (the theme's Chinese
    catalogue keeps it in English; ``book/_templates/copyright.html`` shows this one)."""
    context["theme_search_bar_text"] = str(_("Search this book..."))
    context["seckill_copyright"] = str(_("© Copyright {copyright}.")).format(
        copyright=context.get("copyright", "")
    )


# sphinx-togglebutton's hints beside a folded solution's title ("Click to show", on wide screens).
# Its own catalogue has them in Chinese, but under ``zh-cn``, a folder Sphinx does not look in for
# ``zh_CN``, and the extension reads its defaults while it is set up, before any language is known:
# each default is answered here instead. A hint the book's configuration sets itself is left alone.
TOGGLE_HINTS = {
    "togglebutton_hint": ("Click to show", _("Click to show")),
    "togglebutton_hint_hide": ("Click to hide", _("Click to hide")),
}


def _toggle_hints(app, config) -> None:
    """The hints in the edition's language; before the extension writes them into the page settings
    (its own ``config-inited`` handler, at the default priority 500)."""
    for name, (english, translated) in TOGGLE_HINTS.items():
        if name in config and config[name] == english:
            config[name] = str(translated)


# The column headings of MyST-NB's build status table (``{nb-exec-table}``), which it writes in
# English whatever the language; the same texts, marked so that the catalogue carries them.
RUN_TABLE_HEADINGS = {
    "Document": _("Document"),
    "Modified": _("Modified"),
    "Method": _("Method"),
    "Run Time (s)": _("Run Time (s)"),
    "Status": _("Status"),
}


# The "Method" column's values: MyST-NB's execution modes, as its configuration names them.
RUN_TABLE_METHODS = {
    "cache": _("cache"),
    "force": _("force"),
    "inline": _("inline"),
    "auto": _("auto"),
}


class TranslateRunTableHeadings(SphinxPostTransform):
    """The build status table's headings, and its "Method" column's values, in the edition's language."""

    default_priority = 9  # MyST-NB fills the table in at 8
    formats = ("html",)

    def run(self, **kwargs) -> None:
        from sitebuild.reproducible import NotIndexed  # the wrapper the status table sits in

        for wrapper in self.document.findall(NotIndexed):
            for group in wrapper.findall(nodes.tgroup):
                heads = list(group.findall(nodes.thead))
                columns = [entry.astext() for head in heads[:1] for entry in head.findall(nodes.entry)]
                for heading in heads:
                    for paragraph in heading.findall(nodes.paragraph):
                        english = paragraph.astext()
                        if english in RUN_TABLE_HEADINGS:
                            paragraph[:] = [nodes.Text(str(RUN_TABLE_HEADINGS[english]))]
                if "Method" not in columns:
                    continue
                method = columns.index("Method")
                for body in group.findall(nodes.tbody):
                    for row in body.findall(nodes.row):
                        cells = [child for child in row.children if isinstance(child, nodes.entry)]
                        if method < len(cells):
                            for paragraph in cells[method].findall(nodes.paragraph):
                                english = paragraph.astext()
                                if english in RUN_TABLE_METHODS:
                                    paragraph[:] = [nodes.Text(str(RUN_TABLE_METHODS[english]))]


def setup(app):
    compile_catalogues()
    app.add_message_catalog(DOMAIN, str(LOCALE_DIR))
    for domain in THEME_DOMAINS:
        app.add_message_catalog(domain, str(LOCALE_DIR))
    app.connect("html-page-context", _theme_texts)
    app.connect("config-inited", _toggle_hints, priority=400)
    app.add_post_transform(TranslateRunTableHeadings)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    update_catalogues()
    sys.exit(0)
