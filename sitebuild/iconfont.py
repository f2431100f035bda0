"""Cut the theme's icon font down to the icons the built book shows.

The theme draws its icons (menu, search, theme switch, download, launch, admonition markers...)
with the Font Awesome 6 solid font: 156 kB of WOFF2 holding about 1,400 glyphs, of which the book
shows a few dozen. It was the second-heaviest file on every page after the Vega bundle. After each
HTML build, :func:`subset_theme_font` rewrites the font files in the output to hold only the
glyphs that the site can show:

- every ``fa-NAME`` class named in an output page or in the theme's scripts (the theme's own
  scripts create a few icons at run time), mapped to its code point by the theme's stylesheet;
- every icon code point that a stylesheet writes directly into ``content`` or a custom property
  (the theme's admonition and sidebar markers and the book's own repository icon), outside the
  ``.fa-NAME:before`` rules that merely list what the font offers.

The full font in the installed theme is the input every time, so repeated and incremental builds
give the same result. Only a build needs fontTools (``requirements-dev.txt``); readers running the notebooks
never import this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_DIR = "_static/vendor/fontawesome/webfonts"
# The theme's stylesheets draw icons with weight 900 (solid); the regular and brands fonts are
# never requested by the book's pages (the repository icon is drawn from the solid font too).
FONT_FILES = ("fa-solid-900.woff2", "fa-solid-900.ttf")
ICON_CSS = "_static/styles/pydata-sphinx-theme.css"
PRIVATE_USE_AREA = (0xE000, 0xF8FF)

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ICON_SELECTOR = re.compile(r"\.fa-([a-z0-9-]+)::?before")
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_ICON_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)\b")


def _unescape_css(text: str) -> str:
    def replace(match: re.Match) -> str:
        return chr(int(match.group(1), 16)) if match.group(1) else match.group(2)

    return _CSS_ESCAPE.sub(replace, text)


def _code_points_in_strings(declarations: str) -> set[int]:
    points = set()
    for match in _QUOTED.finditer(declarations):
        points.update(ord(char) for char in _unescape_css(match.group(1) or match.group(2) or ""))
    return points


def _is_icon_list_rule(selectors: str) -> bool:
    parts = [part.strip() for part in selectors.split(",")]
    return all(_ICON_SELECTOR.fullmatch(part) for part in parts)


def icon_code_points(icon_css: str) -> dict[str, int]:
    """Map each ``fa-NAME`` class to the code point the stylesheet draws for it."""
    icons: dict[str, int] = {}
    for selectors, declarations in _RULE.findall(icon_css):
        if not _is_icon_list_rule(selectors):
            continue
        points = _code_points_in_strings(declarations)
        if len(points) != 1:
            continue  # not a single-glyph icon rule
        (point,) = points
        for name in _ICON_SELECTOR.findall(selectors):
            icons[name] = point
    return icons


def code_points_written_in_css(css: str) -> set[int]:
    """Icon code points a stylesheet writes directly, outside the ``.fa-NAME:before`` catalogue.

    Font Awesome keeps its icons in Unicode's Private Use Area; other quoted strings in a
    stylesheet are font names, quotes and labels, which the icon font does not draw.
    """
    points: set[int] = set()
    for selectors, declarations in _RULE.findall(css):
        if not _is_icon_list_rule(selectors):
            points |= {
                p
                for p in _code_points_in_strings(declarations)
                if PRIVATE_USE_AREA[0] <= p <= PRIVATE_USE_AREA[1]
            }
    return points


def glyphs_needed(icon_css: str, stylesheets: Iterable[str], pages_and_scripts: Iterable[str]) -> set[int]:
    """Every code point the site can draw with the icon font."""
    icons = icon_code_points(icon_css)
    if not icons:
        raise ValueError("found no Font Awesome icon rules in the theme's stylesheet")
    needed: set[int] = set()
    for css in stylesheets:
        needed |= code_points_written_in_css(css)
    for text in pages_and_scripts:
        needed.update(icons[name] for name in _ICON_CLASS.findall(text) if name in icons)
    return needed


def subset_font(source: Path, target: Path, code_points: set[int]) -> None:
    """Write ``source`` to ``target`` holding only ``code_points`` (same format as the source)."""
    options = subset.Options()
    options.flavor = "woff2" if source.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    # Keep the source font's creation and modification times: fontTools would otherwise stamp the
    # save time into the head table, and two builds of the same commit would ship different fonts.
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(target)


def _site_texts(outdir: Path) -> tuple[list[str], list[str]]:
    stylesheets = [p.read_text(encoding="utf-8") for p in outdir.glob("_static/**/*.css")]
    pages_and_scripts = [p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")]
    for script in outdir.glob("_static/**/*.js"):
        # fontawesome.js is the icon catalogue (and is not loaded); vendor/ holds Vega.
        if "fontawesome" not in script.name and "vendor" not in script.parts:
            pages_and_scripts.append(script.read_text(encoding="utf-8"))
    return stylesheets, pages_and_scripts


def subset_theme_font(theme_static: Path, outdir: Path) -> set[int]:
    """Replace the theme's solid icon font in ``outdir`` by a subset of what the site shows.

    ``theme_static`` is the installed theme's ``static`` folder, which holds the full font. It takes
    a fraction of a second, so it runs after every build. Returns the code points kept.
    """
    icon_css = (outdir / ICON_CSS).read_text(encoding="utf-8")
    stylesheets, pages_and_scripts = _site_texts(outdir)
    needed = glyphs_needed(icon_css, stylesheets, pages_and_scripts)
    for name in FONT_FILES:
        subset_font(theme_static / "vendor/fontawesome/webfonts" / name, outdir / FONT_DIR / name, needed)
    return needed
