"""The build's chart pictures (sitebuild/pictures.py), without building the book.

Each test draws small specs with vl-convert (a second or two for the first, then milliseconds);
the built site's pictures are checked in tests/test_pictures_browser.py.
"""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from sitebuild import pictures


def _spec(**properties) -> dict:
    data = pd.DataFrame({"year": [2019, 2020, 2021], "gmv_rmb_bn": [268.4, 498.2, 540.3]})
    chart = (
        alt.Chart(data, title="Sales by year", description="Line chart of sales by year, 2019 to 2021.")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("gmv_rmb_bn:Q", title="Sales, billion yuan"),
        )
        .properties(width="container", **properties)
    )
    return chart.to_dict()


def _explorer_spec() -> dict:
    spec = _spec()
    spec["params"] = [
        {
            "name": "growth_pct",
            "value": 12.5,
            "bind": {"input": "range", "min": 0, "max": 50, "step": 0.5, "name": "Growth, % a year: "},
        },
        {
            "name": "start_year",
            "value": 2020,
            "bind": {"input": "select", "options": [2019, 2020, 2021], "name": "Start in: "},
        },
        {"name": "brush", "select": "interval"},
    ]
    return spec


def test_a_picture_is_vegas_drawing_of_the_spec_at_the_column_width():
    svg = pictures.draw_svg(_spec())
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for expected in ["Sales by year", "Year", "Sales, billion yuan", "2019", "2020", "2021"]:
        assert expected in texts
    assert f'width="{pictures.PICTURE_WIDTH_PX}"' in svg.split(">", 1)[0]
    # one line and a point per year
    assert svg.count('class="mark-line role-mark') == 1
    assert svg.count('aria-roledescription="point"') == 3


def test_the_same_spec_gives_the_same_bytes_and_the_cache_is_used(tmp_path):
    first = pictures.draw_svg(_spec(), tmp_path)
    assert pictures.draw_svg(_spec()) == first
    cached = list(tmp_path.glob("*.svg"))
    assert len(cached) == 1
    cached[0].write_text(first.replace("Sales by year", "From the cache"), encoding="utf-8")
    assert "From the cache" in pictures.draw_svg(_spec(), tmp_path)
    assert "From the cache" not in pictures.draw_svg(_spec(height=200), tmp_path)


def test_a_spec_vega_cannot_draw_stops_the_build():
    broken = _spec()
    broken["layer"] = [{"mark": "no-such-mark"}]
    with pytest.raises(pictures.PictureError, match="Sales by year"):
        pictures.draw_svg(broken)


def test_the_picture_is_named_by_the_description_and_its_ids_are_its_own():
    svg = (
        '<svg class="marks" width="10" height="5">'
        '<clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"/></svg>'
    )
    drawn = pictures.picture_html(svg, _spec(), "c1-abc")
    assert drawn.startswith('<svg class="seckill-picture" role="img" aria-label="Line chart of sales by year')
    assert 'class="marks"' not in drawn
    assert 'id="c1-abc-clip1"' in drawn and "url(#c1-abc-clip1)" in drawn
    assert 'id="clip1"' not in drawn


def test_inside_the_picture_no_mark_is_an_image_of_its_own():
    svg = (
        '<svg class="marks" width="10" height="5"><g role="graphics-object" aria-roledescription="group">'
        '<path role="graphics-symbol" aria-roledescription="rect mark" aria-label="x: 1"/></g></svg>'
    )
    drawn = pictures.picture_html(svg, _spec(), "c1")
    assert drawn.count("role=") == 1 and 'role="img"' in drawn  # the picture's own
    assert "aria-roledescription" not in drawn and drawn.count("aria-label=") == 1


def test_a_chart_without_a_description_gets_no_nameless_picture():
    spec = _spec()
    spec.pop("description")
    with pytest.raises(pictures.PictureError, match="no description"):
        pictures.picture_html("<svg></svg>", spec, "c1")


def test_controls_are_vegas_bindings_at_their_starting_values():
    form = pictures.controls_html(_explorer_spec())
    assert form.startswith('<form class="vega-bindings">')
    assert form.count('<div class="vega-bind">') == 2  # the selection has no control
    assert '<span class="vega-bind-name">Growth, % a year: </span>' in form
    assert 'name="growth_pct" min="0" max="50" step="0.5" value="12.5" disabled' in form
    assert '<option value="2020" selected>2020</option>' in form
    assert form.count(" selected") == 1


