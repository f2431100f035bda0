"""Rebalancing explorer (Chapter 6): how long until consumption reaches a target share of GDP?"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.chapters import ch06
from seckill.explorers import explorer
from seckill.i18n import tr
from seckill.models import rebalancing


def path_chart(path: pd.DataFrame, *, target_pct: float, source: str) -> alt.LayerChart:
    """The consumption share path with the target as a dashed line."""
    line = (
        alt.Chart(path)
        .mark_line(color=charts.HIGHLIGHT_COLOUR)
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y(
                "share_pct:Q", title=tr("Household consumption, % of GDP"), scale=alt.Scale(domain=[0, 100])
            ),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("share_pct:Q", format=".1f")],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [target_pct]}))
        .mark_rule(color=charts.MAIN_COLOUR, strokeDash=[6, 3])
        .encode(y="target:Q")
    )
    return charts.finish(
        alt.layer(rule, line),
        title=tr("Household consumption share under your assumptions"),
        source=source,
        description=tr(
            "Line chart of the household consumption share of GDP by year under the growth rates "
            "chosen (assumptions), with a dashed line at the target of {target_pct:.0f} percent."
        ).format(target_pct=target_pct),
    )


def describe(result: rebalancing.Rebalancing, base_year: int) -> str:
    """One paragraph in words for a :class:`~seckill.models.rebalancing.Rebalancing` answer."""
    return (
        f"The target is reached after **{result.years:.1f} years** (around {base_year + result.years:.0f}). "
        f"By then households buy **{result.consumption_volume_multiple:.2f} times** the volume of "
        f"{base_year}, GDP is {result.gdp_volume_multiple:.2f} times as large, and everything else in "
        f"GDP (investment, government, net exports) may grow only "
        f"{100 * result.rest_of_gdp_growth:.1f} % a year."
    )


def answer(
    current_share_pct: float,
    target_pct: float,
    gdp_growth_pct: float,
    consumption_growth_pct: float,
    base_year: int,
) -> tuple[rebalancing.Rebalancing | None, str]:
    """The model's answer and a sentence for it; a clear message (and no result) for bad settings."""
    try:
        result = rebalancing.rebalance(
            current_share_pct / 100, target_pct / 100, gdp_growth_pct / 100, consumption_growth_pct / 100
        )
    except ValueError as error:
        return None, f"**No answer:** {error}"
    return result, describe(result, base_year)


def rebalancing_explorer(*, base_year: int, current_share_pct: float, source: str):
    """The page chart's sliders for GDP growth, consumption growth and the target; the path and the answer.

    As on the page, the lowest target is just above the current share; growth rates at which
    consumption never outgrows GDP give the model's message instead of a chart.
    """
    from IPython.display import Markdown

    def draw(gdp_growth_pct, consumption_growth_pct, target_pct):
        result, text = answer(
            current_share_pct, target_pct, gdp_growth_pct, consumption_growth_pct, base_year
        )
        if result is None:
            return [Markdown(text)]
        horizon = min(rebalancing.MAX_HORIZON_YEARS, max(10, int(result.years) + 5))
        path = rebalancing.rebalancing_path(
            current_share_pct / 100,
            gdp_growth_pct / 100,
            consumption_growth_pct / 100,
            base_year=base_year,
            horizon_years=horizon,
        )
        return [path_chart(path, target_pct=target_pct, source=source), Markdown(text)]

    controls = [ch06.GDP_GROWTH_PCT, ch06.CONSUMPTION_GROWTH_PCT, ch06.target_control(current_share_pct)]
    return explorer(controls, draw)
