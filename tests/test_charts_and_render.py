"""Chart style and the static renderer: every chart is complete, and the book's HTML needs no CDN."""

import base64
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from seckill import charts
from seckill.charts import render

WEB_VENDOR = Path(__file__).resolve().parent.parent / "sitebuild" / "web" / "vendor"


def _simple_chart():
    return alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x:Q", y="y:Q")


def test_finish_adds_title_source_and_description():
    spec = charts.finish(_simple_chart(), title="A title", source="NBS", description="A line").to_dict()
    assert spec["title"]["text"] == ["A title"]
    assert spec["title"]["subtitle"] == ["Source: NBS"]
    assert spec["description"] == "A line"
    assert spec["width"] == "container"


def test_finish_wraps_long_titles_so_phones_keep_the_plot_wide():
    title = "A very long chart title that would not fit on the narrow screen of a phone"
    spec = charts.finish(_simple_chart(), title=title, source="x", description="y").to_dict()
    assert len(spec["title"]["text"]) > 1
    assert all(len(line) <= charts.TITLE_LINE_CHARS for line in spec["title"]["text"])
    assert " ".join(spec["title"]["text"]) == title


@pytest.mark.parametrize("missing", ["title", "source", "description"])
def test_finish_refuses_a_chart_without_its_parts(missing):
    parts = {"title": "t", "source": "s", "description": "d"} | {missing: ""}
    with pytest.raises(ValueError, match="title, a source and a description"):
        charts.finish(_simple_chart(), **parts)


def test_palette_is_okabe_ito():
    assert charts.CATEGORY_COLOURS[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]


def test_static_html_holds_the_spec_and_no_script_code_or_cdn():
    spec = {"description": "Sales </script><b>", "mark": "line"}
    out = render.static_html(spec)
    assert out.startswith('<div class="seckill-chart">')
    assert "cdn" not in out and "http" not in out
    # The spec must not be able to close its <script> element early.
    payload = out.split('class="seckill-chart-spec">', 1)[1].split("</script>", 1)[0]
    assert json.loads(payload) == spec
    assert "&lt;/script&gt;&lt;b&gt;" in out  # description escaped in the <noscript> text


def _html(chart) -> str:
    bundle = chart._repr_mimebundle_()
    return bundle[0]["text/html"] if isinstance(bundle, tuple) else bundle["text/html"]


def test_renderer_choice_follows_the_build_flag(monkeypatch):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    assert render.enable() == render.RENDERER_NAME
    html = _html(_simple_chart().properties(description="d"))
    assert "seckill-chart-spec" in html and "jsdelivr" not in html
    assert "<script>" not in html  # the site's page script draws it
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    assert render.enable() == render.KERNEL_RENDERER_NAME


@pytest.mark.parametrize(("build_flag", "renderer"), [("1", "seckill-static"), (None, "seckill-kernel")])
def test_importing_the_package_enables_a_renderer_that_needs_no_cdn(build_flag, renderer):
    # A fresh interpreter, as a notebook kernel starts: importing the charts is enough.
    env = {k: v for k, v in os.environ.items() if k != render.BUILD_ENV_VAR}
    if build_flag:
        env[render.BUILD_ENV_VAR] = build_flag
    code = "import altair, seckill.chapters.ch01; print(altair.renderers.active)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == renderer


def _bundle_part(html: str) -> str | None:
    found = re.search(r'<script type="text/plain" class="seckill-vega-bundle">([^<]*)</script>', html)
    return found.group(1) if found else None


def test_kernel_chart_carries_the_book_vega_bundle_once_after_enable(monkeypatch):
    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    render.enable()
    first, second, third = (_html(_simple_chart().properties(description="d")) for _ in range(3))
    packed = _bundle_part(first)
    assert packed is not None and _bundle_part(second) is None and _bundle_part(third) is None
    manifest = json.loads((WEB_VENDOR / "VENDOR.json").read_text())
    assert (
        hashlib.sha256(gzip.decompress(base64.b64decode(packed))).hexdigest()
        == manifest["package"]["sha256_of_bundle"]
    )
    render.enable()  # charts.use() near a notebook's top: its first chart carries the bundle again
    assert _bundle_part(_html(_simple_chart().properties(description="d"))) == packed