def test_a_chart_without_controls_gets_an_empty_form_like_vegas():
    assert pictures.controls_html(_spec()) == '<form class="vega-bindings"></form>'


def test_a_control_the_pictures_cannot_draw_is_refused():
    spec = _explorer_spec()
    spec["params"][0]["bind"]["input"] = "checkbox"
    with pytest.raises(pictures.PictureError, match="checkbox"):
        pictures.controls_html(spec)


def test_every_chart_on_a_page_gets_its_picture_above_its_spec():
    from seckill.charts.render import static_html

    page = f"<p>Text</p>{static_html(_spec())}<p>More</p>{static_html(_explorer_spec())}"
    drawn = pictures.add_pictures(page)
    charts = drawn.split('<div class="seckill-chart">')[1:]
    assert len(charts) == 2
    for chart in charts:
        still, rest = chart.split('<script type="application/json" class="seckill-chart-spec">', 1)
        assert still.startswith(f'<div class="{pictures.STILL_VIEW_CLASS}"><svg class="seckill-picture"')
        spec = json.loads(rest.split("</script>", 1)[0].replace("<\\/", "</"))
        assert spec["width"] == "container"  # the page keeps the spec as it was
    assert 'name="growth_pct"' in charts[1] and 'name="growth_pct"' not in charts[0]
    assert pictures.add_pictures("<p>No chart</p>") == "<p>No chart</p>"


