"""Two texts of a page that Sphinx's translation does not reach: exercise titles and the sidebar's
part captions. Both are messages of the page's own catalogue, so a change to the English marks them
fuzzy (``./dev.sh translations``) like every other message of the page.

Sphinx translates a page with its ``Locale`` transform (priority 20, once the page is parsed), which
replaces each node it finds translatable (``sphinx.util.nodes.extract_messages``: a text element with
a source and a raw source) with its translation from the page's catalogue; the gettext builder
collects the same nodes into the page's template.

- **Exercise titles.** sphinx-exercise's ``{exercise} Title`` directive puts the title in an
  ``exercise_subtitle`` node it makes itself, with neither source nor raw source, so neither
  gettext nor ``Locale`` sees it. :class:`ExerciseDirective` gives the node the title as its author
  wrote it, and where, so the title is a message of the page like a heading (the gettext builder
  collects it with :class:`ExerciseTitlesForGettext`, as sphinx-exercise rewrites the title before
  the builder sees the page). The solution's label
  ("Solution to Exercise 3 (Title)") is written later from sphinx-exercise's registry, which keeps
  a copy of the exercise made before the page was translated; :class:`TranslatedExerciseRegistry`
  replaces the copy with the translated exercise. The words "Exercise" and "Solution to" come
  translated with sphinx-exercise (its ``exercise`` catalogue, 练习 and 解答).
- **The brackets around an exercise's title.** sphinx-exercise writes "Exercise 1 (Title)" with
  ASCII brackets in every language; Chinese writes full-width ones, 练习 1（标题）.
  :class:`ExerciseTitleBrackets` puts the edition's brackets (the build's own catalogue,
  :mod:`sitebuild.site_locale`) in the exercise's heading and in each solution's label once
  sphinx-exercise has written them, so the pages and the worksheets (written from the same nodes)
  agree. Sphinx writes the number as ``<span class="caption-number">练习 1 </span>``, with a space
  that a full-width bracket, which carries its own, does not take: :func:`close_number_gap` drops
  it from the written page and worksheet.
- **Part captions.** Jupyter Book's table of contents (sphinx-external-toc) inserts the root page's
  toctrees, captions and all, with a transform of priority 100, after ``Locale``. The gettext builder
  collects the captions into the root page's template all the same (it reads the toctrees of every
  page), so the root page's catalogue holds them; :class:`TranslatedToctreeCaptions` looks each
  caption up there once the toctrees are in.
"""

from __future__ import annotations

import os
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain
from sphinx_exercise.directive import ExerciseDirective as _SphinxExerciseDirective
from sphinx_exercise.nodes import exercise_subtitle, is_exercise_node, solution_node

from sitebuild.site_locale import _

# sphinx-external-toc's InsertToctrees runs at 100; Sphinx's Locale at 20; sphinx-exercise's
# ResolveTitlesInExercises (a post-transform) at 20.
AFTER_TOCTREES_INSERTED = 101
AFTER_LOCALE = 21
BEFORE_EXERCISE_TITLES_RESOLVED = 19
# sphinx-exercise's post-transforms write the exercises' titles (20), the solutions' labels (21) and
# the text of links to solutions (22).
AFTER_EXERCISE_TITLES_RESOLVED = 23

# How sphinx-exercise brackets an exercise's own title after its number, in every language: the
# texts " (" and ")" around the title's nodes.
EXERCISE_TITLE_TEMPLATE = " ({title})"


class ExerciseDirective(_SphinxExerciseDirective):
    """sphinx-exercise's ``exercise`` directive, with its title a translatable message."""

    def run(self) -> list[nodes.Node]:
        result = super().run()
        if self.arguments:
            source, line = self.get_source_info()
            for node in result:
                for subtitle in node.findall(exercise_subtitle):
                    subtitle.rawsource = self.arguments[0]
                    subtitle.source, subtitle.line = source, line
        return result


class ExerciseTitlesForGettext(SphinxPostTransform):
    """The gettext builder collects a page's messages from the page as it is written, once
    sphinx-exercise has merged each title into the exercise's heading (a node of its own, with no
    source): collect the titles just before, into the page's template."""

    default_priority = BEFORE_EXERCISE_TITLES_RESOLVED
    builders = ("gettext",)

    def run(self, **kwargs) -> None:
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalogue = self.app.builder.catalogs[domain]
        for subtitle in self.document.findall(exercise_subtitle):
            if subtitle.rawsource and hasattr(subtitle, "uid"):  # the uid Sphinx gives each message
                catalogue.add(subtitle.rawsource, subtitle)


