"""Sphinx extension: serve the chart libraries and the page script from the book's own files.

Listed under ``sphinx: local_extensions`` in ``_config.yml``. It

- refuses to build from bad data: before any notebook executes, it validates the data package
  (:mod:`seckill.validate_data`) and stops the build with every problem, each naming file, line
  and field, and removes the previous build's pages, so no site is left that looks complete
  (:func:`_refuse_bad_data`);
- adds ``sitebuild/web`` to the static files and puts the page script and the book's stylesheet on
  every page; the page script fetches the vendored Vega bundle itself, only when a reader reaches
  for a chart (``scripts/vendor_web_assets.py`` says where the bundle comes from);
- applies the theme fixes in :mod:`sitebuild.theme_fixes` (no console errors, no axe violations);
- puts a picture of every chart, drawn at build time from its spec, in its container, with the
  chart's controls, so a chart shows at once and without JavaScript, and moves the spec out of the
  page into a script the page script loads when the chart goes live (:mod:`sitebuild.pictures`),
  after checking that the site's Vega bundle can draw it (:mod:`sitebuild.vega_support`);
- gives charts with the same title on one page distinct table summaries
  (:func:`sitebuild.chart_names.name_repeated_charts`);
- adds the self-check questions of the pages (``self-check`` directive) and writes them into the
  site as a question bank for LMS quizzes (:mod:`sitebuild.selfcheck`, :mod:`sitebuild.question_bank`);
- copies the data package into the built site (``_build/html/data/``) for download;
- marks each run of Chinese characters in a page's text as Chinese (``<span lang="zh-CN">``), for
  screen readers and font choice (:mod:`sitebuild.cjk_lang`), and in the Chinese edition keeps
  short table cells' words whole on a phone (:mod:`sitebuild.cjk_tables`);
- cuts the theme's icon font down to the icons the site shows (:mod:`sitebuild.iconfont`), and
  gives each page one stylesheet holding only the rules the site can use, instead of ten
  (:mod:`sitebuild.stylesheets`);
- re-runs and re-reads what depends on an input that changed since the last build
  (:mod:`sitebuild.freshness`), and keeps two builds of the same commit identical
  (:mod:`sitebuild.reproducible`);
- tags the edition, ``student_edition`` when ``hide_solutions`` is set and ``full_edition``
  otherwise, so teachers' material (the instructor guide's answer notes) sits in
  ``{only} full_edition`` blocks that the student edition leaves out (:func:`_tag_edition`);
- in the student edition (``hide_solutions``), cuts the solutions and the ``full_edition`` blocks
  from the page sources offered for download too (:mod:`sitebuild.student_sources`);
- names the edition (full or student) on every page, with a link to the same page in the other
  (:mod:`sitebuild.editions`), and writes a printable worksheet per chapter from the chapter's
  exercises (:mod:`sitebuild.worksheets`);
- sets ``SECKILL_LANG`` to the build's ``language`` before any notebook runs, so the package writes
  charts and tables in the edition's language, and translates the texts the build writes itself
  (:mod:`sitebuild.site_locale`), and lets a translated message glue the page's numbers
  (:mod:`sitebuild.glue_i18n`), makes exercise titles and the sidebar's part captions messages of
  their page's catalogue (:mod:`sitebuild.page_messages`), and gives the Chinese search a query splitter
  (:mod:`sitebuild.search_zh`);
- marks the process as a book build, so notebook kernels started by the build (they inherit the
  environment) use the static renderer of :mod:`seckill.charts.render` instead of Altair's CDN one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from sphinx.errors import SphinxError

from seckill.charts.render import BUILD_ENV_VAR
from seckill.charts.tables import DETAILS_CLASS
from seckill.i18n import ENVIRONMENT_VARIABLE
from sitebuild import editions, iconfont, pictures, site_locale, student_sources, vega_support
from sitebuild.chart_names import name_repeated_charts
from sitebuild.site_locale import _

WEB_DIR = Path(__file__).parent / "web"
VEGA_BUNDLE = "vendor/vega-site.min.js"


class DataPackageError(SphinxError):
    category = "The data package has problems; the book was not built"


MAX_LISTED_PROBLEMS = 40


def _refuse_bad_data(app, config) -> None:
    """Stop the build, before any page is read or notebook executed, when the data package is invalid.

    Runs on ``config-inited``, the first event of a build. At that point Sphinx has made the (empty)
    output folder and written nothing else; a failed build writes no page. Pages of an earlier
    build in the same output folder would still look like a complete site, though one built from
    other data, so they are removed (the execution cache and parsed pages elsewhere in ``_build``
    stay: they are caches, not a site).
    """
    from seckill import data, validate_data

    try:
        # The folder the notebooks will read (the same search, from the book's folder).
        found = validate_data.problems(data.find_data_dir(Path(app.srcdir)))
    except FileNotFoundError as error:
        found = [str(error)]
    if not found:
        return
    _remove_previous_site(Path(app.srcdir), Path(app.outdir))
    listed = found[:MAX_LISTED_PROBLEMS]
    if len(found) > len(listed):
        listed.append(f"... and {len(found) - len(listed)} more (python -m seckill.validate_data lists all)")
    raise DataPackageError("\n".join(listed))


STUDENT_TAG = "student_edition"
FULL_TAG = "full_edition"


def _tag_edition(app, config) -> None:
    """Tag the build with its edition, for the ``{only}`` directive.

    The instructor guide's answer notes are written inside ``{only} full_edition`` blocks: a
    page cannot hide them the way sphinx-exercise hides solutions, so the edition is a Sphinx tag.
    A project without sphinx-exercise has no student edition, so it builds the full one
    (:func:`sitebuild.editions.is_student` decides, for every part of the build).
    """
    app.tags.add(STUDENT_TAG if editions.is_student(config) else FULL_TAG)


def _remove_previous_site(srcdir: Path, outdir: Path) -> None:
    """Empty the output folder of an earlier build, never the sources (nor a folder holding them)."""
    outdir, srcdir = outdir.resolve(), srcdir.resolve()
    if not outdir.is_dir() or outdir == srcdir or outdir in srcdir.parents:
        return
    for path in outdir.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _set_reader_language(app, config) -> None:
    """Notebook kernels the build starts inherit the environment: charts and tables the package makes
    at build time come out in the edition's language (:mod:`seckill.i18n`). Set for every edition,
    English too, so no language is inherited from the shell."""
    os.environ[ENVIRONMENT_VARIABLE] = site_locale.build_language(config)


def _add_static_path(app) -> None:
    app.config.html_static_path.append(str(WEB_DIR))


def _publish_data(app, exception) -> None:
    """Copy the data package into the site as ``data/``, so readers can download every table."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / "data"
    target = Path(app.outdir) / "data"
    target.mkdir(exist_ok=True)
    for path in source.iterdir():
        if path.suffix in {".csv", ".json"}:
            shutil.copy2(path, target / path.name)


