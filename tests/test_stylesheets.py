"""The one stylesheet per page (sitebuild/stylesheets.py): which rules it keeps, and the pages' links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import stylesheets

WORDS = {"used", "also-used", "main"}


def _bundle(tmp_path: Path, files: dict[str, str], words: set[str] = WORDS) -> str:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    css = stylesheets.bundle_css(tmp_path, list(files), words)
    return css.split("\n", 1)[1]  # without the sources comment


def test_a_rule_for_a_class_no_page_or_script_names_is_dropped(tmp_path):
    css = _bundle(tmp_path, {"_static/a.css": ".used{color:red}.unused{color:blue}p{margin:0}"})
    assert css.splitlines() == [".used{color:red}", "p{margin:0}"]


def test_a_selector_list_keeps_only_the_selectors_that_can_match(tmp_path):
    css = _bundle(tmp_path, {"_static/a.css": ".unused a, .used > b, #main, #nowhere{top:0}"})
    assert css.strip() == ".used > b,#main{top:0}"


def test_names_inside_not_is_and_attribute_values_are_not_required(tmp_path):
    css = _bundle(
        tmp_path,
        {
            "_static/a.css": ".used:not(.unused){top:0} :is(.unused,.used) b{top:1px}"
            " a[href$='.unused']{top:2px}"
        },
    )
    assert css.count("{top:") == 3


def test_rules_in_media_queries_are_filtered_and_an_emptied_query_goes(tmp_path):
    css = _bundle(
        tmp_path,
        {"_static/a.css": "@media print{.unused{top:0}}@media (min-width:1px){.unused{top:0}.used{top:1px}}"},
    )
    assert css.strip() == "@media (min-width:1px){.used{top:1px}}"


def test_font_faces_and_keyframes_stay_whole(tmp_path):
    rules = "@font-face{font-family:x;src:url(f.woff2)}@keyframes spin{from{top:0}to{top:1px}}"
    css = _bundle(tmp_path, {"_static/a.css": rules})
    assert "@font-face" in css and "@keyframes spin{from{top:0}to{top:1px}}" in css


def test_relative_urls_point_from_the_bundle_to_the_same_files(tmp_path):
    css = _bundle(
        tmp_path,
        {
            "_static/a.css": ".used{background:url(img/x.png)}",
            "_static/styles/b.css": ".used{background:url('../vendor/f.woff2')}",
            "_static/c.css": ".used{background:url(data:image/png;base64,AA==)}",
        },
    )
    # The bundle lives in _static/styles/.
    assert 'url("../img/x.png")' in css
    assert 'url("../vendor/f.woff2")' in css
    assert 'url("data:image/png;base64,AA==")' in css


def test_an_import_is_replaced_by_the_imported_rules_in_its_place(tmp_path):
    css = _bundle(
        tmp_path,
        {
            "_static/base.css": ".used{order:2}",
            "_static/styles/theme.css": '.used{order:1}@import "../base.css";.used{order:3}',
        },
    )
    assert re.findall(r"order:(\d)", css) == ["2", "1", "2", "3"]


@pytest.mark.parametrize("spelling", ['"base.css"', "url(base.css)", 'url("base.css")', "url( 'base.css' )"])
def test_an_import_is_followed_however_it_is_spelled(tmp_path, spelling):
    # Sphinx's own themes (alabaster, basic) write url("basic.css"), which tinycss2 reads as a function.
    css = _bundle(
        tmp_path, {"_static/base.css": ".used{order:2}", "_static/theme.css": f"@import {spelling};"}
    )
    # base.css is bundled as a page's stylesheet and again where theme.css imports it.
    assert re.findall(r"order:(\d)", css) == ["2", "2"]


@pytest.mark.parametrize(
    "conditions", ['"base.css" print', 'url("base.css") layer(x)', "url(base.css) screen"]
)
def test_an_import_with_conditions_is_refused(tmp_path, conditions):
    with pytest.raises(stylesheets.StylesheetError, match="conditions"):
        _bundle(
            tmp_path, {"_static/base.css": ".used{order:2}", "_static/theme.css": f"@import {conditions};"}
        )


def test_a_missing_or_broken_stylesheet_is_an_error(tmp_path):
    with pytest.raises(stylesheets.StylesheetError, match="_static/gone.css"):
        stylesheets.bundle_css(tmp_path, ["_static/gone.css"], WORDS)
    with pytest.raises(stylesheets.StylesheetError, match="imports itself"):
        _bundle(tmp_path, {"_static/loop.css": '@import "loop.css";'})


PAGE = """<!DOCTYPE html>
<html><head>
    <link rel="stylesheet" type="text/css" href="{up}_static/a.css?v=1" />
    <link rel="stylesheet" type="text/css" href="{up}_static/styles/b.css?v=2" />
    <link rel="icon" href="{up}_static/favicon.svg"/>
