"""Decoupling scenario explorer (Chapter 7): growth, efficiency, rebound and the carbon budget."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from seckill import charts
from seckill.chapters.ch07 import budget as ch07_budget
from seckill.controls import Menu, Slider
from seckill.explorers import explorer
from seckill.i18n import in_reader_units, mark, reader_unit, tr
from seckill.models import decoupling

TABLE_EVERY_YEARS = 5
# Controls only the notebook has; the page holds population growth, the horizon and the budget's
# chance fixed. Population starts at its last observed rate (from the data).
POPULATION_PCT = Slider("population_pct", mark("Population"), mark("% a year"), -1, 2, 0.1, None)
END_YEAR_STEP = 5
CHANCE = Menu(
    "chance",
    mark("Budget"),
    "",
    (50, 67, 83),
    50,
    labels=(mark("50 % chance of 1.5 °C"), mark("67 % chance"), mark("83 % chance")),
)


def end_year_slider(defaults: dict[str, float]) -> Slider:
    """Until which year to follow the path: from five years after the base year to 2100, in fives.

    The fives are counted from a round year, so that the default end year is one of them.
    """
    first = END_YEAR_STEP * math.ceil((int(defaults["base_year"]) + END_YEAR_STEP) / END_YEAR_STEP)
    return Slider("end_year", mark("Until year"), "", first, 2100, END_YEAR_STEP, int(defaults["end_year"]))


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


# The table's quantities in English scales, by the name that gives their Chinese scale (亿, 亿吨).
TABLE_QUANTITIES = {"Population, bn": "population_bn", "CO2, Gt a year": "co2_gt"}


def shown_table(table: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """:func:`scenario_table`'s table with its headers in the reader's language, its people and
    tonnes in the reader's units (亿 and 亿吨 in Chinese, ×10)."""
    base_year = int(base_year)  # the calibration's defaults hold it as a float
    cumulative = f"CO2 since start of {base_year + 1}, Gt"
    table = table.copy()
    for column, quantity in [*TABLE_QUANTITIES.items(), (cumulative, "co2_gt")]:
        table[column] = reader_unit(quantity).value(table[column])
    headers = {
        "Year": tr("Year"),
        "Population, bn": tr("Population, bn"),
        f"Consumption per person ({base_year} = 100)": tr("Consumption per person ({year} = 100)").format(
            year=base_year
        ),
        f"CO2 per unit consumed ({base_year} = 100)": tr("CO2 per unit consumed ({year} = 100)").format(
            year=base_year
        ),
        "CO2, Gt a year": tr("CO2, Gt a year"),
        f"CO2 since start of {base_year + 1}, Gt": tr("CO2 since start of {year}, Gt").format(
            year=base_year + 1
        ),
    }
    return table.rename(columns=headers)


def scenario_chart(table: pd.DataFrame, *, budget_gtco2: float, budget_label: str) -> alt.LayerChart:
    """Yearly emissions for the scenario's table rows, with the budget noted in the title (in
    billion tonnes in English, 亿吨 in Chinese)."""
    co2 = reader_unit("co2_gt")
    frame = in_reader_units(
        table[["Year", "CO2, Gt a year"]].rename(columns={"CO2, Gt a year": co2.name}), [co2.name]
    )
    line = (
        alt.Chart(frame)
        .mark_line(point=True, color=charts.HIGHLIGHT_COLOUR)
        .encode(
            x=alt.X("Year:Q", axis=alt.Axis(format="d"), title=tr("Year")),
            y=alt.Y(
                f"{co2.field}:Q", title=tr("World CO2, billion tonnes a year"), scale=alt.Scale(zero=True)
            ),
        )
    )
    return charts.finish(
        line,
        title=tr("Your scenario against a {budget_gt:.0f} Gt budget").format(
            budget_gt=budget_gtco2,
            budget_yi_t=10 * budget_gtco2,  # 亿吨, for a Chinese translation
        ),
        source=tr("Global Carbon Budget 2024; {budget_label}; World Bank; scenario set by the reader").format(
            budget_label=budget_label
        ),
        description=tr(
            "Line chart of the world's yearly CO2 emissions in the reader's scenario, every 5 years."
        ),
    )


def scenario_explorer(defaults: dict[str, float]):
    """The page chart's three sliders, plus population, horizon and budget; a chart and a results table.

    ``defaults`` is :func:`seckill.calibrations.carbon_budget.budget_defaults`; growth, decline and
    rebound start where the chapter page's chart starts.
    """
    from IPython.display import Markdown

    def draw(growth_pct, decline_pct, rebound_pct, population_pct, end_year, chance):
        budget = defaults[f"budget_{chance}"]
        table, summary = scenario_table(
            defaults,
            consumption_growth=growth_pct / 100,
            intensity_decline=decline_pct / 100,
            rebound=rebound_pct / 100,
            population_growth=population_pct / 100,
            end_year=end_year,
            budget_gtco2=budget,
        )
        label = tr("1.5 °C budget at {chance} % chance (IGCC 2024)").format(chance=chance)
        year = summary["exhaustion_year"]
        text = (
            tr(
                "Emissions in {end_year}: **{emissions_gt:.1f} Gt** ({change:+.0%} on {base_year}). The "
                "{budget_gt:.0f} Gt budget is used up in **{year}**. **{decline}** at this growth."
            )
            if year
            else tr(
                "Emissions in {end_year}: **{emissions_gt:.1f} Gt** ({change:+.0%} on {base_year}). The "
                "{budget_gt:.0f} Gt budget lasts beyond {end_year}. **{decline}** at this growth."
            )
        ).format(
            end_year=end_year,
            emissions_gt=summary["emissions_end_gtco2"],
            # The same in 亿吨, for a Chinese translation (i18n.chinese_scale_names).
            emissions_yi_t=10 * summary["emissions_end_gtco2"],
            change=summary["change_vs_base"],
            base_year=int(defaults["base_year"]),
            budget_gt=budget,
            budget_yi_t=10 * budget,
            year=year,
            decline=ch07_budget.required_decline_text(summary["required_decline"]),
        )
        shown = shown_table(table, int(defaults["base_year"]))
        return [
            scenario_chart(table, budget_gtco2=budget, budget_label=label),
            Markdown(text),
            shown.style.set_uuid("decoupling-scenario").format(precision=1).hide(axis="index"),
        ]

    controls = [
        *ch07_budget.budget_controls(defaults),
        POPULATION_PCT.starting_at(round(100 * defaults["population_growth"], 1)),
        end_year_slider(defaults),
        CHANCE,
    ]
    return explorer(controls, draw, failure=mark("Cannot compute this scenario"))
