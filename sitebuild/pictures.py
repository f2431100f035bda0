"""Every chart a picture first: a static SVG of each chart, drawn at build time, in its container.

A chart on the built site is ``<div class="seckill-chart">`` holding its Vega-Lite spec
(:func:`seckill.charts.render.static_html`). Left alone, a reader sees nothing there until the page
script has fetched the Vega bundle and run it; with JavaScript off, in a feed
reader or a search preview there would be no chart at all. So, when a page is written
(:func:`add_pictures`, on ``html-page-context`` in :mod:`sitebuild.sphinxext`), each chart gets

- a picture: the SVG that Vega itself draws from the same spec at its starting settings, with
  ``vl-convert`` (Vega and Vega-Lite in an embedded JavaScript engine: no browser, no network),
  inline in the page, with the chart's description as its accessible name (``role="img"``,
  ``aria-label``). Inline rather than an ``<img>`` of a file: no extra request, the text in it is
  the page's text (selectable, printable as vectors, drawn in the page's fonts like the live
  chart), and its size is known before anything loads, so nothing moves;
- its controls, when the chart has any: the sliders and menus Vega would make from the spec's
  parameter bindings, with the same markup and starting values. The page script
  (``sitebuild/web/seckill.js``) fetches Vega when a reader first touches a chart or a control,
  draws the live chart in the picture's place, at the picture's height, and hands the controls'
  values over.

The spec itself, with its data, is needed only when a chart goes live; inline, it made each page's
HTML up to 60 % larger, and the first paint waits for the HTML. So the build moves it out of the
page (:func:`add_pictures` with ``publish_spec``) into a small script of its own in ``_static/charts/``,
named by its content (:func:`spec_script`), which the page script loads when it draws the live
chart. A script rather than a JSON file: a browser fetches no file from ``file://`` (the book opened
from a USB stick), but it runs a script from there, as it runs the Vega bundle.

Pictures are drawn at the width of the book's text column on a desktop screen (the live chart
fills the same column). Shrunk to a phone's column, that picture's texts were about 6 px high, so
each chart also gets a phone picture, drawn at a 390 px phone's column width, as an image file
that the styles show instead on a narrow screen (:func:`phone_picture_html`).

The live chart needs the spec compiled to Vega (:func:`vega_spec`); the build does that, so the
site ships Vega alone, not Vega-Lite and vega-embed as well.
Drawing is cached by a digest of the spec and the renderer's version (``_build/.seckill-pictures``),
so a rebuild draws only changed charts, and the output is the same bytes every time: element ids
inside a picture are renamed after the chart's digest (two charts on one page never share one).
The cache remembers which page uses which picture (:class:`PictureCache`), and at the end of a
build removes the pictures no page uses any more, so it does not grow with every edit of a chart.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

# Width of the text column at desktop size (46rem max, less the theme's padding), in CSS pixels:
# the width the live chart has there, measured in Chromium at a 1280 px wide window.
PICTURE_WIDTH_PX = 688
# Width of the text column on a phone 390 px wide (the narrowest the book is laid out for,
# tests/site_check.py PHONE_WIDTH_PX), measured in Chromium: the phone picture's width. The desktop
# picture shrunk to it drew its texts about 6 px high; drawn at this width they keep their size.
PHONE_PICTURE_WIDTH_PX = 358
PHONE_PICTURE_CLASS = "seckill-picture-phone"
# The Vega-Lite version the specs are written for ("$schema" .../v6.4.1.json) and the one of
# vl-convert's bundled versions that matches it (the site ships Vega-Lite 6.4.1).
VL_VERSION = "6.4"
PICTURE_CLASS = "seckill-picture"
STILL_VIEW_CLASS = "seckill-chart-view seckill-chart-still"
CACHE_FOLDER = ".seckill-pictures"
# Where the build puts the charts' specs, in the site (:func:`spec_script`).
SPEC_FOLDER = "_static/charts"
# The global object a spec script registers its spec in, by the script's name.
SPEC_REGISTRY = "seckillChartSpecs"
_SPEC_SCRIPT = re.compile(
    r'^window\.(\w+) = window\.\1 \|\| \{\};\nwindow\.\1\["([0-9a-f]+)"\] = (.*);\n$', re.S
)

_CHART = re.compile(
    r'<div class="seckill-chart">(<script type="application/json" class="seckill-chart-spec">(.*?)</script>)',
    re.S,
)
_ID = re.compile(r'\bid="([^"]+)"')


class PictureError(Exception):
    """A chart whose picture cannot be drawn: the build stops rather than publish a blank chart."""


def _spec_from_script(text: str) -> dict:
    return json.loads(text.replace("<\\/", "</"))


def _renderer_version() -> str:
    import vl_convert

    return f"vl-convert {vl_convert.__version__}, Vega {vl_convert.get_vega_version()}"


def picture_spec(spec: dict, width_px: int = PICTURE_WIDTH_PX) -> dict:
    """The spec as the picture draws it: the live chart's width, fitted like the live chart.

    Charts fill their container (``width: "container"``), which a renderer without a page does not
    have; the picture takes the text column's desktop width, and the whole drawing (axes, legend
    and title included) fits it, as the live chart does.
    """
    drawn = dict(spec)
    drawn["width"] = width_px
    drawn["autosize"] = {"type": "fit-x", "contains": "padding"}
    return drawn


def picture_digest(spec: dict, width_px: int = PICTURE_WIDTH_PX) -> str:
    """The cache key of a chart's picture: its drawn spec and the renderer that draws it."""
    key = json.dumps(
        [_renderer_version(), VL_VERSION, picture_spec(spec, width_px)], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def draw_svg(spec: dict, cache_dir: Path | None = None, width_px: int = PICTURE_WIDTH_PX) -> str:
    """The SVG Vega draws for ``spec`` at its starting settings and ``width_px`` (cached in
    ``cache_dir``)."""
    drawn = picture_spec(spec, width_px)
    digest = picture_digest(spec, width_px)
    cached = cache_dir / f"{digest}.svg" if cache_dir else None
    if cached and cached.is_file():
        return cached.read_text(encoding="utf-8")
    import vl_convert

    try:
        # allowed_base_urls=[]: the data is in the spec; a chart never fetches anything.
        svg = vl_convert.vegalite_to_svg(drawn, vl_version=VL_VERSION, allowed_base_urls=[])
    except Exception as error:  # vl-convert raises ValueError or its own errors
        title = spec.get("title")
        raise PictureError(f"chart {title!r} could not be drawn as a picture: {error}") from error
    if not svg.startswith("<svg"):
        raise PictureError(f"chart {spec.get('title')!r}: the renderer returned no SVG")
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(svg, encoding="utf-8")
    return svg


_MARK_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')
# Attributes that hold only coordinates and sizes, and a number in them with two or more decimals.
_GEOMETRY = re.compile(
    r'\s(?:d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points|stroke-width|font-size)="[^"]*"'
)
_LONG_DECIMAL = re.compile(r"\d+\.\d{2,}")
# What Vega's SVG writes on every element that changes nothing in a picture: full opacity (the
# default), pointer-events (a picture takes no pointer; the live chart that replaces it has its
# own), and aria-hidden (inside role="img" every element is already hidden from screen readers,
# and a phone picture is an image file).
_NO_EFFECT = re.compile(r'\s(?:opacity="1"|pointer-events="none"|aria-hidden="true")(?=[\s/>])')
_FONT_FAMILY = re.compile(r'\sfont-family="([^"]*)"')


def _without_repeats(svg: str) -> str:
    """The drawing without attributes that change nothing (:data:`_NO_EFFECT`), and with the font
    that every text names (Vega writes it on each of them) named once, on the root, which its texts
    inherit. The page's HTML, which the first paint waits for, is shorter by a tenth of the
    pictures' bytes gzipped; the drawing is the same."""
    svg = _NO_EFFECT.sub("", svg)
    families = set(_FONT_FAMILY.findall(svg))
    root = re.match(r"<svg\b", svg)
    if len(families) == 1 and root and not _FONT_FAMILY.search(svg[: svg.index(">") + 1]):
        family = families.pop()
        svg = f'<svg font-family="{family}"' + _FONT_FAMILY.sub("", svg)[root.end() :]
    return svg


def _shorter_numbers(svg: str) -> str:
    """The drawing with its coordinates to a tenth of a pixel, as Vega writes many to three decimals.

    A tenth of a pixel does not show (the picture is drawn at 688 px and only ever shrunk), and
    the page's HTML, which the first paint waits for, is shorter by a seventh of the pictures' bytes.
    Only geometry attributes change: text (tick labels, titles) keeps every digit.
    """

    def rounded(attribute: re.Match) -> str:
        return _LONG_DECIMAL.sub(lambda number: f"{float(number.group(0)):.1f}", attribute.group(0))

    return _GEOMETRY.sub(rounded, svg)


def picture_html(svg: str, spec: dict, chart_key: str) -> str:
    """The picture element: the SVG, named by the chart's description, with ids of its own."""
    description = spec.get("description") or ""
    if not description.strip():
        raise PictureError(f"chart {spec.get('title')!r} has no description to name its picture")
    ids = dict.fromkeys(_ID.findall(svg))
    for old in ids:
        new = f"{chart_key}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})").replace(f'href="#{old}"', f'href="#{new}"')
    svg = _without_repeats(svg)
    match = re.match(r"<svg\b([^>]*)>", svg)
    if not match:
        raise PictureError(f"chart {spec.get('title')!r}: the renderer returned no SVG element")
    attributes = re.sub(r'\sclass="[^"]*"', "", match.group(1))
    # The picture is one image, named as a whole: the roles Vega gives its marks (graphics-symbol,
    # unnamed) would each be an image without a name to a screen reader (axe: svg-img-alt).
    inner = _shorter_numbers(_MARK_ARIA.sub("", svg[match.end() :]))
    opening = (
        f'<svg class="{PICTURE_CLASS}" role="img" aria-label="{html.escape(description)}"'
        f' focusable="false"{attributes}>'
    )
    return opening + inner


