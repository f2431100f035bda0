"""Sphinx extension: serve the chart libraries and the page script from the book's own files.

Listed under ``sphinx: extra_extensions`` in ``_config.yml``. It

- adds ``seckill/web`` to the static files, and puts the vendored Vega bundle, the chart loader and
  the book's stylesheet on every page (see ``scripts/vendor_web_assets.py`` for where the bundle
  comes from);
- applies the theme fixes in :mod:`seckill.sphinxfixes` (no console errors, no axe violations);
- copies the data package into the built site (``_build/html/data/``) for download;
- marks the process as a book build, so notebook kernels started by the build (they inherit the
  environment) use the static renderer of :mod:`seckill.render` instead of Altair's CDN one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def setup(app):
    os.environ[BUILD_ENV_VAR] = "1"
    app.setup_extension("seckill.sphinxfixes")
    app.connect("builder-inited", _add_static_path)
    app.connect("build-finished", _publish_data)
    # Deferred: the page text renders before the 280 kB (gzipped) of Vega arrives, and deferred
    # scripts still run in order, before DOMContentLoaded, so seckill.js finds the Vega globals.
    app.add_js_file(VEGA_BUNDLE, priority=100, loading_method="defer")
    app.add_js_file("seckill.js", priority=101, loading_method="defer")
    app.add_css_file("seckill.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
