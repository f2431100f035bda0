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
- **Part captions.** Jupyter Book's table of contents (sphinx-external-toc) inserts the root page's
  toctrees, captions and all, with a transform of priority 100, after ``Locale``. The gettext builder
  collects the captions into the root page's template all the same (it reads the toctrees of every
  page), so the root page's catalogue holds them; :class:`TranslatedToctreeCaptions` looks each
  caption up there once the toctrees are in.
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain
from sphinx_exercise.directive import ExerciseDirective as _SphinxExerciseDirective
from sphinx_exercise.nodes import exercise_subtitle, is_exercise_node

# sphinx-external-toc's InsertToctrees runs at 100; Sphinx's Locale at 20; sphinx-exercise's
# ResolveTitlesInExercises (a post-transform) at 20.
AFTER_TOCTREES_INSERTED = 101
AFTER_LOCALE = 21
BEFORE_EXERCISE_TITLES_RESOLVED = 19


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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
