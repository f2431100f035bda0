"""Decoupling scenario explorer (Chapter 7): growth, efficiency, rebound and the carbon budget."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.explorers import in_static_book, static_placeholder
from seckill.models import decoupling

TABLE_EVERY_YEARS = 5


def scenario_table(
    defaults: dict[str, float],
    *,
    consumption_growth: float,
    intensity_decline: float,
    rebound: float,
    population_growth: float,
    end_year: int,
    budget_gtco2: float,
) -> tuple[pd.DataFrame, dict[str, float | int | None]]:
    """The world path for one scenario, thinned to every fifth year, and a summary of it.

    ``defaults`` is :func:`seckill.chapters.ch07.budget_defaults`. The summary holds ``emissions_end_gtco2``,
    ``change_vs_base`` (fraction), ``exhaustion_year`` (None if the budget lasts past ``end_year``)
    and ``required_decline`` (None if no decline can offset the growth).
    """
    base_year = int(defaults["base_year"])
    path = decoupling.calibrated_path(
        base_year=base_year,
        end_year=end_year,
        base_emissions_gtco2=defaults["base_emissions_gtco2"],
        base_population=defaults["base_population"],
        population_growth=population_growth,
        consumption_growth=consumption_growth,
        intensity_decline=intensity_decline,
        rebound=rebound,
    )
    try:
        required = decoupling.required_intensity_decline(population_growth, consumption_growth, rebound)
    except ValueError:
        required = None
    summary = {
        "emissions_end_gtco2": float(path["emissions_gtco2"].iloc[-1]),
        "change_vs_base": float(path["emissions_gtco2"].iloc[-1] / path["emissions_gtco2"].iloc[0] - 1),
        "exhaustion_year": decoupling.budget_exhaustion_year(path, budget_gtco2),
        "required_decline": required,
    }
    keep = ((path["year"] - base_year) % TABLE_EVERY_YEARS == 0) | (path["year"] == end_year)
    table = pd.DataFrame(
        {
            "Year": path.loc[keep, "year"],
            "Population, bn": path.loc[keep, "population"] / 1e9,
            f"Consumption per person ({base_year} = 100)": 100 * path.loc[keep, "consumption_per_person"],
            f"CO2 per unit consumed ({base_year} = 100)": 100
            * path.loc[keep, "intensity"]
            / path["intensity"].iloc[0],
            "CO2, Gt a year": path.loc[keep, "emissions_gtco2"],
            f"CO2 since start of {base_year + 1}, Gt": path.loc[keep, "cumulative_gtco2"],
        }
    ).reset_index(drop=True)
    return table, summary


def scenario_chart(table: pd.DataFrame, *, budget_gtco2: float, budget_label: str) -> alt.LayerChart:
    """Yearly emissions for the scenario's table rows, with the budget noted in the title."""
    line = (
        alt.Chart(table)
        .mark_line(point=True, color=charts.HIGHLIGHT_COLOUR)
        .encode(
            x=alt.X("Year:Q", axis=alt.Axis(format="d"), title="Year"),
            y=alt.Y("CO2, Gt a year:Q", title="World CO2, billion tonnes a year", scale=alt.Scale(zero=True)),
        )
    )
    return charts.finish(
        line,
        title=f"Your scenario against a {budget_gtco2:.0f} Gt budget",
        source=f"Global Carbon Budget 2024; {budget_label}; World Bank; scenario set by the reader",
        description="Line chart of the world's yearly CO2 emissions in the reader's scenario, every 5 years.",
    )


def scenario_explorer(defaults: dict[str, float]):
    """Sliders for growth, efficiency, rebound, population and horizon; a chart and a results table."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    style = {"description_width": "initial"}
    layout = widgets.Layout(width="26rem")

    def slider(description, value, low, high, step):
        return widgets.FloatSlider(
            value=round(value, 1),
            min=low,
            max=high,
            step=step,
            description=description,
            style=style,
            layout=layout,
            readout_format=".1f",
        )

    growth = slider("Consumption per person, % a year", 100 * defaults["consumption_growth"], -3, 6, 0.1)
    decline = slider(
        "Fall in CO2 per unit consumed, % a year", 100 * defaults["intensity_decline"], 0, 15, 0.1
    )
    rebound = slider("Rebound, % of saving (assumption)", 0, 0, 100, 5)
    population = slider("Population, % a year", 100 * defaults["population_growth"], -1, 2, 0.1)
    end_year = widgets.IntSlider(
        value=int(defaults["end_year"]),
        min=int(defaults["base_year"]) + 5,
        max=2100,
        step=5,
        description="Until year",
        style=style,
        layout=layout,
    )
    chance = widgets.Dropdown(
        options=[("50 % chance of 1.5 °C", 50), ("67 % chance", 67), ("83 % chance", 83)],
        value=50,
        description="Budget",
        style=style,
    )
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            budget = defaults[f"budget_{chance.value}"]
            try:
                table, summary = scenario_table(
                    defaults,
                    consumption_growth=growth.value / 100,
                    intensity_decline=decline.value / 100,
                    rebound=rebound.value / 100,
                    population_growth=population.value / 100,
                    end_year=end_year.value,
                    budget_gtco2=budget,
                )
            except ValueError as error:
                display(Markdown(f"**Cannot compute this scenario:** {error}"))
                return
            label = f"1.5 °C budget at {chance.value} % chance (IGCC 2024)"
            display(scenario_chart(table, budget_gtco2=budget, budget_label=label))
            year = summary["exhaustion_year"]
            used_up = f"is used up in **{year}**" if year else f"lasts beyond {end_year.value}"
            needed = summary["required_decline"]
            needed_text = (
                f"at least **{100 * needed:.1f} % a year**"
                if needed is not None
                else "more than any efficiency gain can give"
            )
            display(
                Markdown(
                    f"Emissions in {end_year.value}: **{summary['emissions_end_gtco2']:.1f} Gt** "
                    f"({summary['change_vs_base']:+.0%} on {int(defaults['base_year'])}). "
                    f"The {budget:.0f} Gt budget {used_up}. For emissions to fall at this growth, CO2 per "
                    f"unit consumed must fall by {needed_text}."
                )
            )
            display(table.style.format(precision=1).hide(axis="index"))

    for control in (growth, decline, rebound, population, end_year, chance):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([growth, decline, rebound, population, end_year, chance, output])
