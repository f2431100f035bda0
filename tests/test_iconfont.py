"""The theme's icon font is cut down to the icons the book shows (sitebuild.iconfont)."""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

from sitebuild import iconfont

THEME_FONTS = (
    Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
)
ICON_CSS = (
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
    '.fa-sun:before{content:"\\f185"}'
    '.fa-1:before{content:"\\31"}'
    '.fa-moon:before{content:"\\f186"}'
)


def test_icon_classes_map_to_their_code_points():
    icons = iconfont.icon_code_points(ICON_CSS)
    assert icons == {"bars": 0xF0C9, "navicon": 0xF0C9, "sun": 0xF185, "1": 0x31, "moon": 0xF186}


def test_code_points_written_directly_in_css_are_kept_but_not_the_catalogue_or_font_names():
    css = (
        ICON_CSS
        + ':root{--pst-icon-bell:"\uf0f3";--pst-font:"Font Awesome 6 Free"}'
        + '.onthispage:after{content:"\\f107";font-family:"Font Awesome 6 Free"}'
    )
    assert iconfont.code_points_written_in_css(css) == {0xF0F3, 0xF107}


def test_only_icons_named_by_pages_or_scripts_are_needed():
    pages = ['<i class="fa-solid fa-bars"></i>', 'el.classList = "fa-solid fa-sun"', "fa-unknown-icon"]
    needed = iconfont.glyphs_needed(ICON_CSS, [':root{--x:"\uf0f3"}'], pages)
    assert needed == {0xF0C9, 0xF185, 0xF0F3}


def test_a_stylesheet_without_icon_rules_is_an_error_not_an_empty_font():
    with pytest.raises(ValueError, match="no Font Awesome icon rules"):
        iconfont.glyphs_needed("body{color:red}", [], ['<i class="fa-bars"></i>'])


@pytest.mark.parametrize("name", iconfont.FONT_FILES)
def test_subset_keeps_the_requested_glyphs_and_drops_the_rest(tmp_path, name):
    source = THEME_FONTS / name
    target = tmp_path / name
    iconfont.subset_font(source, target, {0xF0C9, 0xF185})
    full_cmap = TTFont(source).getBestCmap()
    cmap = TTFont(target).getBestCmap()
    assert {0xF0C9, 0xF185} <= set(cmap)
    assert 0xF002 in full_cmap and 0xF002 not in cmap  # the magnifying glass was not asked for
    assert target.stat().st_size < source.stat().st_size / 10


@pytest.mark.parametrize("name", iconfont.FONT_FILES)
def test_subset_is_the_same_bytes_every_time_with_the_theme_fonts_timestamps(tmp_path, name, monkeypatch):
    source = THEME_FONTS / name
    first, second = tmp_path / f"1-{name}", tmp_path / f"2-{name}"
    iconfont.subset_font(source, first, {0xF0C9, 0xF185})
    # fontTools stamps the save time into the head table unless told not to: a later save.
    later = TTFont(source)["head"].modified + 10**8
    monkeypatch.setattr("fontTools.ttLib.tables._h_e_a_d.timestampNow", lambda: later)
    iconfont.subset_font(source, second, {0xF0C9, 0xF185})
    assert first.read_bytes() == second.read_bytes()
    original, subset = TTFont(source)["head"], TTFont(second)["head"]
    assert (subset.created, subset.modified) == (original.created, original.modified)