def phone_picture_html(svg: str, spec: dict, address: str) -> str:
    """The phone picture: an image of the chart drawn at the phone column's width, which the page's
    styles show instead of the inline picture on a narrow screen (sitebuild/web/seckill.css).

    A file, not inline: a desktop reader's browser never fetches it (a lazy image that is not
    shown), and a phone reader's fetches only those near the screen. Its width and height hold
    its box before it arrives, so nothing moves; its description is its text alternative.
    """
    description = html.escape(spec.get("description") or "")
    match = re.match(r'<svg\b[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"', svg)
    if not match:
        raise PictureError(f"chart {spec.get('title')!r}: the phone picture has no size")
    width, height = (round(float(value)) for value in match.groups())
    return (
        f'<img class="{PHONE_PICTURE_CLASS}" src="{html.escape(address)}" alt="{description}"'
        f' width="{width}" height="{height}" loading="lazy" decoding="async">'
    )


def phone_picture_file(svg: str) -> tuple[str, str]:
    """(file name, content) of a phone picture, named by its content, with its coordinates
    shortened as the inline pictures' are."""
    content = _shorter_numbers(_without_repeats(svg))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16] + ".svg", content


def _format_value(value) -> str:
    # What Vega's range binding shows beside the slider: the number as JavaScript writes it.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def controls_html(spec: dict) -> str:
    """Vega's bindings for ``spec``'s parameters, as Vega writes them, at their starting values.

    The same markup (``form.vega-bindings``, ``div.vega-bind``, a label around name and input)
    takes the same room as Vega's, so nothing moves when the live controls replace these. They are
    disabled, as they do nothing without the page script, which enables them when it runs. A
    binding Vega would draw but this does not know raises, rather than leave a control out.
    """
    parts = []
    for param in spec.get("params", []):
        bind = param.get("bind")
        if not isinstance(bind, dict) or "input" not in bind:
            continue  # a selection or a parameter without a control
        name = html.escape(str(param["name"]))
        label = html.escape(str(bind.get("name", param["name"])))
        value = param.get("value")
        if bind["input"] == "range":
            control = (
                f'<input type="range" name="{name}" min="{bind.get("min", 0)}" max="{bind.get("max", 100)}"'
                f' step="{bind.get("step", 1)}" value="{_format_value(value)}" disabled>'
                f"<span>{html.escape(_format_value(value))}</span>"
            )
        elif bind["input"] == "select":
            labels = bind.get("labels") or bind["options"]
            options = "".join(
                f'<option value="{html.escape(_format_value(option))}"'
                f"{' selected' if option == value else ''}>{html.escape(_format_value(text))}</option>"
                for option, text in zip(bind["options"], labels, strict=True)
            )
            control = f'<select name="{name}" disabled>{options}</select>'
        else:
            raise PictureError(
                f"chart {spec.get('title')!r}: no static control for a {bind['input']!r} binding"
            )
        parts.append(
            '<div class="vega-bind"><label>'
            f'<span class="vega-bind-name">{label}</span>{control}</label></div>'
        )
    return f'<form class="vega-bindings">{"".join(parts)}</form>'


