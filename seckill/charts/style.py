"""The book's one chart style: theme, colour palette and the parts every chart must have.

Every chart in the book has a title, axis titles with units, a source line and a ``description``
that screen readers announce. :func:`finish` adds the last three in one place so no chart can
forget them. Colours come from the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness. :func:`readout` draws the lines of text that interactive charts compute
in the browser as the reader moves a control, and :func:`with_model_table` gives such a chart the
table of numbers it shows at its starting settings, computed in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import altair as alt
import pandas as pd

from seckill import i18n
from seckill.charts import render, tables

# Okabe & Ito (2008), "Color Universal Design"; black first for a single main series.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
CATEGORY_COLOURS = [
    PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "black")
]
MAIN_COLOUR = PALETTE["blue"]
HIGHLIGHT_COLOUR = PALETTE["vermillion"]
TEXT_COLOUR = "#1f1f1f"
MUTED_TEXT_COLOUR = "#4d4d4d"  # 8.5:1 on white, above the WCAG AA contrast ratio
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', sans-serif"

HEIGHT_PX = 300
# Vega-Lite shrinks the plot until the title fits the container, so a long one-line title would
# squeeze the plot to a sliver on a phone. Titles are wrapped into lines instead (characters).
# Widths count columns of Latin letters; a Chinese character counts two (seckill.i18n.wrap), so a
# Chinese title wraps at about 18 characters.
TITLE_LINE_CHARS = 36
SUBTITLE_LINE_CHARS = 52
THEME_NAME = "seckill"
# A legend's labelExpr for long labels: a label longer than LEGEND_LINE_CHARS breaks before " ("
# onto a second line, so it fits a 390 px phone (Vega draws an array of strings as lines). A
# Chinese label, whose characters are twice as wide, breaks before "（" from half that length.
LEGEND_LINE_CHARS = 36
_BREAK = "indexof(datum.label, ' (')"
_WIDE_BREAK = "indexof(datum.label, '（')"
TWO_LINE_LABEL = (
    f"length(datum.label) > {LEGEND_LINE_CHARS} && {_BREAK} > 0"
    f" ? [slice(datum.label, 0, {_BREAK}), slice(datum.label, {_BREAK} + 1)]"
    f" : length(datum.label) > {LEGEND_LINE_CHARS // 2} && {_WIDE_BREAK} > 0"
    f" ? [slice(datum.label, 0, {_WIDE_BREAK}), slice(datum.label, {_WIDE_BREAK})] : datum.label"
)


@alt.theme.register(THEME_NAME, enable=False)
def theme() -> alt.theme.ThemeConfig:
    """Readable on a phone and in a projector: system fonts, large labels, light grid."""
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousHeight": HEIGHT_PX},
            "background": "#ffffff",
            "title": {
                "fontSize": 16,
                "anchor": "start",
                "color": TEXT_COLOUR,
                "subtitleColor": MUTED_TEXT_COLOUR,
                "subtitleFontSize": 12,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "gridColor": "#e3e3e3",
            },
            # One column at the bottom: long labels stay whole on a phone instead of being cut off.
            # Two legends stack, one under the other, instead of standing side by side (Vega's
            # default), which pushed the second past the right edge of a 390 px phone. Legends
            # with long labels use TWO_LINE_LABEL.
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "orient": "bottom",
                "direction": "vertical",
                "labelLimit": 360,
                "titleLimit": 360,
                "layout": {
                    "expr": "{bottom: {anchor: 'start', direction: 'vertical', margin: 10, offset: 18}}"
                },
            },
            "range": {"category": CATEGORY_COLOURS},
            "line": {"strokeWidth": 2.5},
            # Points drawn without a colour of their own (a line's point overlay, a tooltip target)
            # take the palette's main colour, not Vega's default blue, which is not in the palette.
            "point": {"size": 60, "filled": True, "color": MAIN_COLOUR},
        }
    }


def use() -> None:
    """Turn on the book's theme and the renderer that suits where the code runs."""
    alt.theme.enable(THEME_NAME)
    render.enable()


def finish(chart: alt.TopLevelMixin, *, title: str, source: str, description: str):
    """Give ``chart`` its title, a 'Source: …' line under the title and a screen-reader description.

    The three texts come already in the reader's language (the chapter passes them through
    :func:`seckill.i18n.tr`); titles wrap to suit it (:func:`seckill.i18n.wrap`), and a chart in a
    language other than English gets its number and date formats (:func:`seckill.i18n.vega_locale`).

    ``width='container'`` lets the chart shrink to a phone's width instead of overflowing it
    (single and layered charts; concatenated charts keep the widths of their parts).
    """
    if not title or not source or not description:
        raise ValueError("every chart needs a title, a source and a description")
    properties = {
        "title": alt.TitleParams(
            text=i18n.wrap(title, TITLE_LINE_CHARS),
            subtitle=i18n.wrap(i18n.tr("Source: {source}").format(source=source), SUBTITLE_LINE_CHARS),
        ),
        "description": description,
    }
    locale = i18n.vega_locale()
    if locale is not None:
        config = chart.config if isinstance(chart.config, alt.Config) else alt.Config()
        properties["config"] = alt.Config(**{**config.to_dict(validate=False), "locale": locale})
    # Vega-Lite cannot size concatenated views to the container; each part sets its own width,
    # which its builder must keep narrow enough for a phone.
    if not isinstance(chart, alt.VConcatChart | alt.HConcatChart | alt.ConcatChart):
        properties["width"] = "container"
    return chart.properties(**properties)


def _px(value: float | str) -> float | alt.ExprRef:
    """A pixel position: a number as it is, a string as a Vega expression (e.g. "height + 44")."""
    return alt.ExprRef(value) if isinstance(value, str) else value