def _cache_with(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.svg").write_text("<svg/>", encoding="utf-8")
    return pictures.PictureCache(folder)


def test_the_cache_keeps_the_pictures_pages_use_and_removes_the_rest(tmp_path):
    folder = tmp_path / pictures.CACHE_FOLDER
    cache = _cache_with(folder, ["a", "b", "shared", "stale"])
    cache.record("book/01", {"a", "shared"})
    cache.record("book/02", {"b", "shared"})
    removed = cache.prune({"book/01", "book/02"})
    assert [path.stem for path in removed] == ["stale"]
    assert sorted(path.stem for path in folder.glob("*.svg")) == ["a", "b", "shared"]

    # A later build rewrites only book/02, whose chart changed, and book/01 is gone from the book:
    # the record from the first build says what book/02 no longer needs and what book/01 used.
    later = pictures.PictureCache(folder)
    later.record("book/02", {"b2"})
    (folder / "b2.svg").write_text("<svg/>", encoding="utf-8")
    later.prune({"book/02"})
    assert sorted(path.stem for path in folder.glob("*.svg")) == ["b2"]


def test_a_page_left_alone_by_a_build_keeps_its_pictures(tmp_path):
    folder = tmp_path / pictures.CACHE_FOLDER
    first = _cache_with(folder, ["a", "b"])
    first.record("book/01", {"a"})
    first.record("book/02", {"b"})
    first.prune({"book/01", "book/02"})
    second = pictures.PictureCache(folder)  # a build that writes book/02 only
    second.record("book/02", set())
    second.prune({"book/01", "book/02"})
    assert sorted(path.stem for path in folder.glob("*.svg")) == ["a"]


def test_add_pictures_reports_the_digest_it_drew(tmp_path):
    spec = _spec()
    script = f'<script type="application/json" class="seckill-chart-spec">{json.dumps(spec)}</script>'
    page = f'<div class="seckill-chart">{script}</div>'
    used: set[str] = set()
    pictures.add_pictures(page, tmp_path, used)
    assert used == {pictures.picture_digest(spec)}
    assert (tmp_path / f"{pictures.picture_digest(spec)}.svg").is_file()


def test_a_published_spec_leaves_the_page_for_a_script_that_carries_it_compiled_to_vega(tmp_path):
    from seckill.charts.render import static_html

    spec = _explorer_spec()
    spec["title"] = "Growth </script> and 增长"  # what a script element must not end early on
    published = {}

    def publish(spec_text: str, picture_height_px: float) -> str:
        name, content = pictures.spec_script(spec_text, picture_height_px)
        published[name] = (content, picture_height_px)
        return f"../{pictures.SPEC_FOLDER}/{name}"

    page = pictures.add_pictures(static_html(spec), tmp_path, publish_spec=publish)
    [(name, (content, height))] = published.items()
    # The spec's element stays, empty: the spec is only in its script.
    assert f'class="seckill-chart-spec" data-src="../{pictures.SPEC_FOLDER}/{name}"></script>' in page
    assert page.count("seckill-chart-spec") == 1
    assert "</script>" not in content
    # The picture's own height is the one the live chart is fitted to.
    assert height == float(re.search(r'<svg class="seckill-picture"[^>]*? height="([0-9.]+)"', page).group(1))
    live = pictures.spec_from_script(content)
    assert live == pictures.live_specs(spec, height)
    for variant in ("fit", "own"):
        assert live[variant]["$schema"].startswith("https://vega.github.io/schema/vega/v6")
        assert live[variant]["title"]["text"] == spec["title"]
        # Each bound parameter is a signal with its control, at its starting value.
        signals = {s["name"]: s for s in live[variant]["signals"] if "bind" in s}
        assert {name: s["value"] for name, s in signals.items()} == {"growth_pct": 12.5, "start_year": 2020}
    assert live["fit"]["autosize"] == {"type": "fit", "contains": "padding"}
    assert {"name": "height", "update": f"{height:g}"} in live["fit"]["signals"] or live["fit"][
        "height"
    ] == height
    # The data is carried once: "own" leaves out what "fit" has.
    assert [d.get("values") for d in live["fit"]["data"] if "values" in d]
    assert not [d for d in live["own"]["data"] if "values" in d]
    # Named by its content: the same spec, the same file; another spec or height, another file.
    text = json.dumps(spec)
    assert pictures.spec_script(text, height)[0] == pictures.spec_script(text, height)[0]
    assert pictures.spec_script(json.dumps(_spec()), height)[0] != pictures.spec_script(text, height)[0]
    assert pictures.spec_script(text, height + 10)[0] != pictures.spec_script(text, height)[0]
    with pytest.raises(pictures.PictureError):
        pictures.spec_from_script("alert(1);\n")


def test_the_compiled_spec_carries_the_charts_patch_and_no_build_notes():
    spec = _spec()
    spec["usermeta"] = {
        "embedOptions": {
            "patch": [
                {"op": "test", "path": "/marks/0/type", "value": "line"},
                {"op": "add", "path": "/marks/0/description", "value": "The line of sales"},
            ]
        },
        "seckill_table": {"caption": "a note for the build"},
    }
    compiled = pictures.vega_spec(spec)
    assert compiled["marks"][0]["description"] == "The line of sales"
    assert "usermeta" not in compiled
    # A patch written for another layout stops the build rather than label the wrong mark.
    spec["usermeta"]["embedOptions"]["patch"][0]["value"] = "rect"
    with pytest.raises(pictures.PictureError, match="patch test failed"):
        pictures.vega_spec(spec)
    spec["usermeta"]["embedOptions"]["patch"] = [{"op": "move", "from": "/a", "path": "/b"}]
    with pytest.raises(pictures.PictureError, match="not supported"):
        pictures.vega_spec(spec)


def test_a_spec_vega_lite_cannot_compile_stops_the_build():
    with pytest.raises(pictures.PictureError, match="compiled to Vega"):
        pictures.vega_spec({"mark": "no-such-mark", "data": {"values": []}})


def test_spec_scripts_no_page_loads_are_removed(tmp_path):
    folder = tmp_path / pictures.SPEC_FOLDER
    folder.mkdir(parents=True)
    for name in ["kept", "student", "stale"]:
        (folder / f"{name}.js").write_text("", encoding="utf-8")
    (tmp_path / "book").mkdir()
    element = '<script type="application/json" class="seckill-chart-spec" data-src="{}"></script>'
    (tmp_path / "book" / "01.html").write_text(element.format("../_static/charts/kept.js"), encoding="utf-8")
    # A page elsewhere that names a script of another site's folder keeps nothing here alive.
    (tmp_path / "student" / "book").mkdir(parents=True)
    (tmp_path / "student" / "book" / "01.html").write_text(
        element.format("../_static/charts/student.js"), encoding="utf-8"
    )
    for name in ["kept", "stale"]:  # each script's Vega-Lite source beside it
        (folder / pictures.source_name(f"{name}.js")).write_text("{}", encoding="utf-8")
    removed = pictures.prune_spec_scripts(tmp_path)
    assert sorted(path.name for path in removed) == ["stale.js", "stale.vl.json", "student.js"]
    assert sorted(path.name for path in folder.iterdir()) == ["kept.js", "kept.vl.json"]


def test_a_picture_keeps_its_texts_whole_and_its_coordinates_to_a_tenth_of_a_pixel():
    spec = _explorer_spec()
    svg = pictures.draw_svg(spec)
    picture = pictures.picture_html(svg, spec, "c1-test")
    texts = re.compile(r"<text\b[^>]*>(.*?)</text>")
    assert texts.findall(picture) == texts.findall(svg) and len(texts.findall(svg)) >= 5
    paths = re.findall(r'\sd="([^"]*)"', picture)
    assert paths and not [d for d in paths if re.search(r"\d\.\d\d", d)]
    assert re.search(r'\sd="[^"]*\d\.\d\d', svg), "precondition: Vega drew finer coordinates"
    assert len(picture) < len(svg)


def test_a_picture_names_its_font_once_and_drops_attributes_that_change_nothing():
    spec = _explorer_spec()
    svg = pictures.draw_svg(spec)
    picture = pictures.picture_html(svg, spec, "c1-test")
    [family] = set(re.findall(r'\sfont-family="([^"]*)"', svg))
    assert svg.count("font-family=") == len(re.findall(r"<text\b", svg)) > 5, "precondition"
    assert picture.count("font-family=") == 1 and picture.startswith("<svg ")
    assert re.match(r"<svg\b[^>]*\sfont-family=\"" + re.escape(family) + '"', picture)
    for unchanged in ('opacity="1"', 'pointer-events="none"', 'aria-hidden="true"'):
        assert unchanged in svg and unchanged not in picture, unchanged
    assert 'opacity="0.' in picture or 'opacity="0.' not in svg  # other opacities stay
    # The same drawing: every element, in order.
    assert re.findall(r"<(\w+)", picture.split(">", 1)[1]) == re.findall(r"<(\w+)", svg.split(">", 1)[1])


def test_a_picture_whose_texts_use_two_fonts_keeps_each_texts_own():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><text font-family="serif">a</text>'
        '<text font-family="sans-serif" opacity="1">b</text></svg>'
    )
    slimmed = pictures._without_repeats(svg)
    assert slimmed == svg.replace(' opacity="1"', "")


