"""Show Altair charts in the static book with no CDN: a renderer plus the page script it relies on.

Altair's own HTML output fetches Vega, Vega-Lite and Vega-Embed from cdn.jsdelivr.net, which is
blocked or slow for many of our readers and absent in offline classrooms. During a book build this
module's renderer writes only a container and the chart's JSON spec; ``sitebuild/web/seckill.js``,
which the book's Sphinx extension (``sitebuild/sphinxext.py``, build only) adds to every page with
a vendored copy of the Vega libraries, finds the containers and draws them. Nothing is fetched
from another host, and the page works whether or not require.js is present. Under each chart, a
collapsed table of its numbers (:mod:`seckill.charts.tables`) serves readers without JavaScript,
screen readers and search engines.

In a live kernel (Jupyter, Binder, Colab) there is no such page script, so Altair's default renderer
is kept.
"""

from __future__ import annotations

import html
import json
import os

import altair as alt

from seckill.charts import tables

RENDERER_NAME = "seckill-static"
# The one thing the book build tells this package: the extension sets it, and the notebook kernels
# the build starts inherit it. The package never imports the build's code.
BUILD_ENV_VAR = "SECKILL_BOOK_BUILD"


def _json_for_script_tag(spec: dict) -> str:
    # "</" would end the <script> element early; "<\/" is the same string to a JSON parser.
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def static_html(spec: dict) -> str:
    """The HTML the static book uses for one chart: a container, its spec and a table of its numbers.

    No script code: the site's page script (``sitebuild/web/seckill.js``) draws the chart above the
    spec.
    """
    description = spec.get("description") or ""
    return (
        '<div class="seckill-chart">'
        f'<script type="application/json" class="seckill-chart-spec">{_json_for_script_tag(spec)}</script>'
        f"<noscript><p>{html.escape(description)} (Interactive chart: needs JavaScript.)</p></noscript>"
        f"{tables.details_html(spec)}"
        "</div>"
    )


def static_renderer(spec: dict, **_metadata) -> dict[str, str]:
    """An Altair renderer returning the static-book HTML (and a plain-text fallback)."""
    return {"text/html": static_html(spec), "text/plain": spec.get("description", "<Chart>")}


alt.renderers.register(RENDERER_NAME, static_renderer)


def in_book_build() -> bool:
    """True when the code runs inside a book build (the Sphinx extension sets the variable)."""
    return os.environ.get(BUILD_ENV_VAR) == "1"


def enable() -> str:
    """Pick the renderer for where the code runs and return its name."""
    name = RENDERER_NAME if in_book_build() else "default"
    alt.renderers.enable(name)
    return name