</head><body><p class="{classes}">text</p></body></html>
"""


def _site(tmp_path: Path) -> Path:
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "_static" / "a.css").write_text(".used{color:red}.unused{color:blue}", encoding="utf-8")
    (tmp_path / "_static" / "styles" / "b.css").write_text(".also-used{top:0}", encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "index.html").write_text(PAGE.format(up="", classes="used"), encoding="utf-8")
    (tmp_path / "book" / "one.html").write_text(PAGE.format(up="../", classes="also-used"), encoding="utf-8")
    return tmp_path


def _links(page: Path) -> list[str]:
    return re.findall(r'<link rel="stylesheet"[^>]*href="([^"]*)"', page.read_text(encoding="utf-8"))


def test_every_page_links_one_bundle_with_the_rules_of_its_stylesheets_in_order(tmp_path):
    site = _site(tmp_path)
    bundles = stylesheets.bundle_stylesheets(site)
    [name] = bundles.values()
    assert re.fullmatch(r"_static/styles/site\.[0-9a-f]{12}\.css", name)
    assert _links(site / "index.html") == [name]
    assert _links(site / "book" / "one.html") == ["../" + name]
    assert 'rel="icon"' in (site / "index.html").read_text(encoding="utf-8")
    css = (site / name).read_text(encoding="utf-8")
    assert css.index(".used{") < css.index(".also-used{") and ".unused" not in css


def test_a_second_build_over_rewritten_pages_gives_the_same_bundle_and_pages(tmp_path):
    site = _site(tmp_path)
    first = stylesheets.bundle_stylesheets(site)
    pages = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert stylesheets.bundle_stylesheets(site) == first
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == pages


def test_a_changed_stylesheet_gets_a_new_bundle_and_the_old_one_goes(tmp_path):
    site = _site(tmp_path)
    [old] = stylesheets.bundle_stylesheets(site).values()
    # An incremental build: Sphinx copies the new stylesheet and rewrites one page only.
    (site / "_static" / "a.css").write_text(".used{color:green}", encoding="utf-8")
    (site / "index.html").write_text(PAGE.format(up="", classes="used"), encoding="utf-8")
    [new] = stylesheets.bundle_stylesheets(site).values()
    assert new != old and not (site / old).exists()
    assert _links(site / "book" / "one.html") == ["../" + new]
    assert "color:green" in (site / new).read_text(encoding="utf-8")


def test_names_count_from_page_tags_and_scripts_not_from_page_text(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text('<p class="in-tag">in-text 12:03</p>', encoding="utf-8")
    (tmp_path / "_static" / "x.js").write_text('el.classList.add("from-script")', encoding="utf-8")
    words = stylesheets.site_words(tmp_path)
    assert {"in-tag", "from-script"} <= words and "in-text" not in words


def test_a_stylesheet_for_print_only_keeps_its_own_link(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "print.css").write_text(".used{color:black}", encoding="utf-8")
    page = site / "index.html"
    print_link = '<link rel="stylesheet" href="_static/print.css" media="print" />'
    page.write_text(
        page.read_text(encoding="utf-8").replace("</head>", print_link + "\n</head>"), encoding="utf-8"
    )
    [name] = stylesheets.bundle_stylesheets(site).values()
    assert _links(page) == [name, "_static/print.css"]
    assert "color:black" not in (site / name).read_text(encoding="utf-8")


# --- a theme page: the rules its first paint needs in <head>, the whole bundle after it --------

THEME_PAGE = """<!DOCTYPE html>
<html><head>
    <link rel="stylesheet" type="text/css" href="{up}_static/a.css?v=1" />
