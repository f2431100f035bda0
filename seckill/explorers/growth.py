"""Growth projection explorer (Chapter 1): when would steady growth reach a target?"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts, i18n
from seckill.chapters import ch01
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.i18n import mark, tr
from seckill.models import growth

# The header the "Show the numbers" table makes from the target's field name.
TABLE_HEADERS = (mark("Target"),)


def projection_table(
    base_year: int, base_value_rmb_bn: float, rate: float, end_year: int, target_rmb_bn: float
) -> tuple[pd.DataFrame, float]:
    """Projected GMV by year and the (fractional) number of years until it reaches ``target_rmb_bn``."""
    path = growth.project(base_value_rmb_bn, base_year, rate, end_year, value_name="gmv_rmb_bn")
    return path, growth.years_to_reach(base_value_rmb_bn, target_rmb_bn, rate)


def projection_chart(
    path: pd.DataFrame, *, target_rmb_bn: float, target_label: str, source: str, rate: float
) -> alt.LayerChart:
    """The projected path on a log axis with the target as a horizontal line (in 亿元 in Chinese)."""
    gmv = i18n.reader_unit("gmv_rmb_bn")
    target_value = gmv.value(target_rmb_bn)
    line = (
        alt.Chart(i18n.in_reader_units(path, [gmv.name]))
        .mark_line(color=charts.HIGHLIGHT_COLOUR, point=True)
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y(
                f"{gmv.field}:Q",
                title=tr("Sales (GMV), billion yuan — log scale"),
                scale=alt.Scale(type="log"),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip(f"{gmv.field}:Q", title=tr("GMV (bn yuan)"), format=gmv.format(",.0f")),
            ],
        )
    )
    target = (
        alt.Chart(pd.DataFrame({"target": [target_value], "label": [target_label]}))
        .mark_rule(color=charts.MAIN_COLOUR, strokeDash=[6, 3])
        .encode(y="target:Q")
    )
    label = (
        alt.Chart(pd.DataFrame({"target": [target_value], "label": [target_label]}))
        .mark_text(align="left", x=4, dy=-8, color=charts.MAIN_COLOUR)
        .encode(y="target:Q", text="label:N")
    )
    return charts.finish(
        alt.layer(line, target, label),
        title=tr("Singles' Day GMV projected at {rate:.0%} a year").format(rate=rate),
        source=source,
        description=tr(
            "Projection of Singles' Day sales growing {rate:.0%} a year on a log axis, with a horizontal "
            "line at {target}."
        ).format(rate=rate, target=target_label),
    )


def end_year_slider(base_year: int) -> Slider:
    """How far to project: one to sixty years after the base year, starting twenty years on."""
    return Slider("end_year", mark("Project to year"), "", base_year + 1, base_year + 60, 1, base_year + 20)


def projection_explorer(
    *, base_year: int, base_value_rmb_bn: float, target_rmb_bn: float, target_label: str, source: str
):
    """The chapter page's growth-rate slider and a horizon; shows the path and when it meets the target."""
    from IPython.display import Markdown

    def draw(growth_pct, end_year):
        rate = growth_pct / 100
        path, years = projection_table(base_year, base_value_rmb_bn, rate, end_year, target_rmb_bn)
        chart = projection_chart(
            path, target_rmb_bn=target_rmb_bn, target_label=target_label, source=source, rate=rate
        )
        text = tr(
            "At {rate} % a year the festival doubles every {doubling:.1f} years and reaches {target} "
            "after **{years:.1f} years**, around **{year:.0f}**."
        ).format(
            rate=growth_pct,
            doubling=growth.doubling_time_years(rate),
            target=target_label,
            years=years,
            year=base_year + years,
        )
        return [chart, Markdown(text)]

    return explorer([ch01.GROWTH_PCT, end_year_slider(base_year)], draw, failure=mark("Cannot project"))