def readout(
    lines: Sequence[str],
    *,
    frame: alt.Chart | None = None,
    x_px: float | str = 0,
    y_px: float | str = 0,
    line_height_px: float = 18,
    font_size_px: float = 12,
    bold: Literal["first", "all"] = "first",
    align: Literal["left", "right"] = "left",
    baseline: Literal["top", "middle", "bottom"] | None = None,
) -> list[alt.Chart]:
    """Lines of text computed in the browser as the reader moves a control: one text mark a line.

    ``lines`` are Vega expressions, one per line; they may read the chart's parameters and the
    fields of ``frame``'s row (``frame`` defaults to a one-row frame, for lines that read only
    parameters; give it one row, e.g. by filtering or aggregating). The first line is drawn at
    (``x_px``, ``y_px``) from the plot area's top left, each next one ``line_height_px`` lower. A
    position given as a string is a Vega expression in the plot's ``width`` and ``height``, e.g.
    ``"height + 44"`` (under the x axis) or ``"width - 6"`` (with ``align="right"``). ``bold``
    sets the first line, or all, in bold. ``baseline`` None keeps Vega-Lite's default (middle).

    Returns a list of charts, to be spread into ``alt.layer(..., *readout(...))``, which keeps the
    chart's layers flat.
    """
    if isinstance(lines, str):  # a bare string would be split into one line per character
        raise ValueError("lines must be a list of Vega expressions, not a single string")
    if not lines:
        raise ValueError("a read-out needs at least one line (a Vega expression)")
    blank = [number for number, line in enumerate(lines) if not str(line).strip()]
    if blank:
        raise ValueError(f"read-out lines must be Vega expressions; line(s) {blank} are empty")
    if bold not in ("first", "all"):
        raise ValueError(f"bold must be 'first' or 'all', not {bold!r}")
    if not line_height_px > 0 or not font_size_px > 0:
        raise ValueError(
            f"line_height_px ({line_height_px}) and font_size_px ({font_size_px}) must be positive"
        )
    frame = alt.Chart(pd.DataFrame({"anchor": [0]})) if frame is None else frame
    optional = {} if baseline is None else {"baseline": baseline}
    marks = []
    for number, expression in enumerate(lines):
        offset_px = line_height_px * number
        if isinstance(y_px, str):
            y = alt.ExprRef(y_px if number == 0 else f"{y_px} + {offset_px:g}")
        else:
            y = y_px + offset_px
        marks.append(
            frame.transform_calculate(label=expression)
            .mark_text(
                align=align,
                **optional,
                x=_px(x_px),
                y=y,
                fontSize=font_size_px,
                fontWeight="bold" if bold == "all" or number == 0 else "normal",
                color=TEXT_COLOUR,
            )
            .encode(text="label:N")
        )
    return marks


def vega_text(template: str, **expressions: str) -> str:
    """A Vega expression that writes ``template`` (a translated text) with each ``{name}`` replaced
    by the value of the Vega expression given for it: ``vega_text(tr("At {rate}% a year"),
    rate="growth_pct")`` is ``'At ' + growth_pct + '% a year'``. So a read-out the browser computes
    is one whole sentence in the catalogue, whatever the language's word order."""
    import string

    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if literal:
            parts.append("'" + literal.replace("\\", "\\\\").replace("'", "\\'") + "'")
        if name is not None:
            if spec or conversion or name not in expressions:
                raise ValueError(f"{{{name}}} in {template!r} needs a plain Vega expression: give {name}=...")
            parts.append(expressions[name])
    if not parts:
        raise ValueError("a read-out needs a text")
    if not parts[0].startswith(("'", "format(", "timeFormat(")):
        parts.insert(0, "''")  # so that + joins texts even when the sentence starts with a number
    return " + ".join(parts)


# Chinese counts large numbers in 万 (10^4) and 亿 (10^8), not in thousands and millions.
_WAN_YI_LABEL = (
    "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '~g') + '亿' : "
    "abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '~g') + '万' : format(datum.value, '~g')"
)


def large_number_axis(*, log_scale: bool = False, **properties) -> alt.Axis:
    """An axis of counts spanning many powers of ten: 1k, 10k, 1M in English (SI prefixes),
    1000, 1万, 100万 in Chinese. On a log scale only the powers of ten are labelled, as Vega
    labels them when given a format."""
    if not i18n.is_chinese():
        return alt.Axis(format="~s", **properties)
    label = _WAN_YI_LABEL
    if log_scale:
        exponent = "log(datum.value) / LN10"
        label = f"abs({exponent} - round({exponent})) > 1e-6 ? '' : {label}"
    return alt.Axis(labelExpr=label, **properties)


def with_model_table(chart, frame: pd.DataFrame, *, caption: str, titles: dict[str, str], model: str):
    """Give a chart that computes its numbers in the browser a table of them, computed in Python.

    ``frame`` holds what the chart shows at its starting settings, computed by the Python model
    that the chart's Vega expressions mirror (named in ``model``, e.g.
    ``"seckill.models.value_chain.split_price"``); ``titles`` maps each of its columns to a header with
    units, in the order to show them; ``caption`` says what the table holds. Its "Show the numbers"
    table (:mod:`seckill.charts.tables`) then shows this table instead of the chart's datasets, which
    hold only labels and inputs. Checks as :func:`seckill.charts.tables.model_table_meta` (raises
    ``ValueError``); other ``usermeta`` entries, such as vega-embed options, are kept.
    """
    meta = tables.model_table_meta(frame, caption=caption, titles=titles, model=model)
    existing = chart.usermeta if isinstance(chart.usermeta, dict) else {}
    return chart.properties(usermeta={**existing, tables.MODEL_TABLE_KEY: meta})
