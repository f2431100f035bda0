"""Scenario explorer (Chapter 8): every lever of :mod:`seckill.models.scenarios`, with a live kernel."""

from __future__ import annotations

import pandas as pd

from seckill.chapters import ch08
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.models import scenarios

# Levers the page holds fixed: the packaging per parcel (bounded by scenarios.BOUNDS like the rest)
# and the year reported, which the explorer adds to the page's sliders (ch08.SCENARIO_CONTROLS).
GRAMS_PER_PARCEL = Slider(
    "grams_per_parcel", "Packaging per parcel", "grams", *scenarios.BOUNDS["grams_per_parcel"], 1, None
)


def end_year_slider(base: scenarios.Baseline) -> Slider:
    """The year reported: any year after the base year, up to the horizon the budget is followed to."""
    return Slider("end_year", "Report the year", "", base.base_year + 1, scenarios.HORIZON_YEAR, 1, None)


def summary_table(result: dict, levers: scenarios.Levers, base: scenarios.Baseline) -> pd.DataFrame:
    """The scenario's results as a two-column table a reader can copy."""
    year = result["exhaustion_year"]
    rows = [
        (
            f"Parcels in China, {levers.end_year}",
            f"{result['parcels_end_bn']:,.0f} bn ({result['parcels_change']:+.0%})",
        ),
        (
            f"Parcel CO2e, {levers.end_year}",
            f"{result['parcel_co2e_end_mt']:,.0f} Mt ({result['parcel_co2e_change']:+.0%})",
        ),
        (f"New packaging, {levers.end_year}", f"{result['new_packaging_end_mt']:,.1f} Mt"),
        (
            f"World CO2, {levers.end_year}",
            f"{result['emissions_end_gt']:.1f} Gt ({result['emissions_change']:+.0%})",
        ),
        (
            f"CO2 emitted {base.base_year + 1}-{levers.end_year}",
            f"{result['cumulative_end_gt']:,.0f} Gt = {result['budget_used_share']:.0%} of the 1.5 °C budget",
        ),
        ("1.5 °C budget (50 % chance) used up", "after 2100" if year is None else str(year)),
        ("Streamers' income: Gini", f"{result['gini']:.2f}"),
        ("Streamers' income: top 1 % share", f"{result['top1_share']:.0%}"),
    ]
    return pd.DataFrame(rows, columns=["Result", "Value"])


def explorer_controls(base: scenarios.Baseline, start: scenarios.Levers) -> list[Slider]:
    """The page's sliders with the packaging per parcel among them (after the rebound), then the year."""
    page = list(ch08.scenario_controls(start))
    after_rebound = [control.name for control in page].index("rebound_pct") + 1
    page.insert(after_rebound, GRAMS_PER_PARCEL.starting_at(start.grams_per_parcel))
    return [*page, end_year_slider(base).starting_at(start.end_year)]


def scenario_explorer(base: scenarios.Baseline, start: scenarios.Levers):
    """Sliders for every lever and the end year; the chart of changes and a table of results."""

    def draw(**levers):
        chosen = scenarios.Levers(**levers)
        result = scenarios.run(chosen, base)
        return [
            ch08.results_chart(result, end_year=chosen.end_year, base_year=base.base_year),
            summary_table(result, chosen, base).style.set_uuid("scenario-results").hide(axis="index"),
        ]

    return explorer(explorer_controls(base, start), draw, failure="Cannot compute this scenario")
