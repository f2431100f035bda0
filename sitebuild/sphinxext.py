"""Sphinx extension: serve the chart libraries and the page script from the book's own files.

Listed under ``sphinx: extra_extensions`` in ``_config.yml``. It

- adds ``sitebuild/web`` to the static files and puts the page script and the book's stylesheet on
  every page; the page script fetches the vendored Vega bundle itself, only when a chart comes
  near the screen (``scripts/vendor_web_assets.py`` says where the bundle comes from);
- applies the theme fixes in :mod:`sitebuild.theme_fixes` (no console errors, no axe violations);
- gives charts with the same title on one page distinct table summaries
  (:func:`sitebuild.chart_names.name_repeated_charts`);
- copies the data package into the built site (``_build/html/data/``) for download;
- cuts the theme's icon font down to the icons the site shows (:mod:`sitebuild.iconfont`);
- in the student edition (``hide_solutions``), cuts the solutions from the page sources offered for
  download too (:mod:`sitebuild.student_sources`);
- marks the process as a book build, so notebook kernels started by the build (they inherit the
  environment) use the static renderer of :mod:`seckill.charts.render` instead of Altair's CDN one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from seckill.charts.render import BUILD_ENV_VAR
from seckill.charts.tables import DETAILS_CLASS
from sitebuild import iconfont, student_sources
from sitebuild.chart_names import name_repeated_charts

WEB_DIR = Path(__file__).parent / "web"
VEGA_BUNDLE = "vendor/vega-bundle.min.js"


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
    if exception is not None or app.builder.format != "html" or not app.config.hide_solutions:
        return
    student_sources.strip_sources(Path(app.outdir))


def _vega_bundle_address() -> str:
    """The bundle's path relative to the page script, with a version query for browser caches."""
    digest = hashlib.sha256((WEB_DIR / VEGA_BUNDLE).read_bytes()).hexdigest()[:12]
    return f"{VEGA_BUNDLE}?v={digest}"


def _name_repeated_charts(app, pagename, templatename, context, doctree) -> None:
    """Each chart's "Show the numbers" summary must be a distinct name on its page (the renderer
    sees one chart at a time; a notebook may draw two charts with the same title)."""
    if DETAILS_CLASS in context.get("body", ""):
        context["body"] = name_repeated_charts(context["body"])


def setup(app):
    os.environ[BUILD_ENV_VAR] = "1"
    app.setup_extension("sitebuild.theme_fixes")
    app.connect("builder-inited", _add_static_path)
    app.connect("build-finished", _publish_data)
    app.connect("build-finished", _subset_icon_font)
    app.connect("build-finished", _strip_student_sources)
    app.connect("html-page-context", _name_repeated_charts)
    app.add_js_file(
        "seckill.js", priority=101, loading_method="defer", **{"data-vega-bundle": _vega_bundle_address()}
    )
    app.add_css_file("seckill.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
