"""Open pages of the built book in headless Chromium as a reader offline or behind a firewall would.

Shared by the browser tests (``tests/``) and the benchmark (``scripts/benchmark.py``):

- :func:`serve` serves a built site on 127.0.0.1, optionally gzip-compressed as a real web host
  would send it (so transferred bytes are what a reader downloads);
- :func:`open_page` opens one page with every other host blocked and records what went wrong;
  :func:`open_from_folder` opens one from ``file://`` with nothing outside its folder;
  :func:`only_requests_to` blocks, for a page or a whole browser context, every address but the site's;
- :func:`draw_every_chart` scrolls to each chart in turn, makes it live and waits for it;
  :func:`show_every_chart` only scrolls to each (its build-time picture shows);
- :func:`axe_violations` runs axe-core on the page;
- :func:`chart_specs` reads the specs of a built page's charts (in the page, or in the script
  each names).

Chromium is Debian's (``/usr/bin/chromium``, or ``SECKILL_CHROMIUM``); no browser is downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import html
import http.server
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = os.environ.get("SECKILL_CHROMIUM", "/usr/bin/chromium")
# The machine's network is closed; these flags also stop Chromium's own background calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The narrowest phone the book is laid out for: no page may scroll sideways at this width.
PHONE_WIDTH_PX = 390
AXE_JS = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".csv", ".txt", ".ttf", ".map"}


NOT_THEME_PAGES = ("_static/", "_sources/", "_images/", "student/", "worksheets/")


def pages(site: Path) -> list[str]:
    """Every page a reader can open, relative to the site root.

    Left out: _static and _sources (theme fragments and copies of sources), the one-line
    redirect Jupyter Book writes as the site's index.html (its target is in the list), the student
    edition published inside the site (the same pages without solutions, checked in
    tests/test_editions.py) and the printable worksheets (plain pages without the theme or any
    script, checked in tests/test_worksheets.py).
    """
    found = sorted(site.rglob("*.html"))
    return [
        path.relative_to(site).as_posix()
        for path in found
        if not path.relative_to(site).as_posix().startswith(NOT_THEME_PAGES)
        and not path.read_text(encoding="utf-8").startswith('<meta http-equiv="Refresh"')
    ]


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, *args):  # keep test and benchmark output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        # As the plain responses (SimpleHTTPRequestHandler) and any static host: without it a
        # browser can reuse nothing it fetched ahead (a prefetch), and fetches it again.
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return _BytesBody(body)


class _BytesBody:
    """The minimal file object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, body: bytes):
        self._body = body

    def read(self, *_args) -> bytes:
        body, self._body = self._body, b""
        return body

    def close(self) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while a file was still being sent (a test moving on, a reader leaving)
        # is normal for a web server; anything else is still reported.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``site`` on a free local port; yield its base URL (no trailing slash)."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


# Reports every Content-Security-Policy violation in the page to the test (run before any page script).
_REPORT_CSP_VIOLATIONS = """document.addEventListener('securitypolicyviolation', event => {
    window.__seckillCspViolation(`${event.effectiveDirective} refused ${event.blockedURI || '?'}`
        + ` (${event.sourceFile || 'page'}:${event.lineNumber})`);
});"""