class TranslatedExerciseRegistry(SphinxTransform):
    """sphinx-exercise writes each solution's label from its registry's copy of the exercise, taken
    before the page was translated: replace the copy with the page's (translated) exercise."""

    default_priority = AFTER_LOCALE

    def apply(self, **kwargs) -> None:
        registry = getattr(self.env, "sphinx_exercise_registry", None)
        if not registry:
            return
        for node in self.document.findall(is_exercise_node):
            entry = registry.get(node.get("label"))
            if entry is not None and entry.get("docname") == self.env.docname:
                entry["node"] = node.deepcopy()


def title_brackets() -> tuple[str, str]:
    """The texts before and after an exercise's title in the edition's language (" (" and ")" in
    English, "（" and "）" in Chinese)."""
    opening, _title, closing = str(_(" ({title})")).partition("{title}")
    return opening, closing


def rebracket(parent: nodes.Element, english: tuple[str, str], edition: tuple[str, str]) -> bool:
    """Replace sphinx-exercise's brackets among ``parent``'s children: its first text " (" and, as
    its last child, the text ")" that closes it. Returns whether it found them."""
    children = parent.children
    opening = next(
        (i for i, child in enumerate(children) if isinstance(child, nodes.Text) and str(child) == english[0]),
        None,
    )
    last = len(children) - 1
    if (
        opening is None
        or opening >= last
        or not (isinstance(children[last], nodes.Text) and str(children[last]) == english[1])
    ):
        return False
    # By position: docutils finds a text child by its value, and a title may hold another ")".
    parent[last] = nodes.Text(edition[1])
    parent[opening] = nodes.Text(edition[0])
    return True


# Sphinx's number before an exercise's title ends with a space (HTML5Translator.add_fignumber).
_NUMBER_THEN_SPACE = re.compile(r'(<span class="caption-number">[^<]*?) (</span>)')


def close_number_gap(html: str, opening: str | None = None) -> str:
    """``html`` with no space between an exercise's number and its title's ``opening`` bracket
    (the edition's, by default) unless that is the ASCII " (": a full-width bracket brings its own."""
    opening = title_brackets()[0] if opening is None else opening
    if opening.startswith(" ") or f"</span>{opening}" not in html:
        return html
    return re.sub(_NUMBER_THEN_SPACE.pattern + re.escape(opening), rf"\1\2{opening}", html)


def _close_number_gaps(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = close_number_gap(context["body"])


class ExerciseTitleBrackets(SphinxPostTransform):
    """The edition's brackets around each exercise's title, in its heading and in its solutions'
    labels (which link to it), where sphinx-exercise put ASCII ones."""

    default_priority = AFTER_EXERCISE_TITLES_RESOLVED

    def run(self, **kwargs) -> None:
        english = tuple(EXERCISE_TITLE_TEMPLATE.split("{title}"))
        edition = title_brackets()
        if edition == english:
            return
        for node in self.document.findall(lambda n: is_exercise_node(n) or isinstance(n, solution_node)):
            title = node.next_node(nodes.title)
            if title is None:
                continue
            # An exercise's heading holds its title; a solution's label holds a link to the exercise.
            for parent in [title, *title.findall(nodes.reference)]:
                rebracket(parent, english, edition)


class TranslatedToctreeCaptions(SphinxTransform):
    """Translate the captions of the toctrees sphinx-external-toc inserts after ``Locale`` ran, from
    the page's catalogue (where the gettext builder puts them)."""

    default_priority = AFTER_TOCTREES_INSERTED

    def apply(self, **kwargs) -> None:
        if self.config.language in (None, "en"):
            return
        toctrees = [node for node in self.document.findall(addnodes.toctree) if node.get("caption")]
        if not toctrees:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [os.path.join(self.env.srcdir, folder) for folder in self.config.locale_dirs]
        catalogue, found = init_locale(folders, self.config.language, domain)
        if not found:
            return
        for toctree in toctrees:
            caption = toctree["caption"]
            translated = catalogue.gettext(caption)
            if translated != caption:
                toctree["rawcaption"] = caption  # what the translation replaces (the toctree's rule)
                toctree.apply_translated_message(caption, translated)


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.add_directive("exercise", ExerciseDirective, override=True)
    app.add_post_transform(ExerciseTitlesForGettext)
    app.add_transform(TranslatedExerciseRegistry)
    app.add_transform(TranslatedToctreeCaptions)
    app.add_post_transform(ExerciseTitleBrackets)
    app.connect("html-page-context", _close_number_gaps)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