def _apply_patch(document: dict, patch: list, title) -> dict:
    """``document`` with a JSON Patch (RFC 6902: test, add, replace, remove) applied, as vega-embed
    applies a spec's ``usermeta.embedOptions.patch`` to the compiled Vega (seckill/chapters/ch05.py
    names the brush's marks this way). A failed "test" stops the build: the patch was written for
    another layout, and would otherwise change the wrong part."""
    for operation in patch:
        op, path = operation.get("op"), operation.get("path", "")
        keys = [key.replace("~1", "/").replace("~0", "~") for key in path.split("/")[1:]]
        if not keys:
            raise PictureError(f"chart {title!r}: a patch of the whole spec is not supported")
        parent = document
        for key in keys[:-1]:
            parent = parent[int(key)] if isinstance(parent, list) else parent[key]
        last = keys[-1]
        index = (len(parent) if last == "-" else int(last)) if isinstance(parent, list) else last
        if op == "test":
            found = parent[index] if isinstance(parent, list) else parent.get(index)
            if found != operation["value"]:
                raise PictureError(f"chart {title!r}: patch test failed at {path}: {found!r}")
        elif op == "add" and isinstance(parent, list):
            parent.insert(index, operation["value"])
        elif op in ("add", "replace"):
            parent[index] = operation["value"]
        elif op == "remove":
            del parent[index]
        else:
            raise PictureError(f"chart {title!r}: patch operation {op!r} is not supported")
    return document


