"""The table of numbers under each chart: datasets found, helpers skipped, headers, values, captions."""

import re

import altair as alt
import pandas as pd
import pytest

from seckill import charts
from seckill.charts import render, tables
from seckill.charts.tables import details as tables_details


def _rows(details: str) -> list[list[str]]:
    """The body rows of every table in the details, as lists of cell texts."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", details, re.S)
    return [
        re.findall(r"<td[^>]*>(.*?)</td>", row)
        for body in bodies
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def _headers(details: str) -> list[list[str]]:
    return [
        re.findall(r'<th scope="col"[^>]*>(.*?)</th>', head)
        for head in re.findall(r"<thead>(.*?)</thead>", details)
    ]


def _captions(details: str) -> list[str]:
    return re.findall(r"<caption>(.*?)</caption>", details)


def _finished(chart) -> dict:
    return charts.finish(chart, title="Sales of a shop", source="test", description="d").to_dict()


def test_headers_are_the_axis_and_legend_titles_with_units_and_keep_the_dataset_order():
    table = pd.DataFrame({"year": [2020, 2021], "gmv_rmb_bn": [1.5, 2.5], "source_id": ["a", "b"]})
    chart = (
        alt.Chart(table)
        .mark_line()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("gmv_rmb_bn:Q", title="Sales, billion yuan"),
            tooltip=[alt.Tooltip("gmv_rmb_bn:Q", title="GMV (bn)")],
        )
    )
    details = tables.details_html(_finished(chart))
    # The axis title wins over the tooltip's shorter one; source_id is headed "Source" and linked.
    assert _headers(details) == [["Year", "Sales, billion yuan", "Source"]]
    assert _rows(details) == [
        ["2020", "1.5", '<a href="../book/data-and-sources.html#source-a">a</a>'],
        ["2021", "2.5", '<a href="../book/data-and-sources.html#source-b">b</a>'],
    ]


def test_tooltip_titles_are_used_when_no_axis_names_the_field():
    table = pd.DataFrame({"x": [1], "y": [2], "note": ["n"]})
    chart = (
        alt.Chart(table).mark_point().encode(x="x:Q", y="y:Q", tooltip=[alt.Tooltip("note:N", title="Note")])
    )
    assert _headers(tables.details_html(chart.to_dict())) == [["X", "Y", "Note"]]


def test_every_dataset_of_nested_layers_and_concats_is_found_once_with_its_own_caption():
    first = pd.DataFrame({"year": [2020, 2021], "value": [1, 2]})
    second = pd.DataFrame({"year": [2020], "count": [7]})
    third = pd.DataFrame({"month": [1, 2, 3], "orders": [4, 5, 6]})
    lines = alt.Chart(first).mark_line().encode(x="year:O", y=alt.Y("value:Q", title="Value, yuan"))
    dots = alt.Chart(second).mark_point().encode(x="year:O", y=alt.Y("count:Q", title="Count"))
    bars = alt.Chart(third).mark_bar().encode(x="month:O", y="orders:Q")
    spec = alt.vconcat(alt.layer(lines, dots), alt.hconcat(bars, lines)).to_dict()
    details = tables.details_html(spec)
    assert _headers(details) == [["Year", "Value, yuan"], ["Year", "Count"], ["Month", "Orders"]]
    assert _captions(details) == [
        "Table 1 of 3: drawn as lines.",
        "Table 2 of 3: drawn as points.",
        "Table 3 of 3: drawn as bars.",
    ]


def test_inline_values_and_data_inherited_from_a_layer_parent_are_found():
    spec = {
        "data": {"values": [{"a": 1, "b": 2}]},
        "layer": [
            {"mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative", "title": "A, kg"}}}
        ],
    }
    details = tables.details_html(spec)
    assert _headers(details) == [["A, kg", "B"]]
    assert _rows(details) == [["1", "2"]]


def test_helper_datasets_are_skipped_anchor_rows_counters_and_single_constants():
    data = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0]})
    line = alt.Chart(data).mark_line().encode(x="year:O", y="value:Q")
    # One-row anchor used only to place a note computed in the browser: no column is encoded.
    note = (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_calculate(label="'a note'")
        .mark_text()
        .encode(text="label:N")
    )
    # A single constant behind a zero line: encoded, but one row and one column.
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule().encode(y="zero:Q")
    spec = alt.layer(line, note, zero).to_dict()
    uses = tables.datasets_in_use(spec)
    assert [tables.is_helper(use) for use in uses] == [False, True, True]
    details = tables.details_html(spec)
    assert _headers(details) == [["Year", "Value"]]
    assert "Table 1 of" not in details  # the one table left is not numbered


def test_a_chart_with_only_helper_data_says_it_has_no_table():
    note = (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_calculate(label="'hi'")
        .mark_text()
        .encode(text="label:N")
    )
    details = tables.details_html(note.to_dict())
    assert "<table" not in details
    assert "given no table of numbers" in details


def test_html_in_data_titles_and_chart_title_is_escaped():
    data = pd.DataFrame({"who": ["<script>alert(1)</script>"], "n": [1]})
    chart = alt.Chart(data).mark_bar().encode(x=alt.X("n:Q", title="N & <b>"), y="who:N")
    spec = charts.finish(chart, title="A <i>title</i>", source="s", description="d").to_dict()
    details = tables.details_html(spec)
    assert "<script>" not in details and "<i>" not in details and "<b>" not in details
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in details
    assert "N &amp; &lt;b&gt;" in details
    assert "<summary>Show the numbers: A &lt;i&gt;title&lt;/i&gt;</summary>" in details


@pytest.mark.parametrize(
    ("value", "text", "numeric"),
    [
        (0.1 + 0.2, "0.3", True),  # no float noise
        (2021, "2021", True),  # a year stays a year
        (2021.0, "2021", True),  # integers stored as floats stay integers
        (1234567, "1,234,567", True),
        (12345.678, "12,345.7", True),
        (0.000123456789, "0.000123457", True),
        (-3.25, "-3.25", True),
        (None, tables.MISSING, False),
        (float("nan"), tables.MISSING, False),
        ("2021-10-20", "2021-10-20", False),  # ISO dates as they are
        (True, "yes", False),
    ],
)
def test_values_are_formatted_for_reading(value, text, numeric):
    assert tables.format_value(value) == (text, numeric)


def test_missing_values_show_the_same_mark_in_every_table():
    data = pd.DataFrame({"year": [2020, 2021], "value": [1.0, None]})
    chart = alt.Chart(data).mark_point().encode(x="year:O", y="value:Q")
    assert _rows(tables.details_html(chart.to_dict()))[1] == ["2021", tables.MISSING]


def test_long_tables_are_cut_and_the_caption_says_how_many_rows_were_left_out(monkeypatch):
    monkeypatch.setattr(tables_details, "MAX_ROWS", 5)
    data = pd.DataFrame({"i": range(1234), "v": range(1234)})
    details = tables.details_html(alt.Chart(data).mark_point().encode(x="i:Q", y="v:Q").to_dict())
    assert len(_rows(details)) == 5
    assert "First 5 of 1,234 rows; the other 1,229 are left out" in _captions(details)[0]


def test_a_table_at_the_cap_is_whole_and_says_nothing_about_left_out_rows():
    data = pd.DataFrame({"i": range(tables.MAX_ROWS)})
    details = tables.details_html(alt.Chart(data).mark_tick().encode(x="i:Q").to_dict())
    assert len(_rows(details)) == tables.MAX_ROWS
    assert "left out" not in details


def test_charts_with_bound_controls_say_the_table_is_what_the_chart_starts_from():
    grid = pd.DataFrame({"t": [0, 1, 2]})
    rate = alt.param(name="rate", value=5, bind=alt.binding_range(min=0, max=10))
    start = alt.param(name="start", value=1, bind=alt.binding_select(options=[1, 2]))
    chart = (
        alt.Chart(grid)
        .transform_calculate(y="datum.t * rate")
        .mark_line()
        .encode(x="t:Q", y="y:Q")
        .add_params(rate, start)
    )
    caption = _captions(tables.details_html(chart.to_dict()))[0]
    assert "Numbers the chart starts from: its slider and menu change the chart, not this table." in caption
    # A chart without controls makes no such claim.
    assert "starts from" not in tables.details_html(alt.Chart(grid).mark_tick().encode(x="t:Q").to_dict())


def test_selections_that_zoom_are_not_counted_as_controls():
    brush = alt.selection_interval(bind="scales")
    spec = alt.Chart(pd.DataFrame({"t": [1, 2]})).mark_point().encode(x="t:Q").add_params(brush).to_dict()
    assert tables.bound_controls(spec) == {}


def test_a_spec_is_walked_to_every_object_at_any_depth_spec_first():
    spec = {"a": 1, "layer": [{"mark": "line", "params": [{"name": "p"}]}, [{"deep": True}]], "b": {"c": "x"}}
    walked = [sorted(node) for node in tables.spec_objects(spec)]
    assert walked == [["a", "b", "layer"], ["mark", "params"], ["name"], ["deep"], ["c"]]


def test_the_details_is_collapsed_named_after_the_chart_and_its_tables_scroll_in_a_focusable_region():
    data = pd.DataFrame({"year": [2020], "value": [1]})
    details = tables.details_html(_finished(alt.Chart(data).mark_bar().encode(x="year:O", y="value:Q")))
    assert details.startswith(
        '<details class="seckill-chart-table"><summary>Show the numbers: Sales of a shop<'
    )
    assert " open" not in details.split(">", 1)[0]
    assert 'tabindex="0" role="region" aria-label="Table, Sales of a shop"' in details


def test_static_html_puts_the_table_after_the_chart_spec():
    data = pd.DataFrame({"year": [2020], "value": [1]})
    out = render.static_html(_finished(alt.Chart(data).mark_bar().encode(x="year:O", y="value:Q")))
    assert out.index("seckill-chart-spec") < out.index("<noscript>") < out.index("<details")
    assert out.endswith("</details></div>")


def test_columns_of_numbers_are_right_aligned_header_included_and_text_columns_are_not():
    data = pd.DataFrame({"year": [2020, 2021], "value": [1.5, None], "who": ["a", "3"]})
    chart = alt.Chart(data).mark_point().encode(x="year:O", y="value:Q", tooltip=["who:N"])
    details = tables.details_html(chart.to_dict())
    assert '<th scope="col" class="seckill-num">Year</th>' in details
    assert '<th scope="col" class="seckill-num">Value</th>' in details
    assert '<th scope="col">Who</th>' in details
    assert f'<td class="seckill-num">{tables.MISSING}</td><td>3</td>' in details


# ------------------------------------------------------------------------------------------------
# Tables of model values, for charts that compute what they show in the browser


def _slider_chart():
    """A chart whose numbers are all computed in the browser from a slider, as the explorers are."""
    rate = alt.param(name="rate", value=2, bind=alt.binding_range(min=0, max=10))
    grid = pd.DataFrame({"part": ["a", "b"]})
    return (
        alt.Chart(grid)
        .transform_calculate(kg="datum.part == 'a' ? rate : 2 * rate")
        .mark_bar()
        .encode(y="part:N", x="kg:Q")
        .add_params(rate)
    )


def _model_frame():
    return pd.DataFrame({"part": ["a", "b"], "kg": [2.0, 4.0], "note": ["x", None]})


TITLES = {"part": "Part", "kg": "Mass, kg", "note": "Note"}


def test_a_model_table_replaces_the_label_only_table_and_its_caption_names_the_model():
    chart = charts.finish(_slider_chart(), title="Sales of a shop", source="test", description="d")
    chart = charts.with_model_table(
        chart, _model_frame(), caption="Mass of each part", titles=TITLES, model="m.mass"
    )
    details = tables.details_html(chart.to_dict())
    assert _headers(details) == [["Part", "Mass, kg", "Note"]]
    assert _rows(details) == [["a", "2", "x"], ["b", "4", tables.MISSING]]
    assert _captions(details) == [
        "Mass of each part. Values at the chart&#x27;s starting settings, computed with the book&#x27;s "
        "Python model (m.mass); its slider changes the chart, not this table."
    ]
    assert details.count("<table>") == 1 and "Drawn as" not in details
    assert 'aria-label="Table, Sales of a shop"' in details


def test_a_model_table_on_a_chart_without_controls_does_not_speak_of_starting_settings():
    chart = alt.Chart(pd.DataFrame({"t": [1]})).mark_tick().encode(x="t:Q")
    chart = charts.with_model_table(chart, _model_frame(), caption="Masses.", titles=TITLES, model="m")
    assert _captions(tables.details_html(chart.to_dict())) == [
        "Masses. Values computed with the book&#x27;s Python model (m)."
    ]


def test_a_model_table_is_escaped_capped_and_keeps_other_usermeta(monkeypatch):
    monkeypatch.setattr(tables_details, "MAX_ROWS", 3)
    frame = pd.DataFrame({"who": ["<b>x</b>"] * 5, "n": range(5)})
    chart = _slider_chart().properties(usermeta={"embedOptions": {"patch": []}})
    chart = charts.with_model_table(
        chart, frame, caption="A <i>caption</i>", titles={"who": "Who & why", "n": "N"}, model="m"
    )
    spec = chart.to_dict()
    assert spec["usermeta"]["embedOptions"] == {"patch": []}
    details = tables.details_html(spec)
    assert "<b>" not in details and "<i>" not in details
    assert "Who &amp; why" in details and "&lt;b&gt;x&lt;/b&gt;" in details
    assert len(_rows(details)) == 3
    assert "First 3 of 5 rows; the other 2 are left out" in _captions(details)[0]


def test_model_table_cells_are_plain_json_values():
    import json

    import numpy as np

    frame = pd.DataFrame({"n": np.array([1, 2], dtype=np.int64), "x": [np.float64(0.5), float("nan")]})
    meta = tables.model_table_meta(frame, caption="c", titles={"n": "N", "x": "X, kg"}, model="m")
    assert meta["rows"] == [{"n": 1, "x": 0.5}, {"n": 2, "x": None}]
    assert type(meta["rows"][0]["n"]) is int
    json.loads(json.dumps(meta, allow_nan=False))  # valid JSON: no NaN, no numpy types


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (pd.DataFrame(), {}, "frame is empty"),
        (pd.DataFrame({"part": [], "kg": [], "note": []}), {}, "frame is empty"),
        ([{"part": "a"}], {}, "must be a pandas DataFrame"),
        (None, {"caption": 3}, "caption must be a non-empty string"),
        (None, {"caption": "  "}, "caption must be a non-empty string"),
        (None, {"model": ""}, "model must be a non-empty string"),
        (None, {"titles": {"part": "Part", "kg": "Mass, kg"}}, r"columns without a title: \['note'\]"),
        (None, {"titles": TITLES | {"extra": "E"}}, r"columns the frame does not have: \['extra'\]"),
        (None, {"titles": TITLES | {"kg": ""}}, "title of column 'kg' must be a non-empty string"),
        (pd.DataFrame({"part": ["a"], "kg": [float("inf")], "note": ["n"]}), {}, "infinite value"),
        (pd.DataFrame({"part": [["a"]], "kg": [1], "note": ["n"]}), {}, "cells must be numbers"),
    ],
)
def test_model_table_input_is_checked_with_a_clear_message(frame, kwargs, message):
    arguments = {"caption": "c", "titles": TITLES, "model": "m"} | kwargs
    with pytest.raises(ValueError, match=message):
        charts.with_model_table(_slider_chart(), _model_frame() if frame is None else frame, **arguments)


def test_a_malformed_model_table_in_a_spec_fails_loudly():
    spec = _slider_chart().to_dict() | {"usermeta": {tables.MODEL_TABLE_KEY: {"caption": "c"}}}
    with pytest.raises(ValueError, match="must hold a caption, a model, columns"):
        tables.details_html(spec)


def test_a_title_wrapped_after_a_hyphen_is_joined_back_without_a_space():
    chart = alt.Chart(pd.DataFrame({"t": [1]})).mark_tick().encode(x="t:Q")
    spec = charts.finish(
        chart, title="Try it: who gets what from one hand-made item", source="s", description="d"
    ).to_dict()
    assert spec["title"]["text"][0].endswith("hand-")  # how charts.finish wraps it
    assert tables.chart_name(spec) == "Try it: who gets what from one hand-made item"


# ------------------------------------------------------------------------------------------------
# Headers from the data package, internal and duplicate columns, links to sources, long text


def test_fields_the_chart_gives_no_title_take_their_title_from_the_data_package():
    # Rows of singles_day_gmv, as Chapter 1 draws them: only the year is titled by the chart.
    table = pd.DataFrame(
        {
            "year": [2022],
            "gmv_rmb_bn": [None],
            "window_days": [11],
            "status": ["not disclosed"],
            "source_id": ["reuters-2014-11-11"],
        }
    )
    chart = alt.Chart(table).mark_rule().encode(x=alt.X("year:O", title="Year of sale"), tooltip=["status"])
    assert _headers(tables.details_html(chart.to_dict())) == [
        [
            "Year of sale",  # the chart's title wins
            "Sales, billion yuan (current prices)",  # the field's title in datapackage.json
            "Counting window, days",
            "Whether a figure was published",  # a description short enough to be a header
            "Source",
        ]
    ]


def test_the_resource_sharing_most_columns_is_used_and_a_derived_table_takes_no_package_titles():
    resources = (
        ("a", {"year": {"title": "Year of A"}, "share_pct": {"title": "Share in A, %"}}),
        ("b", {"year": {}, "label": {}, "source_id": {}, "record_id": {"title": "Record"}}),
        ("c", {"year": {}, "label": {"title": "Label of C"}, "source_id": {}, "topic": {}}),
    )
    match = tables.matching_resource
    # A tie (three names each) goes to the resource with more names no other resource has.
    assert match(["year", "label", "source_id", "record_id"], resources)[0] == "b"
    assert match(["year", "label", "source_id", "topic"], resources)[0] == "c"
    # Without source_id, two shared names are not enough: "share_pct" may mean something else here.
    assert match(["year", "share_pct"], resources) is None
    assert match(["year", "share_pct", "source_id"], resources)[0] == "a"
    assert match(["x", "y"], resources) is None
    # The real package: a derived table of year and share_pct keeps its own words.
    details = tables.details_html(
        alt.Chart(pd.DataFrame({"year": [2019], "share_pct": [38.9]}))
        .mark_point()
        .encode(x="year:O", y="share_pct:Q")
        .to_dict()
    )
    assert _headers(details) == [["Year", "Share, %"]]


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("share_pct", "Share, %"),
        ("value_rmb_bn", "Value, billion yuan"),
        ("implied_orders_per_s", "Implied orders per second"),
        ("orders_attempted", "Orders attempted"),
        ("pct", "Pct"),
    ],
)
def test_field_names_without_a_title_are_made_readable(name, header):
    assert tables.readable_name(name) == header


def test_package_descriptions_too_long_for_a_header_are_not_used_as_one():
    assert tables.field_header({"description": "Calendar year"}) == "Calendar year"
    assert tables.field_header({"description": "Caveats in our words: scope, mirrors"}) is None
    assert tables.field_header({"description": "x" * (tables.HEADER_MAX_CHARS + 1)}) is None
    assert tables.field_header({"title": "Note", "description": "Caveats: long"}) == "Note"


def test_internal_columns_are_left_out_but_undrawn_numbers_and_sources_are_kept():
    table = pd.DataFrame(
        {
            "part": ["host", "platform", "maker"],
            "rmb": [19.8, 5.0, 74.2],
            "part_order": [0, 1, 2],  # a sort key: drawn only in the order channel
            "row": [1, 2, 3],  # a row counter no channel uses
            "memo": ["x", "y", "z"],  # text no channel shows
            "units": [15000.0, 100.0, 1.0],  # a number no channel shows: may be a sourced figure
            "source_id": ["s1", "s2", "s3"],
        }
    )
    chart = (
        alt.Chart(table).mark_bar().encode(y="part:N", x=alt.X("rmb:Q", title="Yuan"), order="part_order:O")
    )
    details = tables.details_html(chart.to_dict())
    assert _headers(details) == [["Part", "Yuan", "Units", "Source"]]
    assert _rows(details)[0][:3] == ["host", "19.8", "15,000"]
    # The same columns, shown by a channel, stay.
    shown = chart.encode(tooltip=["part_order:O", "row:Q", "memo:N"])
    assert _headers(tables.details_html(shown.to_dict())) == [
        ["Part", "Yuan", "Part order", "Row", "Memo", "Units", "Source"]
    ]


def test_columns_with_the_same_values_in_every_row_are_shown_once_with_the_better_header():
    table = pd.DataFrame(
        {
            "date": ["2018-08-31", "2019-01-01"],
            "date_iso": ["2018-08-31", "2019-01-01"],
            "event": ["Law adopted", "Law takes effect"],
            "low": [None, None],
            "high": [None, None],
        }
    )
    chart = (
        alt.Chart(table)
        .mark_tick()
        .encode(
            x=alt.X("date:T"),
            tooltip=[alt.Tooltip("date_iso:N", title="Date of the event"), "event", "low", "high"],
        )
    )
    details = tables.details_html(chart.to_dict())
    # One date column, in the first one's place, with the chart's title; two empty columns are
    # not "the same values": each is shown.
    assert _headers(details) == [["Date of the event", "Event", "Low", "High"]]
    assert _rows(details)[0] == ["2018-08-31", "Law adopted", tables.MISSING, tables.MISSING]


def test_each_source_id_links_to_its_row_in_the_appendix_and_lists_are_split():
    table = pd.DataFrame({"year": [2020, 2021], "v": [1, 2], "source_id": ["a-1;b.2", None]})
    details = tables.details_html(alt.Chart(table).mark_point().encode(x="year:O", y="v:Q").to_dict())
    assert _rows(details)[0][2] == (
        '<a href="../book/data-and-sources.html#source-a-1">a-1</a>; '
        '<a href="../book/data-and-sources.html#source-b.2">b.2</a>'
    )
    assert _rows(details)[1][2] == tables.MISSING
    assert tables.source_link("x") == f"{tables.SOURCES_PAGE}#source-x"


def test_the_appendix_gives_each_source_the_anchor_tables_link_to():
    from seckill import data
    from seckill.chapters import appendix

    page = appendix.sources_html()
    for source_id in data.sources().index:
        assert f'<tr id="source-{source_id}">' in page


def test_long_text_columns_wrap_and_short_ones_do_not():
    table = pd.DataFrame(
        {"year": [2020], "what": ["A rule that says a great many things, at length."], "who": ["NPC"]}
    )
    chart = alt.Chart(table).mark_point().encode(x="year:O", tooltip=["what", "who"])
    details = tables.details_html(chart.to_dict())
    assert f'<th scope="col" class="{tables.LONG_TEXT_CLASS}">What</th>' in details
    assert f'<td class="{tables.LONG_TEXT_CLASS}">A rule' in details
    assert '<th scope="col">Who</th>' in details


def test_two_columns_the_chart_titles_differently_are_both_shown_even_when_equal():
    # The line of equality of a Lorenz chart: x = y in every row, and the chart names both.
    line = pd.DataFrame({"population_pct": [0, 100], "income_pct": [0, 100]})
    chart = (
        alt.Chart(line)
        .mark_line()
        .encode(
            x=alt.X("population_pct:Q", title="Poorest share, %"),
            y=alt.Y("income_pct:Q", title="Income share, %"),
        )
    )
    assert _headers(tables.details_html(chart.to_dict())) == [["Poorest share, %", "Income share, %"]]
