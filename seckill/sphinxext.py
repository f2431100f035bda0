"""Sphinx extension: serve the chart libraries and the page script from the book's own files.

Listed under ``sphinx: extra_extensions`` in ``_config.yml``. It

- adds ``seckill/web`` to the static files, puts the page script and the book's stylesheet on every
  page, and the vendored Vega bundle on every page that has a chart (``scripts/vendor_web_assets.py``
  says where the bundle comes from);
- applies the theme fixes in :mod:`seckill.sphinxfixes` (no console errors, no axe violations);
- gives charts with the same title on one page distinct table summaries
  (:func:`seckill.chart_table.name_repeated_charts`);
- copies the data package into the built site (``_build/html/data/``) for download;
- marks the process as a book build, so notebook kernels started by the build (they inherit the
  environment) use the static renderer of :mod:`seckill.render` instead of Altair's CDN one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from seckill.chart_table import name_repeated_charts
from seckill.render import BUILD_ENV_VAR

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


def _add_vega_where_charts_are(app, pagename, templatename, context, doctree) -> None:
    """Load the Vega bundle (280 kB gzipped) only on pages that hold a chart.

    ``add_js_file`` called during ``html-page-context`` adds the file to the current page only.
    """
    if 'class="seckill-chart"' in context.get("body", ""):
        # Deferred: the page text renders before Vega arrives, and deferred scripts still run in
        # order before DOMContentLoaded, so seckill.js (also deferred, later) finds the globals.
        app.add_js_file(VEGA_BUNDLE, priority=100, loading_method="defer")


def _name_repeated_charts(app, pagename, templatename, context, doctree) -> None:
    """Each chart's "Show the numbers" summary must be a distinct name on its page (the renderer
    sees one chart at a time; a notebook may draw two charts with the same title)."""
    if "seckill-chart-table" in context.get("body", ""):
        context["body"] = name_repeated_charts(context["body"])


def setup(app):
    os.environ[BUILD_ENV_VAR] = "1"
    app.setup_extension("seckill.sphinxfixes")
    app.connect("builder-inited", _add_static_path)
    app.connect("build-finished", _publish_data)
    app.connect("html-page-context", _add_vega_where_charts_are)
    app.connect("html-page-context", _name_repeated_charts)
    app.add_js_file("seckill.js", priority=101, loading_method="defer")
    app.add_css_file("seckill.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
