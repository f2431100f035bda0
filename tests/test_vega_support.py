"""The build refuses a chart the site's Vega bundle cannot draw (sitebuild/vega_support.py).

The bundle carries only the parts of Vega the book's charts use (scripts/vega_site/index.js); what
it registers is recorded in VENDOR.json when it is made. These tests compile small Vega-Lite specs
with vl-convert (as the build does) and check them against that record; the browser test at the
end checks the record against the bundle itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import altair as alt
import pandas as pd
import pytest

from sitebuild import pictures, sphinxext, vega_support

BUNDLE = Path(__file__).resolve().parent.parent / "sitebuild" / "web" / "vendor" / "vega-site.min.js"


def _line_chart() -> dict:
    data = pd.DataFrame({"year": [2019, 2020, 2021], "gmv_rmb_bn": [268.4, 498.2, 540.3]})
    slider = alt.param(name="growth_pct", value=10, bind=alt.binding_range(min=0, max=50, name="Growth: "))
    return (
        alt.Chart(data, title="Sales by year", description="Line chart of sales by year, 2019 to 2021.")
        .mark_line(point=True, tooltip=True)
        .encode(x=alt.X("year:O", title="Year"), y=alt.Y("gmv_rmb_bn:Q", title="Sales, billion yuan"))
        .transform_calculate(grown="datum.gmv_rmb_bn * (1 + growth_pct / 100)")
        .add_params(slider)
        .properties(width="container")
        .to_dict()
    )


def _map_chart() -> dict:
    # A map: Vega-Lite's geoshape mark, which Vega draws with vega-geo's transforms and d3-geo.
    shapes = {"type": "FeatureCollection", "features": []}
    return (
        alt.Chart(alt.Data(values=shapes, format=alt.DataFormat(property="features")), title="A map")
        .mark_geoshape()
        .project("mercator")
        .properties(width="container", description="A map of nothing.")
        .to_dict()
    )


def _vega(**parts) -> dict:
    """A minimal Vega spec with the given parts."""
    return {"$schema": "https://vega.github.io/schema/vega/v6.json", **parts}


def test_the_books_kind_of_chart_needs_nothing_the_bundle_lacks():
    live = pictures.live_specs(_line_chart(), 300)
    for spec in live.values():
        assert vega_support.missing(spec) == []
    # What the check read from the chart, so the empty answer above is not for want of looking.
    used = vega_support._uses(live["fit"])
    assert {"line", "symbol"} <= used["marks"]
    assert {"formula"} <= used["transforms"]
    assert {"point", "linear"} <= used["scales"]


def test_a_map_a_voronoi_diagram_and_a_network_are_refused_by_name():
    assert {"transform 'geoshape'", "transform 'projection'"} <= set(
        vega_support.missing(pictures.vega_spec(_map_chart()))
    )
    voronoi = _vega(
        data=[{"name": "points", "values": [{"x": 1, "y": 2}]}],
        marks=[
            {
                "type": "path",
                "from": {"data": "points"},
                "transform": [{"type": "voronoi", "x": "datum.x", "y": "datum.y"}],
            }
        ],
    )
    assert vega_support.missing(voronoi) == ["transform 'voronoi'"]
    network = _vega(
        data=[{"name": "nodes", "values": []}],
        marks=[{"type": "group", "marks": [{"type": "symbol", "transform": [{"type": "Force"}]}]}],
    )
    assert vega_support.missing(network) == ["transform 'force'"]


def test_expression_functions_are_read_from_expressions_only():
    spec = _vega(
        data=[{"name": "table", "values": [{"signal": "geoArea(x)", "update": "treePath(y)"}]}],
        signals=[
            {"name": "area", "update": "geoArea('a (b)') + length('geoBounds(')"},
            {"name": "label", "on": [{"events": "click", "update": "format(area, ',.0f')"}]},
        ],
    )
    # Data values are data; a call inside a string literal is text; method-like names are not called.
    assert vega_support.expression_functions("datum.x.toFixed(2) + 'sin(1)' + cos(1)") == {"cos"}
    assert vega_support.missing(spec) == ["expression function 'geoArea'"]


def test_the_build_stops_naming_the_page_the_chart_and_what_is_missing(tmp_path):
    app = SimpleNamespace(outdir=str(tmp_path))
    context = {"pathto": lambda name, _resource: name}
    publish = sphinxext._spec_publisher(app, "book/09-maps", context)
    map_text = json.dumps(_map_chart())
    with pytest.raises(vega_support.ChartNeedsMoreVega) as stopped:
        publish(map_text, 300)
    message = str(stopped.value)
    assert "book/09-maps" in message and "'A map'" in message and "transform 'geoshape'" in message
    assert not (tmp_path / pictures.SPEC_FOLDER).exists(), "no spec script for a chart that cannot go live"
    # The same publisher writes a chart the bundle can draw.
    address = publish(json.dumps(_line_chart()), 300)
    assert (tmp_path / address).is_file()


@pytest.mark.browser
def test_the_record_is_what_the_bundle_registers_and_a_map_fails_in_it(browser):
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>bundle</title>")
        page.add_script_tag(path=str(BUNDLE))
        registered = page.evaluate("window.vega.registered()")
        refused = page.evaluate(
            """spec => { try { window.vega.parse(spec, {}, {ast: true}); return null; }
                         catch (error) { return error.message; } }""",
            _vega(signals=[{"name": "area", "update": "geoArea(1)"}]),
        )
    finally:
        page.close()
    assert {kind: frozenset(names) for kind, names in registered.items()} == vega_support.registered()
    assert refused and "geoArea" in refused