def _subset_icon_font(app, exception) -> None:
    """Ship 3 kB of icon font instead of 156 kB (see :mod:`sitebuild.iconfont`)."""
    if exception is not None or app.builder.format != "html":
        return
    if not (Path(app.outdir) / iconfont.ICON_CSS).exists():
        return  # another theme: nothing to cut down
    import pydata_sphinx_theme

    theme_static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    iconfont.subset_theme_font(theme_static, Path(app.outdir))


def _strip_student_sources(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not editions.is_student(app.config):
        return
    student_sources.strip_sources(Path(app.outdir))


def _vega_bundle_address() -> str:
    """The bundle's path relative to the page script, with a version query for browser caches."""
    digest = hashlib.sha256((WEB_DIR / VEGA_BUNDLE).read_bytes()).hexdigest()[:12]
    return f"{VEGA_BUNDLE}?v={digest}"


def _script_messages() -> dict[str, str]:
    """The page script's messages (sitebuild/web/seckill.js) that this edition's language translates."""
    english = {
        "This chart could not be drawn: ": _("This chart could not be drawn: "),
        "Table (scroll sideways to see all columns)": _("Table (scroll sideways to see all columns)"),
        "Choose an answer first.": _("Choose an answer first."),
        "Type a number, such as 12.5.": _("Type a number, such as 12.5."),
        "Right.": _("Right."),
        "Not quite.": _("Not quite."),
        # sphinx-togglebutton's script names its buttons so, in English, whatever the language.
        "Toggle hidden content": _("Toggle hidden content"),
    }
    return {text: str(translated) for text, translated in english.items() if str(translated) != text}


def _add_page_script(app) -> None:
    # Added once the language is known, with the translations of its messages (none in English).
    attributes = {"data-vega-bundle": _vega_bundle_address()}
    messages = _script_messages()
    if messages:
        attributes["data-messages"] = json.dumps(messages, ensure_ascii=False, sort_keys=True)
    app.add_js_file("seckill.js", priority=101, loading_method="defer", **attributes)


def _name_repeated_charts(app, pagename, templatename, context, doctree) -> None:
    """Each chart's "Show the numbers" summary must be a distinct name on its page (the renderer
    sees one chart at a time; a notebook may draw two charts with the same title)."""
    if DETAILS_CLASS in context.get("body", ""):
        context["body"] = name_repeated_charts(context["body"])


def _picture_cache(app) -> pictures.PictureCache:
    """The build's picture cache, one per Sphinx application (beside its output folder)."""
    if getattr(app, "seckill_picture_cache", None) is None:
        app.seckill_picture_cache = pictures.PictureCache(Path(app.outdir).parent / pictures.CACHE_FOLDER)
    return app.seckill_picture_cache


def _spec_publisher(app, pagename, context):
    """Writes a chart's spec into the site as its own script; returns the page's address for it.
    Stops the build if the site's Vega bundle cannot draw the chart (:mod:`sitebuild.vega_support`)."""

    def check(live_specs: dict, title) -> None:
        vega_support.check(live_specs, pagename, title)

    def publish(spec_text: str, picture_height_px: float) -> str:
        name, content = pictures.spec_script(spec_text, picture_height_px, check)
        path = Path(app.outdir) / pictures.SPEC_FOLDER / name
        if not path.is_file():  # named by its content: an existing file is this one
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            source = spec_text.replace("<\\/", "</") + "\n"
            (path.parent / pictures.source_name(name)).write_text(source, encoding="utf-8")
        return context["pathto"](f"{pictures.SPEC_FOLDER}/{name}", 1)

    return publish


def _picture_publisher(app, context):
    """Writes a phone picture into the site; returns the page's address for it."""

    def publish(name: str, content: str) -> str:
        path = Path(app.outdir) / pictures.SPEC_FOLDER / name
        if not path.is_file():  # named by its content: an existing file is this one
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return context["pathto"](f"{pictures.SPEC_FOLDER}/{name}", 1)

    return publish


def _add_pictures(app, pagename, templatename, context, doctree) -> None:
    """Put a picture of each chart, drawn at build time, in its container, and move its spec out
    of the page (:mod:`sitebuild.pictures`)."""
    used: set[str] = set()
    if 'class="seckill-chart-spec"' in context.get("body", ""):
        cache = _picture_cache(app)
        # Only a site gets the specs as files; another builder's output keeps them in the page.
        site = app.builder.format == "html"
        publish = _spec_publisher(app, pagename, context) if site else None
        publish_picture = _picture_publisher(app, context) if site else None
        context["body"] = pictures.add_pictures(context["body"], cache.folder, used, publish, publish_picture)
    if app.builder.format == "html":
        _picture_cache(app).record(pagename, used)


def _prune_pictures(app, exception) -> None:
    """Remove the cached pictures that no page of the book shows any more, and the spec scripts
    that no page of the site loads (a page an incremental build left alone still names its own)."""
    if exception is None and app.builder.format == "html":
        _picture_cache(app).prune(set(app.env.found_docs))
        pictures.prune_spec_scripts(Path(app.outdir))


def setup(app):
    os.environ[BUILD_ENV_VAR] = "1"
    app.connect("config-inited", _refuse_bad_data, priority=0)
    app.connect("config-inited", _tag_edition)
    app.connect("config-inited", _set_reader_language)
    app.setup_extension("sitebuild.site_locale")
    app.setup_extension("sitebuild.glue_i18n")
    app.setup_extension("sitebuild.translated_nodes")
    app.setup_extension("sitebuild.page_messages")
    app.setup_extension("sitebuild.search_zh")
    app.setup_extension("sitebuild.theme_fixes")
    app.setup_extension("sitebuild.freshness")
    app.setup_extension("sitebuild.reproducible")
    app.setup_extension("sitebuild.selfcheck")
    app.setup_extension("sitebuild.cjk_lang")
    app.setup_extension("sitebuild.cjk_tables")
    app.setup_extension("sitebuild.glossary_order")
    app.setup_extension("sitebuild.editions")
    app.setup_extension("sitebuild.worksheets")
    app.setup_extension("sitebuild.stylesheets")
    app.connect("builder-inited", _add_static_path)
    app.connect("build-finished", _publish_data)
    app.connect("build-finished", _subset_icon_font)
    app.connect("build-finished", _strip_student_sources)
    app.connect("html-page-context", _name_repeated_charts)
    app.connect("html-page-context", _add_pictures)
    app.connect("builder-inited", _add_page_script)
    app.connect("build-finished", _prune_pictures)
    app.add_css_file("seckill.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
