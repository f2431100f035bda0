"""Rebalancing explorer (Chapter 6): how long until consumption reaches a target share of GDP?"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.chapters import ch06
from seckill.explorers import explorer
from seckill.i18n import tr
from seckill.models import rebalancing


def default_source(base_year: int) -> str:
    """The source line of the explorer's chart: where its start comes from, in the reader's language."""
    return tr(
        "start: World Bank WDI, China {base_year}; growth rates are assumptions set by the reader"
    ).format(base_year=base_year)


def path_chart(path: pd.DataFrame, *, target_pct: float, source: str | None = None) -> alt.LayerChart:
    """The consumption share path with the target as a dashed line; ``source`` defaults to
    :func:`default_source` for the path's first year."""
    source = default_source(int(path["year"].min())) if source is None else source
    line = (
        alt.Chart(path[["year", "share_pct"]])
        .mark_line(color=charts.HIGHLIGHT_COLOUR)
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y(
                "share_pct:Q", title=tr("Household consumption, % of GDP"), scale=alt.Scale(domain=[0, 100])
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip("share_pct:Q", title=tr("Household consumption, % of GDP"), format=".1f"),
            ],
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
    return tr(
        "The target is reached after **{years:.1f} years** (around {year:.0f}). By then households "
        "buy **{consumption:.2f} times** the volume of {base_year}, GDP is {gdp:.2f} times as large, "
        "and everything else in GDP (investment, government, net exports) may grow only {rest:.1f} % "
        "a year."
    ).format(
        years=result.years,
        year=base_year + result.years,
        consumption=result.consumption_volume_multiple,
        base_year=base_year,
        gdp=result.gdp_volume_multiple,
        rest=100 * result.rest_of_gdp_growth,
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
        return None, tr("**No answer:** {error}").format(error=error)
    return result, describe(result, base_year)


def rebalancing_explorer(*, base_year: int, current_share_pct: float, source: str | None = None):
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
