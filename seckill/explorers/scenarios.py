"""Scenario explorer (Chapter 8), with a live kernel: do China's parcels stay within their budget share?

The page's sliders plus the packaging per parcel and the year reported; every one of them moves the
answer. The streamers' income spread, a lever of :class:`seckill.models.scenarios.Levers` that does
not touch the parcels, stays at the starting value.
"""

from __future__ import annotations

import pandas as pd

from seckill.chapters import ch08
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.i18n import mark, tr
from seckill.models import scenarios

# Levers the page holds fixed: the packaging per parcel (bounded by scenarios.BOUNDS like the rest)
# and the year reported, which the explorer adds to the page's sliders (ch08.SCENARIO_CONTROLS).
GRAMS_PER_PARCEL = Slider(
    "grams_per_parcel",
    mark("Packaging per parcel"),
    mark("grams"),
    *scenarios.BOUNDS["grams_per_parcel"],
    1,
    None,
)


def end_year_slider(base: scenarios.Baseline) -> Slider:
    """The year reported: any year after the base year, up to the horizon the budget is followed to."""
    return Slider(
        "end_year", mark("Report the year"), "", base.base_year + 1, scenarios.HORIZON_YEAR, 1, None
    )


def summary_table(result: dict, levers: scenarios.Levers, base: scenarios.Baseline) -> pd.DataFrame:
    """The explorer's answer for one scenario as a two-column table a reader can copy.

    ``result`` is :func:`seckill.models.scenarios.delivery_verdict` for ``levers``. Each amount is
    also passed under its Chinese-scale name (``co2e_wan_t``), which the Chinese writes in 万吨.
    """
    year = result["used_up_year"]
    end, first = levers.end_year, base.base_year + 1
    rows = [
        (
            tr("Parcels in China, {year}").format(year=end),
            tr("{parcels_bn:,.0f} bn a year").format(
                parcels_bn=result["parcels_end_bn"], parcels_yi=10 * result["parcels_end_bn"]
            ),
        ),
        (
            tr("Parcel CO2e, {year}").format(year=end),
            tr("{co2e_mt:,.0f} Mt a year ({change:+.0%} on {base_year})").format(
                co2e_mt=result["co2e_end_mt"],
                co2e_wan_t=100 * result["co2e_end_mt"],
                change=result["co2e_change"],
                base_year=base.base_year,
            ),
        ),
        (
            tr("Parcel CO2e emitted {first}-{last}").format(first=first, last=end),
            tr("{cumulative_mt:,.0f} Mt = {share:.0%} of the share").format(
                cumulative_mt=result["cumulative_end_mt"],
                cumulative_wan_t=100 * result["cumulative_end_mt"],
                share=result["budget_used_share"],
            ),
        ),
        (
            tr("The parcels' share of the 1.5 °C budget (assumption)"),
            tr("{budget_mt:,.0f} Mt CO2e").format(
                budget_mt=result["budget_mt"], budget_wan_t=100 * result["budget_mt"]
            ),
        ),
        (
            tr("The share is used up"),
            tr("after {year}").format(year=end) if year is None else tr("{year}").format(year=year),
        ),
    ]
    return pd.DataFrame(rows, columns=[tr("Result"), tr("Value")])


def explorer_controls(base: scenarios.Baseline, start: scenarios.Levers) -> list[Slider]:
    """The page's sliders with the packaging per parcel among them (after the rebound), then the year."""
    page = list(ch08.scenario_controls(start))
    after_rebound = [control.name for control in page].index("rebound_pct") + 1
    page.insert(after_rebound, GRAMS_PER_PARCEL.starting_at(start.grams_per_parcel))
    return [*page, end_year_slider(base).starting_at(start.end_year)]


def scenario_explorer(base: scenarios.Baseline, start: scenarios.Levers):
    """Sliders for every lever and the end year; the chart of changes and a table of results."""

    def draw(**levers):
        chosen = scenarios.Levers(**levers, income_sigma=start.income_sigma)
        result = scenarios.delivery_verdict(chosen, base)
        return [
            ch08.delivery_chart(chosen, base),
            summary_table(result, chosen, base).style.set_uuid("scenario-results").hide(axis="index"),
        ]

    return explorer(explorer_controls(base, start), draw, failure=mark("Cannot compute this scenario"))
