"""Show Altair charts with no CDN: in the static book and in every live kernel.

Altair's own HTML output fetches Vega, Vega-Lite and Vega-Embed from cdn.jsdelivr.net, which is
blocked or slow for many of our readers and absent in offline classrooms. This module has two
renderers, and :func:`enable` (run when the module is first imported, and by ``charts.use()``)
picks the one for where the code runs:

- **In a book build** the renderer writes only a container and the chart's JSON spec;
  ``sitebuild/web/seckill.js``, which the book's Sphinx extension (``sitebuild/sphinxext.py``, build
  only) adds to every page with a vendored copy of the Vega libraries, finds the containers and
  draws them.
- **In a live kernel** (Jupyter Notebook, JupyterLab, Binder, Colab, VS Code) there is no such page
  script, so the output brings its own: a short script that draws the chart with ``window.vegaEmbed``
  and, in the first chart after :func:`enable`, the same Vega bundle, gzipped, from this package
  (``seckill/charts/vega/``, 279 kB; 372 kB as base64 in the notebook). The browser unpacks it
  with its built-in ``DecompressionStream`` and runs it once; later charts in the same page use it,
  and a chart drawn before it arrives waits for it. Colab is the exception: it shows every output
  in a frame of its own, where no other output's script can reach, so there each chart carries the
  bundle. Once per notebook keeps an executed notebook light (eight charts would otherwise carry
  3 MB of the same library), at a price: an output saved without the first chart's output cannot
  draw until the notebook is run again from the top, and the chart then says so.

Either way nothing is fetched from another host, the page works whether or not require.js is
present, and under each chart a collapsed table of its numbers (:mod:`seckill.charts.tables`)
serves readers without JavaScript, screen readers and search engines (and readers of a notebook
whose front end does not run its outputs' scripts).
"""

from __future__ import annotations

import base64
import functools
import html
import json
import os
import sys
import uuid
from pathlib import Path

import altair as alt

from seckill import i18n
from seckill.charts import tables

RENDERER_NAME = "seckill-static"
KERNEL_RENDERER_NAME = "seckill-kernel"
# The book's Vega, Vega-Lite and Vega-Embed bundle, the one the site serves, gzipped
# (scripts/vendor_web_assets.py writes it; tests/test_web_assets.py checks it matches the site's).
VEGA_BUNDLE_GZ = Path(__file__).parent / "vega" / "vega-bundle.min.js.gz"
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
    return (
        '<div class="seckill-chart">'
        f'<script type="application/json" class="seckill-chart-spec">{_json_for_script_tag(spec)}</script>'
        f"{_noscript(spec)}"
        f"{tables.details_html(spec)}"
        "</div>"
    )


def _noscript(spec: dict) -> str:
    """What a browser without JavaScript shows in place of the chart: its description."""
    text = i18n.tr("{description} (Interactive chart: needs JavaScript.)").format(
        description=spec.get("description") or ""
    )
    return f"<noscript><p>{html.escape(text)}</p></noscript>"


def static_renderer(spec: dict, **_metadata) -> dict[str, str]:
    """An Altair renderer returning the static-book HTML (and a plain-text fallback)."""
    return {"text/html": static_html(spec), "text/plain": spec.get("description", "<Chart>")}


alt.renderers.register(RENDERER_NAME, static_renderer)


@functools.cache
def _vega_bundle_base64() -> str:
    return base64.b64encode(VEGA_BUNDLE_GZ.read_bytes()).decode("ascii")