def vega_spec(spec: dict, height_px: float | None = None) -> dict:
    """The Vega spec the live chart draws: ``spec`` compiled from Vega-Lite at build time.

    The reader's browser then needs Vega alone, not Vega-Lite and vega-embed (less to fetch and
    run between a touch and a live chart). Compiled by the same Vega-Lite as the picture
    (vl-convert's :data:`VL_VERSION`), with the patch in ``usermeta.embedOptions`` applied as
    vega-embed would. With ``height_px``, the whole drawing fits that height (the picture's), as
    the live chart that takes the picture's place must. ``usermeta`` (the spec's notes for the
    build, such as the table of model values) is left out: the browser has no use for it.
    """
    import vl_convert

    drawn = dict(spec)
    if height_px is not None:
        drawn["height"] = height_px
        drawn["autosize"] = {"type": "fit", "contains": "padding"}
    try:
        compiled = vl_convert.vegalite_to_vega(drawn, vl_version=VL_VERSION)
    except Exception as error:  # vl-convert raises ValueError or its own errors
        raise PictureError(f"chart {spec.get('title')!r} could not be compiled to Vega: {error}") from error
    usermeta = compiled.pop("usermeta", None) or {}
    patch = (usermeta.get("embedOptions") or {}).get("patch")
    if patch:
        compiled = _apply_patch(compiled, patch, spec.get("title"))
    return compiled