def open_page(browser, site_url: str, page_path: str, width: int = 1280):
    """Open a page with other hosts blocked; return (context, page, problems).

    ``problems`` fills in as the page runs: console errors and warnings, uncaught exceptions,
    Content-Security-Policy violations, requests to other hosts, responses with HTTP errors, every
    request made, and every response with its size.
    """
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {
        "console": [],
        "warnings": [],
        "exceptions": [],
        "csp": [],
        "external": [],
        "missing": [],
        "requests": [],
        "responses": [],
    }
    page.expose_function("__seckillCspViolation", lambda text: problems["csp"].append(text))
    page.add_init_script(_REPORT_CSP_VIOLATIONS)
    local_host = urlparse(site_url).netloc

    def route(route):
        host = urlparse(route.request.url).netloc
        if route.request.url.startswith(("data:", "blob:")) or host == local_host:
            route.continue_()
        else:
            problems["external"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("request", lambda r: problems["requests"].append(r.url))
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("console", lambda m: problems["warnings"].append(m.text) if m.type == "warning" else None)
    page.on("pageerror", lambda e: problems["exceptions"].append(str(e)))
    page.on("response", lambda r: problems["missing"].append(r.url) if r.status >= 400 else None)
    page.on("requestfinished", lambda r: problems["responses"].append(r))
    page.goto(f"{site_url}/{page_path}", wait_until="load")
    wait_for_page_scripts(page)
    return context, page, problems


# A theme page's scripts run after its first paint (sitebuild/after-paint.js, which marks <html>
# when the last of them has run); a page without them (a printable worksheet) is ready at once.
PAGE_SCRIPTS_RUN = """() => !document.getElementById('seckill-after-paint')
    || document.documentElement.dataset.seckillScripts === 'run'"""


def wait_for_page_scripts(page, timeout_ms: int = 15_000) -> None:
    """Wait until the page's scripts have run (the charts wired, the theme's menus working)."""
    page.wait_for_function(PAGE_SCRIPTS_RUN, timeout=timeout_ms)


def only_requests_to(target, allowed: str | tuple[str, ...]) -> list[str]:
    """Let ``target`` (a page, or a browser context and all its pages) fetch only the addresses
    that start with ``allowed`` (one prefix or several) and abort every other request; return the
    list that fills in with the addresses refused."""
    refused: list[str] = []

    def route(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    target.route("**/*", route)
    return refused


def open_from_folder(browser, folder: Path, page_path: str, width: int = PHONE_WIDTH_PX):
    """Open a page of a site from ``file://`` (the classroom copy opened from a USB stick), refusing
    every request outside ``folder``; return (context, page, outside), ``outside`` filling in with
    the addresses refused."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    outside = only_requests_to(context, folder.as_uri())
    page = context.new_page()
    page.goto((folder / page_path).as_uri(), wait_until="load")
    wait_for_page_scripts(page)
    return context, page, outside


def draw_every_chart(page, timeout_ms: int = 15_000) -> tuple[int, int]:
    """Scroll to each chart as a reader would, make it live and wait until it is drawn or failed.

    A chart shows its build-time picture until a reader reaches for it (points at it, touches it,
    tabs into its controls), so each one is scrolled into view and reached for in turn. Returns
    (containers, drawn with Vega marks).
    """
    wait_for_page_scripts(page)
    charts = page.locator("div.seckill-chart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        chart.evaluate(
            """(el, timeout) => new Promise((resolve, reject) => {
                const started = Date.now();
                window.seckillCharts.draw(el);
                (function check() {
                    if (['drawn', 'failed'].includes(el.dataset.seckillState)) resolve();
                    else if (Date.now() - started > timeout) reject(new Error('chart not drawn in time'));
                    else setTimeout(check, 50);
                })();
            })""",
            timeout_ms,
        )
    return page.evaluate(
        """() => {
            const charts = [...document.querySelectorAll('div.seckill-chart')];
            const drawn = charts.filter(c => c.dataset.seckillState === 'drawn'
                                          && c.querySelector('svg.marks, canvas.marks'));
            return [charts.length, drawn.length];
        }"""
    )


def show_every_chart(page) -> tuple[int, int]:
    """Scroll to each chart in turn, as a reader who only looks, and let the page settle.

    Returns (containers, showing a picture or a live drawing): what a first visit costs with
    every chart seen, measured without reaching for any.
    """
    charts = page.locator("div.seckill-chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        """() => {
            const charts = [...document.querySelectorAll('div.seckill-chart')];
            return [charts.length,
                    charts.filter(c => c.querySelector('svg.seckill-picture, svg.marks, canvas.marks'))
                        .length];
        }"""
    )


def add_script(page, name: str, body: str) -> None:
    """Run ``body`` in the page as a script file of the page's own origin, under its policy.

    Playwright's ``add_script_tag`` inserts an inline script, which the pages' Content-Security-
    Policy refuses; a file served from the page's origin is allowed, as the site's own scripts are.
    """
    origin = page.evaluate("() => location.origin")
    page.route(f"{origin}/{name}", lambda route: route.fulfill(body=body, content_type="text/javascript"))
    page.evaluate(
        """src => new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = src;
            script.onload = resolve;
            script.onerror = () => reject(new Error('could not load ' + src));
            document.head.appendChild(script);
        })""",
        f"{origin}/{name}",
    )


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (each with id, impact and nodes)."""
    add_script(page, "axe-for-the-test.js", AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document, {preload: false})).violations")


# A chart's spec element: the spec inside it, or (on the built site) the address of its script.
CHART_SPEC = re.compile(
    r'<script type="application/json" class="seckill-chart-spec"(?: data-src="([^"]*)")?>(.*?)</script>',
    re.S,
)


def chart_specs(page_file: Path) -> list[dict]:
    """The Vega-Lite spec of every chart on a built page, in page order, wherever the build put it
    (in the page, or beside the script of the chart's compiled Vega: sitebuild.pictures.source_name)."""
    from sitebuild.pictures import source_name

    specs = []
    for address, inline in CHART_SPEC.findall(page_file.read_text(encoding="utf-8")):
        if address:
            script = page_file.parent / html.unescape(address)
            specs.append(json.loads(script.with_name(source_name(script.name)).read_text(encoding="utf-8")))
        else:
            specs.append(json.loads(inline.replace("<\\/", "</")))
    return specs
