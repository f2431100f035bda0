"""Scenario explorer (Chapter 8): every lever of :mod:`seckill.models.scenarios`, with a live kernel."""

from __future__ import annotations

import pandas as pd

from seckill.explorers import in_static_book, static_placeholder
from seckill.models import scenarios

# Widget labels and steps; bounds come from scenarios.BOUNDS, so the widgets cannot leave them.
CONTROLS = [
    ("growth_pct", "Growth of consumption per person, % a year", 0.1),
    ("sufficiency_pct", "Sufficiency: fewer goods bought, % a year (assumption)", 0.5),
    ("efficiency_pct", "Efficiency: CO2 per unit falls, % a year", 0.1),
    ("rebound_pct", "Rebound, % of saving spent again (assumption)", 5),
    ("grams_per_parcel", "Packaging per parcel, grams", 1),
    ("reuse_pct", "Parcels in reused packaging, % (assumption)", 5),
    ("scarcity_boost_pct", "Scarcity cues raise ordering by, % (assumption)", 10),
    ("income_sigma", "Spread of streamers' log incomes, σ (assumption)", 0.05),
]


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


def scenario_explorer(base: scenarios.Baseline, start: scenarios.Levers):
    """Sliders for every lever and the end year; the chart of changes and a table of results."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    from seckill.chapters import ch08

    style = {"description_width": "initial"}
    layout = widgets.Layout(width="30rem")
    sliders = {}
    for name, label, step in CONTROLS:
        low, high = scenarios.BOUNDS[name]
        sliders[name] = widgets.FloatSlider(
            value=getattr(start, name),
            min=low,
            max=high,
            step=step,
            description=label,
            style=style,
            layout=layout,
        )
    end_year = widgets.IntSlider(
        value=start.end_year,
        min=base.base_year + 1,
        max=scenarios.HORIZON_YEAR,
        step=1,
        description="Report the year",
        style=style,
        layout=layout,
    )
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            try:
                levers = scenarios.Levers(
                    **{name: slider.value for name, slider in sliders.items()}, end_year=end_year.value
                )
                result = scenarios.run(levers, base)
            except ValueError as error:
                display(Markdown(f"**Cannot compute this scenario:** {error}"))
                return
            display(ch08.results_chart(result, end_year=levers.end_year, base_year=base.base_year))
            display(summary_table(result, levers, base).style.hide(axis="index"))

    for control in [*sliders.values(), end_year]:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*sliders.values(), end_year, output])