def live_specs(spec: dict, picture_height_px: float) -> dict:
    """What the page script needs to draw a chart live: its Vega spec fitted to the picture's
    height (``fit``), and at its own height (``own``: for a chart whose fixed-size parts leave no
    room to shrink into the picture's height; the page script measures that). ``own`` leaves out
    the data values that ``fit`` has (the same), and the page script copies them over."""
    fit = vega_spec(spec, picture_height_px)
    own = vega_spec(spec)
    shared = {entry["name"]: entry.get("values") for entry in fit.get("data", []) if "values" in entry}
    for entry in own.get("data", []):
        if "values" in entry and shared.get(entry["name"]) == entry["values"]:
            del entry["values"]
    return {"fit": fit, "own": own}


def spec_script(spec_text: str, picture_height_px: float, check=None) -> tuple[str, str]:
    """(file name, content) of the script that carries a chart's live specs (:func:`live_specs`),
    given the Vega-Lite spec as the page had it and its picture's height.

    Named by a digest of what it carries, so a changed chart gets a new name (no stale copy in a
    browser's cache) and two builds write the same file. Running it registers the specs in
    ``window.seckillChartSpecs`` under that digest. ``check``, if given, is called with the live
    specs and the chart's title first, and may stop the build (:func:`sitebuild.vega_support.check`).
    """
    spec = _spec_from_script(spec_text)
    live = live_specs(spec, picture_height_px)
    if check is not None:
        check(live, spec.get("title"))
    payload = json.dumps(live, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
    registry = f"window.{SPEC_REGISTRY}"
    body = f'{registry} = {registry} || {{}};\n{registry}["{key}"] = {payload};\n'
    return f"{key}.js", body


def source_name(script_name: str) -> str:
    """The file beside a spec script that keeps the chart's Vega-Lite spec, its source (not loaded
    by pages: for readers who want a chart's spec, and for the book's tests)."""
    return script_name.removesuffix(".js") + ".vl.json"


def spec_from_script(content: str) -> dict:
    """The live specs (``fit``, ``own``) a spec script (:func:`spec_script`) carries."""
    match = _SPEC_SCRIPT.match(content)
    if not match or match.group(1) != SPEC_REGISTRY:
        raise PictureError("not a chart's spec script")
    return _spec_from_script(match.group(3))


def add_pictures(
    page_html: str,
    cache_dir: Path | None = None,
    used: set[str] | None = None,
    publish_spec=None,
    publish_picture=None,
) -> str:
    """The page with a picture (and its controls) at the top of every chart container; the
    pictures' digests are added to ``used``.

    With ``publish_spec`` (a function of the spec as the page had it and its picture's height,
    returning the address the page finds it at), each spec leaves the page: its script element
    stays, empty, with that address in ``data-src``. With ``publish_picture`` (a function of a
    phone picture's file name and content, returning its address), each chart also gets its phone
    picture (:func:`phone_picture_html`).
    """

    position = 0

    def with_picture(match: re.Match) -> str:
        nonlocal position
        position += 1
        spec = _spec_from_script(match.group(2))
        # Ids unique on the page (by position) and stable from build to build (by content).
        chart_key = f"c{position}-" + hashlib.sha256(match.group(2).encode("utf-8")).hexdigest()[:8]
        svg = draw_svg(spec, cache_dir)
        if used is not None:
            used.add(picture_digest(spec))
        phone = ""
        if publish_picture is not None:
            phone_svg = draw_svg(spec, cache_dir, PHONE_PICTURE_WIDTH_PX)
            if used is not None:
                used.add(picture_digest(spec, PHONE_PICTURE_WIDTH_PX))
            phone = phone_picture_html(phone_svg, spec, publish_picture(*phone_picture_file(phone_svg)))
        still = (
            f'<div class="{STILL_VIEW_CLASS}">{picture_html(svg, spec, chart_key)}{phone}'
            f"{controls_html(spec)}</div>"
        )
        spec_element = match.group(1)
        if publish_spec is not None:
            address = html.escape(publish_spec(match.group(2), picture_height(svg)))
            spec_element = (
                f'<script type="application/json" class="seckill-chart-spec" data-src="{address}"></script>'
            )
        return f'<div class="seckill-chart">{still}{spec_element}'

    return _CHART.sub(with_picture, page_html)


def picture_height(svg: str) -> float:
    """The height of a drawn picture (its root element's ``height``), in CSS pixels."""
    found = re.match(r'<svg\b[^>]*?\sheight="([0-9.]+)"', svg)
    if not found:
        raise PictureError("the renderer's SVG has no height")
    return float(found.group(1))


_SPEC_ADDRESS = re.compile(
    r'class="seckill-chart-spec" data-src="([^"]+)"|class="seckill-picture-phone" src="([^"]+)"'
)


def prune_spec_scripts(site: Path) -> list[Path]:
    """Remove the spec scripts and phone pictures in ``site`` that no page of it loads, and the
    scripts' sources beside them (:func:`source_name`); return them."""
    folder = (site / SPEC_FOLDER).resolve()
    if not folder.is_dir():
        return []
    loaded = set()
    for page in site.rglob("*.html"):
        for addresses in _SPEC_ADDRESS.findall(page.read_text(encoding="utf-8")):
            address = next(a for a in addresses if a)
            loaded.add((page.parent / html.unescape(address)).resolve())
    removed = [
        file for file in sorted(folder.glob("*.js")) + sorted(folder.glob("*.svg")) if file not in loaded
    ]
    kept = {source_name(script.name) for script in loaded}
    removed += [source for source in sorted(folder.glob("*.vl.json")) if source.name not in kept]
    for script in removed:
        script.unlink()
    return removed


class PictureCache:
    """The folder of drawn pictures of one build, with a record of which page uses which.

    A build rewrites only the pages whose sources changed, so the record (``pages.json`` in the
    folder) keeps what earlier builds wrote for the pages this one left alone; a page that is no
    longer in the book drops out of it. Removing a picture nobody uses can never change a page:
    the worst a wrong record could do is make a later build draw a picture again.
    """

    RECORD = "pages.json"

    def __init__(self, folder: Path):
        self.folder = folder
        record = folder / self.RECORD
        try:
            self._pages: dict[str, list[str]] = json.loads(record.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self._pages = {}

    def record(self, pagename: str, digests: set[str]) -> None:
        """``pagename`` now shows exactly these pictures (none: it has no chart any more)."""
        if digests:
            self._pages[pagename] = sorted(digests)
        else:
            self._pages.pop(pagename, None)

    def prune(self, pagenames: set[str]) -> list[Path]:
        """Forget pages not in ``pagenames``, remove every picture no remaining page uses, save
        the record, and return the removed files."""
        self._pages = {page: digests for page, digests in self._pages.items() if page in pagenames}
        in_use = {digest for digests in self._pages.values() for digest in digests}
        removed = []
        if self.folder.is_dir():
            for picture in sorted(self.folder.glob("*.svg")):
                if picture.stem not in in_use:
                    picture.unlink()
                    removed.append(picture)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / self.RECORD).write_text(
            json.dumps(self._pages, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        return removed