</head><body><p class="used">text</p>
<template id="seckill-after-paint">
<script defer="defer" src="{up}_static/menu.js"></script>
</template>
</body></html>
"""


def _theme_site(tmp_path: Path) -> Path:
    (tmp_path / "_static").mkdir(parents=True)
    (tmp_path / "_static" / "a.css").write_text(
        ".used{color:red}.opened{color:blue}.used.opened{color:green}p{margin:0}", encoding="utf-8"
    )
    (tmp_path / "_static" / "menu.js").write_text('p.classList.add("opened")', encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "one.html").write_text(THEME_PAGE.format(up="../"), encoding="utf-8")
    return tmp_path


def _after_paint_links(page: Path) -> list[str]:
    template = page.read_text(encoding="utf-8").split(stylesheets.AFTER_PAINT_TEMPLATE, 1)[1]
    return _links_in(template.split("</template>", 1)[0])


def _links_in(text: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet"[^>]*href="([^"]*)"', text)


def test_a_theme_page_links_its_first_paint_rules_and_the_rest_after_it(tmp_path):
    site = _theme_site(tmp_path)
    [first] = stylesheets.bundle_stylesheets(site).values()
    page = site / "book" / "one.html"
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    assert re.fullmatch(r"_static/styles/first-paint\.[0-9a-f]{12}\.css", first)
    assert _links_in(head) == ["../" + first]
    [later] = _after_paint_links(page)
    assert re.fullmatch(r"\.\./_static/styles/after-paint\.[0-9a-f]{12}\.css", later)
    first_css = (site / first).read_text(encoding="utf-8").splitlines()[1:]
    later_css = (page.parent / later).read_text(encoding="utf-8").splitlines()[1:]
    # Before any script has run, nothing carries "opened": its rules wait.
    assert first_css == [".used{color:red}", "p{margin:0}"]
    assert later_css == [".opened{color:blue}", ".used.opened{color:green}"]
    assert not list((site / "_static" / "styles").glob("site.*.css")), "no page links the whole bundle"
    # The template's scripts come after the stylesheet, as they were.
    template = page.read_text(encoding="utf-8").split(stylesheets.AFTER_PAINT_TEMPLATE, 1)[1]
    assert template.index("<link") < template.index("<script")


def test_a_second_build_over_a_rewritten_theme_page_changes_nothing(tmp_path):
    site = _theme_site(tmp_path)
    first = stylesheets.bundle_stylesheets(site)
    page = site / "book" / "one.html"
    written = page.read_bytes()
    assert stylesheets.bundle_stylesheets(site) == first
    assert page.read_bytes() == written
    assert len(_after_paint_links(page)) == 1


def test_a_changed_stylesheet_replaces_both_bundles_of_a_theme_page(tmp_path):
    site = _theme_site(tmp_path)
    [old_first] = stylesheets.bundle_stylesheets(site).values()
    page = site / "book" / "one.html"
    [old_later] = _after_paint_links(page)
    (site / "_static" / "a.css").write_text(".used{color:black}.opened{top:0}", encoding="utf-8")
    [new_first] = stylesheets.bundle_stylesheets(site).values()
    [new_later] = _after_paint_links(page)
    assert new_first != old_first and new_later != old_later
    assert not (site / old_first).exists() and not (page.parent / old_later).exists()
    assert "color:black" in (site / new_first).read_text(encoding="utf-8")
    assert "top:0" in (page.parent / new_later).read_text(encoding="utf-8")


def _split(css: str, words: set[str]) -> tuple[list[str], list[str]]:
    first, later = stylesheets.split_for_first_paint("/* sources: a.css */\n" + css, words)
    return first.splitlines()[1:], later.splitlines()[1:]


def test_a_later_rule_that_sets_what_a_waiting_rule_set_is_repeated_after_it():
    # .open (only a script adds it) and .card set the colour; in the bundle .card comes later and
    # wins on an element with both. Split, .open's rule would come last: .card's follows it again.
    first, later = _split(".open{color:blue}.card{color:red}.card{margin:0}", {"card"})
    assert first == [".card{color:red}", ".card{margin:0}"]
    assert later == [".open{color:blue}", ".card{color:red}"]


def test_shorthands_longhands_and_logical_properties_count_as_the_same_property():
    css = ".open{margin:0;inset:0;width:1px}.a{margin-top:1px}.b{left:0}.c{inline-size:2px}.d{color:red}"
    first, later = _split(css, {"a", "b", "c", "d"})
    assert later == [
        ".open{margin:0;inset:0;width:1px}",
        ".a{margin-top:1px}",
        ".b{left:0}",
        ".c{inline-size:2px}",
    ]
    assert first == [".a{margin-top:1px}", ".b{left:0}", ".c{inline-size:2px}", ".d{color:red}"]


def test_a_rule_with_scripted_and_plain_selectors_and_a_media_rule_are_split_too():
    css = ".a,.open{top:0}@media print{.open{color:red}.a{display:none}}@font-face{font-family:x}"
    first, later = _split(css, {"a"})
    assert first == [".a{top:0}", "@media print{.a{display:none}}", "@font-face{font-family:x}"]
    assert later == [".open{top:0}", "@media print{.open{color:red}}"]


# --- custom properties nobody reads ----------------------------------------------------------


def test_a_custom_property_nothing_reads_is_dropped_and_its_emptied_rule_with_it():
    css = (
        "/* sources: a.css */\n:root{--unread:1px;--read:2px;--via:3px;--chained:var(--via)}\n"
        ".x{--unread-too:0}\n.y{top:var(--read);left:var(--chained)}\n"
    )
    used = stylesheets.custom_properties_used(css, [])
    assert used == {"--read", "--chained", "--via"}
    assert stylesheets.drop_unread_custom_properties(css, used).splitlines() == [
        "/* sources: a.css */",
        ":root{--read:2px;--via:3px;--chained:var(--via)}",
        ".y{top:var(--read);left:var(--chained)}",
    ]


def test_a_custom_property_a_page_or_script_names_is_kept_inside_media_rules_too():
    css = "/* sources: a.css */\n@media (min-width:960px){:root{--set-by-script:1;--gone:2}}\n"
    used = stylesheets.custom_properties_used(css, ['el.style.getPropertyValue("--set-by-script")'])
    assert stylesheets.drop_unread_custom_properties(css, used).splitlines()[1] == (
        "@media (min-width:960px){:root{--set-by-script:1}}"
    )


def test_dropping_unread_properties_keeps_importance_and_other_at_rules():
    css = (
        "/* sources: a.css */\n.a{--gone:1;color:red!important}\n@font-face{font-family:x;src:url(x.woff2)}\n"
    )
    out = stylesheets.drop_unread_custom_properties(css, set()).splitlines()
    assert out[1] == ".a{color:red!important}" and out[2].startswith("@font-face")


def test_a_small_font_goes_into_the_stylesheet_and_a_large_or_distant_one_stays_a_link(tmp_path):
    fonts = tmp_path / "_static" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "small.woff2").write_bytes(b"wOF2 small")
    (fonts / "large.woff2").write_bytes(b"x" * (stylesheets.MAX_INLINE_FONT_BYTES + 1))
    css = (
        '@font-face{font-family:a;src:url("../fonts/small.woff2") format("woff2"),url("../fonts/small.ttf")}'
        '@font-face{font-family:b;src:url("../fonts/large.woff2")}'
        '@font-face{font-family:c;src:url("https://fonts.example/c.woff2")}'
        '.x{background:url("../fonts/small.woff2")}'
    )
    out = stylesheets.inline_small_fonts(css, tmp_path)
    assert 'url("data:font/woff2;base64,d09GMiBzbWFsbA==") format("woff2"),url("../fonts/small.ttf")' in out
    assert 'url("../fonts/large.woff2")' in out and 'url("https://fonts.example/c.woff2")' in out
    assert out.endswith('.x{background:url("../fonts/small.woff2")}'), "only inside @font-face"


def test_a_custom_property_read_in_keyframes_or_a_font_face_is_kept():
    css = (
        "/* sources: a.css */\n:root{--spin:90deg;--face:x;--gone:0}\n"
        "@keyframes turn{to{transform:rotate(var(--spin))}}\n@font-face{font-family:var(--face)}\n"
    )
    used = stylesheets.custom_properties_used(css, [])
    assert used == {"--spin", "--face"}
    assert (
        stylesheets.drop_unread_custom_properties(css, used).splitlines()[1] == ":root{--spin:90deg;--face:x}"
    )


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (".a", (0, 1, 0)),
        ("#x .b", (1, 1, 0)),
        ("div.a > p", (0, 1, 2)),
        (".a:hover::before", (0, 2, 1)),
        (".a:before", (0, 1, 1)),
        ("html[data-theme=dark] .x", (0, 2, 1)),
        (":not(.a, .b #c)", (1, 1, 0)),
        (":where(.a) p", (0, 0, 1)),
        (".a:nth-child(2n+1)", (0, 2, 0)),
        ("*", (0, 0, 0)),
        (".a\\:b", None),
        (".a:host-context(.b)", None),
    ],
)
def test_specificity(selector, expected):
    assert stylesheets.specificity(selector) == expected


def test_rules_of_unequal_specificity_never_clash_and_an_unread_one_clashes_with_all():
    # .card.open beats .card wherever it stands; .open:host-context(.x) is not worked out, so .z repeats.
    first, later = _split(".card.open{color:blue}.card{color:red}", {"card"})
    assert later == [".card.open{color:blue}"] and first == [".card{color:red}"]
    first, later = _split(".open:host-context(.x){color:blue}.z{color:red}", {"x", "z"})
    assert later == [".open:host-context(.x){color:blue}", ".z{color:red}"]