def test_a_chart_gets_a_phone_picture_drawn_at_the_phone_columns_width(tmp_path):
    from seckill.charts.render import static_html

    spec = _explorer_spec()
    published = {}

    def publish_picture(name: str, content: str) -> str:
        published[name] = content
        return f"../{pictures.SPEC_FOLDER}/{name}"

    used: set[str] = set()
    page = pictures.add_pictures(static_html(spec), tmp_path, used, publish_picture=publish_picture)
    [(name, content)] = published.items()
    assert (
        content.startswith("<svg") and f'width="{pictures.PHONE_PICTURE_WIDTH_PX}"' in content.split(">")[0]
    )
    image = re.search(r'<img class="seckill-picture-phone"[^>]*>', page).group(0)
    assert f'src="../{pictures.SPEC_FOLDER}/{name}"' in image
    assert f'alt="{spec["description"]}"' in image
    assert f'width="{pictures.PHONE_PICTURE_WIDTH_PX}"' in image and 'loading="lazy"' in image
    height = re.search(r'height="([0-9.]+)"', content.split(">")[0]).group(1)
    assert f'height="{round(float(height))}"' in image
    # Inside the still view, after the inline picture and before the controls.
    assert page.index('<svg class="seckill-picture"') < page.index(image) < page.index("vega-bindings")
    # Both pictures are the cache's to keep.
    assert used == {
        pictures.picture_digest(spec),
        pictures.picture_digest(spec, pictures.PHONE_PICTURE_WIDTH_PX),
    }
    # Without a publisher (another builder than the site's), no phone picture.
    assert "seckill-picture-phone" not in pictures.add_pictures(static_html(spec), tmp_path)


def test_phone_pictures_no_page_shows_are_removed(tmp_path):
    folder = tmp_path / pictures.SPEC_FOLDER
    folder.mkdir(parents=True)
    for name in ["shown.svg", "stale.svg"]:
        (folder / name).write_text("<svg/>", encoding="utf-8")
    (tmp_path / "01.html").write_text(
        '<img class="seckill-picture-phone" src="_static/charts/shown.svg" alt="x">', encoding="utf-8"
    )
    removed = pictures.prune_spec_scripts(tmp_path)
    assert [path.name for path in removed] == ["stale.svg"]