def test_in_colab_every_chart_carries_the_bundle(monkeypatch):
    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    render.enable()
    outputs = [_html(_simple_chart().properties(description="d")) for _ in range(3)]
    assert all(_bundle_part(html) for html in outputs)


def test_kernel_html_holds_the_spec_its_numbers_and_nothing_from_another_host():
    spec = charts.finish(_simple_chart(), title="Sales </script>", source="s", description="d").to_dict()
    out = render.kernel_html(spec, with_bundle=False)
    payload = out.split('class="seckill-chart-spec">', 1)[1].split("</script>", 1)[0]
    assert json.loads(payload) == spec
    assert "seckill-chart-table" in out  # the collapsed "Show the numbers" table, as on the site
    scripts = re.findall(r"<script>(.*?)</script>", out, flags=re.S)
    assert len(scripts) == 1 and "http" not in scripts[0] and "import" not in scripts[0]
    # Two charts never share an id, so each script draws its own chart.
    assert (
        out.split('id="', 1)[1][:40] != render.kernel_html(spec, with_bundle=False).split('id="', 1)[1][:40]
    )


def _marks(layers):
    return [layer.to_dict()["mark"] for layer in layers]


def test_readout_draws_one_text_mark_a_line_stacked_from_the_first():
    layers = charts.readout(["'a'", "'b' + x", "'c'"], x_px=8, y_px=12, line_height_px=17, font_size_px=13)
    marks = _marks(layers)
    assert [m["type"] for m in marks] == ["text"] * 3
    assert [m["y"] for m in marks] == [12, 29, 46]
    assert {m["x"] for m in marks} == {8} and {m["fontSize"] for m in marks} == {13}
    assert [m["fontWeight"] for m in marks] == ["bold", "normal", "normal"]
    assert "baseline" not in marks[0]  # Vega-Lite's default (middle) unless asked
    specs = [layer.to_dict() for layer in layers]
    assert [s["transform"][-1]["calculate"] for s in specs] == ["'a'", "'b' + x", "'c'"]
    assert all(s["encoding"]["text"] == {"field": "label", "type": "nominal"} for s in specs)


def test_readout_positions_can_follow_the_plot_size_and_read_a_frame():
    frame = alt.Chart(pd.DataFrame({"t": [0, 1]})).transform_filter("datum.t == 0")
    layers = charts.readout(
        ["'x'", "'y'"],
        frame=frame,
        x_px="width - 6",
        y_px="height + 44",
        align="right",
        bold="all",
        baseline="top",
    )
    marks = _marks(layers)
    assert [m["y"] for m in marks] == [{"expr": "height + 44"}, {"expr": "height + 44 + 18"}]
    assert {m["x"]["expr"] for m in marks} == {"width - 6"}
    assert {m["fontWeight"] for m in marks} == {"bold"} and {m["baseline"] for m in marks} == {"top"}
    # The frame's own transforms run first, then the line's text.
    transform = layers[0].to_dict()["transform"]
    assert transform[0] == {"filter": "datum.t == 0"} and transform[1]["as"] == "label"


@pytest.mark.parametrize(
    ("lines", "options", "message"),
    [
        ([], {}, "at least one line"),
        ("'a'", {}, "not a single string"),
        (["'a'", "  "], {}, r"line\(s\) \[1\] are empty"),
        (["'a'"], {"bold": "none"}, "bold must be 'first' or 'all'"),
        (["'a'"], {"line_height_px": 0}, "must be positive"),
        (["'a'"], {"font_size_px": -1}, "must be positive"),
    ],
)
def test_readout_refuses_bad_input_with_a_clear_message(lines, options, message):
    with pytest.raises(ValueError, match=message):
        charts.readout(lines, **options)