# The script in every live-kernel chart output. It finds its chart by id within its own output
# (JupyterLab can show one output twice), draws it when window.vegaEmbed exists and otherwise
# queues it; an output carrying the bundle unpacks and runs it, then draws the queue. A chart still
# waiting after a few seconds says why. "__ID__" is replaced by the chart's id.
_KERNEL_SCRIPT = """(function () {
  "use strict";
  var w = window, id = "seckill-chart-__ID__", me = document.currentScript;
  var root = (me && me.parentNode && me.parentNode.querySelector("#" + id)) || document.getElementById(id);
  if (!root) return;
  var view = root.querySelector(".seckill-chart-view"), status = root.querySelector(".seckill-chart-status");
  function say(text) { status.textContent = text; }
  function draw() {
    var spec = JSON.parse(root.querySelector(".seckill-chart-spec").textContent);
    w.vegaEmbed(view, spec, { actions: false, renderer: "svg" }).then(function () {
      root.setAttribute("data-seckill-state", "drawn"); say("");
    }).catch(function (error) {
      root.setAttribute("data-seckill-state", "failed"); say(__NOT_DRAWN__ + error);
    });
  }
  function drawWaiting() {
    var waiting = w.__seckillVegaWaiting || [];
    w.__seckillVegaWaiting = [];
    waiting.forEach(function (f) { f(); });
  }
  if (typeof w.vegaEmbed === "function") { draw(); return; }
  (w.__seckillVegaWaiting = w.__seckillVegaWaiting || []).push(draw);
  w.setTimeout(function () {
    if (!root.getAttribute("data-seckill-state")) say(__WAITING__);
  }, 4000);
  var packed = root.parentNode && root.parentNode.querySelector(".seckill-vega-bundle");
  if (!packed || w.__seckillVegaLoading) return;
  if (!("DecompressionStream" in w)) { say(__OLD_BROWSER__); return; }
  w.__seckillVegaLoading = true;
  var bytes = Uint8Array.from(w.atob(packed.textContent), function (c) { return c.charCodeAt(0); });
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    .then(function (code) {
      var script = document.createElement("script");
      script.text = code;
      document.head.appendChild(script);
      w.__seckillVegaLoading = false;
      drawWaiting();
    })
    .catch(function (error) {
      w.__seckillVegaLoading = false; say(__NOT_UNPACKED__ + error);
    });
})();"""
# The script's messages to the reader, in English; each is translated when a chart is shown.
WAITING_NOTE = i18n.mark(
    "This chart waits for the Vega library, which the first chart after charts.use() brings. "
    "If it does not appear, run the notebook again from the top."
)
OLD_BROWSER_NOTE = i18n.mark(
    "This browser cannot unpack the Vega library; open the notebook in a current browser."
)
NOT_DRAWN_NOTE = i18n.mark("This chart could not be drawn: ")
NOT_UNPACKED_NOTE = i18n.mark("The Vega library could not be unpacked: ")


def kernel_html(spec: dict, *, with_bundle: bool) -> str:
    """The HTML for one chart in a live kernel: the static book's container plus a script to draw it.

    ``with_bundle`` adds the Vega bundle (gzipped, base64) for the script to unpack and run.
    """
    chart_id = uuid.uuid4().hex
    script = (
        _KERNEL_SCRIPT.replace("__ID__", chart_id)
        .replace("__WAITING__", json.dumps(i18n.tr(WAITING_NOTE), ensure_ascii=False))
        .replace("__OLD_BROWSER__", json.dumps(i18n.tr(OLD_BROWSER_NOTE), ensure_ascii=False))
        .replace("__NOT_DRAWN__", json.dumps(i18n.tr(NOT_DRAWN_NOTE), ensure_ascii=False))
        .replace("__NOT_UNPACKED__", json.dumps(i18n.tr(NOT_UNPACKED_NOTE), ensure_ascii=False))
    )
    bundle = (
        f'<script type="text/plain" class="seckill-vega-bundle">{_vega_bundle_base64()}</script>'
        if with_bundle
        else ""
    )
    return (
        f'<div class="seckill-kernel-chart" id="seckill-chart-{chart_id}" style="width: 100%">'
        '<div class="seckill-chart-view" style="width: 100%"></div>'
        '<p class="seckill-chart-status" role="status"></p>'
        f'<script type="application/json" class="seckill-chart-spec">{_json_for_script_tag(spec)}</script>'
        f"{_noscript(spec)}"
        f"{tables.details_html(spec)}"
        "</div>"
        f"{bundle}<script>{script}</script>"
    )


def each_output_in_its_own_frame() -> bool:
    """True in Colab, which shows every output in its own frame, out of reach of the others' scripts."""
    return "google.colab" in sys.modules


class _KernelRenderer:
    """Altair renderer for a live kernel; the first chart after :meth:`rearm` carries the bundle."""

    def __init__(self) -> None:
        self.bundle_sent = False

    def rearm(self) -> None:
        self.bundle_sent = False

    def __call__(self, spec: dict, **_metadata) -> dict[str, str]:
        with_bundle = each_output_in_its_own_frame() or not self.bundle_sent
        self.bundle_sent = True
        return {
            "text/html": kernel_html(spec, with_bundle=with_bundle),
            "text/plain": spec.get("description", "<Chart>"),
        }


kernel_renderer = _KernelRenderer()
alt.renderers.register(KERNEL_RENDERER_NAME, kernel_renderer)


def in_book_build() -> bool:
    """True when the code runs inside a book build (the Sphinx extension sets the variable)."""
    return os.environ.get(BUILD_ENV_VAR) == "1"


def enable() -> str:
    """Pick the renderer for where the code runs and return its name.

    In a live kernel the next chart shown carries the Vega bundle again, so a notebook that calls
    ``charts.use()`` near its top keeps the bundle in its own first chart.
    """
    name = RENDERER_NAME if in_book_build() else KERNEL_RENDERER_NAME
    kernel_renderer.rearm()
    alt.renderers.enable(name)
    return name


# Importing the package is enough: no chart it draws goes to Altair's default, CDN-loading renderer.
enable()
