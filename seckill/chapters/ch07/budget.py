"""Chapter 7, the emissions path against the 1.5 °C carbon budget: the explorer on the page.

Its yearly factor is :func:`seckill.models.decoupling.emissions_growth_factor` written as a Vega
expression (:func:`emissions_factor_expression`); the tests check the two agree."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.calibrations.carbon_budget import MODEL_BASE_YEAR, MODEL_END_YEAR
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import mark, reader_unit, tr
from seckill.models import decoupling

Y_MAX_GT = 600  # top of the emissions-path axis, Gt CO2
# The explorer's sliders, on the page and in the notebook's scenario explorer. Their bounds keep the
# yearly factor positive and finite; growth and decline start at the past trend (from the data,
# see budget_controls), the rebound at none.
GROWTH_PCT = Slider(
    "growth_pct", mark("Consumption per person"), mark("% a year"), -3, 6, 0.1, None, note=mark("scenario")
)
DECLINE_PCT = Slider(
    "decline_pct",
    mark("Fall in CO2 per unit consumed"),
    mark("% a year"),
    0,
    15,
    0.1,
    None,
    note=mark("scenario"),
)
REBOUND_PCT = Slider(
    "rebound_pct", mark("Rebound"), mark("% of saving spent again"), 0, 100, 5, 0, note=mark("assumption")
)


def emissions_factor_expression(population_growth: float) -> str:
    """The explorer's yearly emissions factor (1 + p)(1 + g)(1 − d(1 − r)) as a Vega expression.

    Parameters: ``growth_pct``, ``decline_pct`` and ``rebound_pct`` (percent); ``population_growth``
    is fixed. Pure arithmetic, so the tests can compare it with
    :func:`seckill.models.decoupling.emissions_growth_factor`.
    """
    p = population_growth
    return f"((1 + {p!r}) * (1 + growth_pct / 100) * (1 - decline_pct / 100 * (1 - rebound_pct / 100)))"


# Below this yearly fall (a fraction), one decimal of a percentage would read "0.0 %".
SMALLEST_SHOWN_DECLINE = 0.0005
NO_DECLINE_NEEDED = mark("Emissions do not rise even with intensity flat")
NO_DECLINE_ENOUGH = mark("No fall in intensity stops emissions rising")
TINY_DECLINE = mark("To fall: intensity must fall, under 0.1% a year")
NEEDED_DECLINE = mark("To fall: intensity −{decline}% a year")


def required_decline_text(needed: float | None) -> str:
    """The read-out's words for the yearly fall in CO2 per unit consumed that stops emissions rising.

    ``needed`` is :func:`seckill.models.decoupling.required_intensity_decline`'s answer (a fraction a
    year), or None where it raises because no fall below 100 % a year is enough (a full rebound, or
    growth too fast for the rebound). Zero means emissions do not rise without any fall, which the
    text says in words rather than as "at least 0.0 %". :func:`required_decline_expression` is the
    same text as a Vega expression.
    """
    if needed is None:
        return tr(NO_DECLINE_ENOUGH)
    if needed <= 0:
        return tr(NO_DECLINE_NEEDED)
    if needed < SMALLEST_SHOWN_DECLINE:
        return tr(TINY_DECLINE)
    return tr(NEEDED_DECLINE).format(decline=f"{100 * needed:.1f}")


def required_decline_expression(population_growth: float) -> str:
    """:func:`required_decline_text` as a Vega expression of the sliders, for the page's read-out.

    The same cases in the same order as the model: no growth of population × consumption needs no
    fall (whatever the rebound); a full rebound, or a fall of 100 % or more, is never enough.
    """
    p = population_growth
    scale = f"((1 + {p!r}) * (1 + growth_pct / 100))"
    needed_pct = f"((1 - 1 / {scale}) / (1 - rebound_pct / 100) * 100)"
    return (
        f"{scale} <= 1 ? {vega_text(tr(NO_DECLINE_NEEDED))} : "
        f"rebound_pct >= 100 || {needed_pct} >= 100 ? {vega_text(tr(NO_DECLINE_ENOUGH))} : "
        f"{needed_pct} < {100 * SMALLEST_SHOWN_DECLINE!r} ? {vega_text(tr(TINY_DECLINE))} : "
        + vega_text(tr(NEEDED_DECLINE), decline=f"format({needed_pct}, '.1f')")
    )


def path_grid(base_year: int = MODEL_BASE_YEAR, end_year: int = MODEL_END_YEAR) -> pd.DataFrame:
    """Years and years since the base year, for the browser to compute the path on."""
    years = list(range(base_year, end_year + 1))
    return pd.DataFrame({"year": years, "t": [y - base_year for y in years]})


def budget_controls(defaults: dict[str, float], summary: dict | None = None) -> tuple[Slider, ...]:
    """The three sliders at the explorer's starting settings (:func:`budget_path_start_table`'s)."""
    summary = budget_path_start_table(defaults)[1] if summary is None else summary
    return tuple(
        control.starting_at(summary[control.name]) for control in (GROWTH_PCT, DECLINE_PCT, REBOUND_PCT)
    )


def budget_explorer_chart(defaults: dict[str, float]) -> alt.LayerChart:
    """Growth against efficiency: cumulative world CO2 from 2025 against the remaining 1.5 °C budgets.

    Three sliders (consumption growth per person, yearly fall in carbon intensity, rebound) drive
    the same formula as :func:`seckill.models.decoupling.emissions_growth_factor`; population growth is
    fixed at the last observed rate. Cumulative emissions are the closed-form sum of a geometric
    series, so the browser needs no loop. Slider bounds keep the yearly factor positive and finite.
    """
    e0 = defaults["base_emissions_gtco2"]
    p = defaults["population_growth"]
    base_year = int(defaults["base_year"])
    table, summary = budget_path_start_table(defaults)
    params = [control.param() for control in budget_controls(defaults, summary)]
    factor = emissions_factor_expression(p)
    # Billion tonnes in English, 亿吨 (×10) in Chinese: the browser converts what it shows.
    gt = reader_unit("co2_gt")
    cumulative = gt.expression(
        f"datum.t == 0 ? 0 : (abs({factor} - 1) < 1e-9 ? {e0!r} * datum.t : "
        f"{e0!r} * {factor} * (pow({factor}, datum.t) - 1) / ({factor} - 1))"
    )
    x = alt.X(
        "year:Q",
        title=tr("Year"),
        axis=alt.Axis(format="d"),
        scale=alt.Scale(domain=[base_year, MODEL_END_YEAR]),
    )
    path = (
        alt.Chart(path_grid(base_year))
        .transform_calculate(cumulative=cumulative)
        .mark_line(color=charts.HIGHLIGHT_COLOUR, clip=True)
        .encode(
            x=x,
            y=alt.Y(
                "cumulative:Q",
                title=tr("CO2 emitted since the start of {base_year}, billion tonnes").format(
                    base_year=base_year + 1
                ),
                # A fixed axis keeps the budgets readable; paths above it run off the top.
                scale=alt.Scale(domain=[0, gt.value(Y_MAX_GT)]),
            ),
            tooltip=[
                alt.Tooltip("year:Q", format="d", title=tr("Year")),
                alt.Tooltip("cumulative:Q", format=gt.format(",.0f"), title=tr("Gt CO2 since start")),
            ],
        )
    )
    # Each budget in Gt, and in 亿吨 for a Chinese translation (i18n.chinese_scale_names).
    budgets = pd.DataFrame(
        {
            "budget": [gt.value(defaults[f"budget_{chance}"]) for chance in (50, 67, 83)],
            "label": [
                tr(text).format(
                    budget_gt=defaults[f"budget_{chance}"], budget_yi_t=10 * defaults[f"budget_{chance}"]
                )
                for text, chance in (
                    (mark("1.5 °C budget, 50% chance: {budget_gt:.0f} Gt"), 50),
                    (mark("67% chance: {budget_gt:.0f} Gt"), 67),
                    (mark("83% chance: {budget_gt:.0f} Gt"), 83),
                )
            ],
        }
    )
    rules = alt.Chart(budgets).mark_rule(strokeDash=[5, 3], color=charts.MAIN_COLOUR).encode(y="budget:Q")
    rule_labels = (
        alt.Chart(budgets)
        .mark_text(align="right", x="width", dx=-4, dy=-6, fontSize=11, color=charts.MAIN_COLOUR)
        .encode(y="budget:Q", text="label:N")
    )
    budget_50 = defaults["budget_50"]
    readout = charts.readout(
        [
            vega_text(
                tr("{end_year}: {emissions} Gt a year ({change} vs {base_year})").format(
                    end_year=MODEL_END_YEAR, emissions="{emissions}", change="{change}", base_year=base_year
                ),
                emissions=f"format({gt.expression('datum.annual_end')}, '{gt.format('.1f')}')",
                change=f"format(datum.annual_end / {e0!r} - 1, '+.0%')",
            ),
            "datum.first_hit == 9999 ? "
            + vega_text(tr("50% budget lasts past {year}").format(year=MODEL_END_YEAR))
            + " : "
            + vega_text(tr("50% budget gone in {year}"), year="datum.first_hit"),
            required_decline_expression(p),
        ],
        # The first year of the path, carrying the year the budget runs out.
        frame=alt.Chart(path_grid(base_year))
        .transform_calculate(cumulative=cumulative)
        .transform_calculate(hit=f"datum.cumulative >= {gt.value(budget_50)!r} ? datum.year : 9999")
        .transform_joinaggregate(first_hit="min(hit)")
        .transform_filter("datum.t == 0")
        .transform_calculate(annual_end=f"{e0!r} * pow({factor}, {MODEL_END_YEAR - base_year})"),
        # Below the x axis, where the path can never run over the text.
        y_px="height + 44",
        bold="all",
        baseline="top",
    )
    chart = charts.finish(
        alt.layer(rules, rule_labels, path, *readout).add_params(*params),
        title=tr("Growth against efficiency: the world's CO2 and the 1.5 °C budget"),
        source=tr(
            "Global Carbon Budget 2024 (world CO2 {base_year}); Indicators of Global Climate "
            "Change 2024 (budgets from 2025); World Bank population; scenario and rebound set by "
            "the reader"
        ).format(base_year=base_year),
        description=tr(
            "Interactive line chart. Sliders set the yearly growth of consumption per person, "
            "the yearly fall in CO2 per unit consumed, and the rebound (an assumption). The line "
            "shows the world's cumulative CO2 from the start of {base_year} to {MODEL_END_YEAR} "
            "in billion tonnes, against dashed lines for the remaining 1.5 °C budgets at 50, 67 "
            "and 83 percent chances; text gives the yearly emissions in {MODEL_END_YEAR}, the "
            "year the 50 percent budget is used up, and the fall in intensity needed for "
            "emissions to decline."
        ).format(
            base_year=base_year + 1,
            MODEL_END_YEAR=MODEL_END_YEAR,
        ),
    )
    gone = summary["exhaustion_year_50"]
    needed = summary["required_decline"]
    # The table in the chart's unit too (its Gt already rounded to one decimal).
    gt_columns = ["emissions_gtco2", "cumulative_gtco2"]
    table[gt_columns] = (table[gt_columns] * gt.factor).round(gt.decimals(1))
    return charts.with_model_table(
        chart,
        table,
        caption=tr(
            "The world's CO2 on the path the chart starts from: consumption per person grows "
            "{growth_pct:g}% a year, CO2 per unit consumed falls {decline_pct:g}% a year, rebound "
            "{rebound_pct:g}%, population grows {population_pct:.2f}% a year (fixed), from {e0_gt:g} Gt "
            "in {base_year}. Rows: {base_year}, the years the 1.5 °C budgets run out, and every fifth "
            "year from {first_year}; Gt CO2 from {first_year} is the line: all emitted from the start "
            "of {first_year} to the end of the row's year. {end_year}: {emissions_end_gt:.1f} Gt a year "
            "({change:+.0%} vs {base_year}); {budget_text}; {decline_text}. The chart's axis stops "
            "at {axis_max_gt} Gt; the path runs off its top above that"
        ).format(
            growth_pct=summary["growth_pct"],
            decline_pct=summary["decline_pct"],
            rebound_pct=summary["rebound_pct"],
            population_pct=100 * p,
            # Gt, and 亿吨 for a Chinese translation (i18n.chinese_scale_names).
            e0_gt=e0,
            e0_yi_t=10 * e0,
            base_year=base_year,
            first_year=base_year + 1,
            end_year=MODEL_END_YEAR,
            emissions_end_gt=summary["emissions_end_gtco2"],
            emissions_end_yi_t=10 * summary["emissions_end_gtco2"],
            change=summary["change_vs_base"],
            budget_text=(
                tr("50% budget gone in {year}").format(year=gone)
                if gone is not None
                else tr("50% budget lasts past {year}").format(year=MODEL_END_YEAR)
            ),
            # The read-out's sentence, here inside a sentence (no effect on Chinese).
            decline_text=required_decline_text(needed)[0].lower() + required_decline_text(needed)[1:],
            axis_max_gt=Y_MAX_GT,
            axis_max_yi_t=10 * Y_MAX_GT,
        ),
        titles={
            "year": tr("Year"),
            "emissions_gtco2": tr("Gt CO2 that year"),
            "cumulative_gtco2": tr("Gt CO2 from {base_year}").format(base_year=base_year + 1),
            "budget_gone": tr("1.5 °C budget used up"),
        },
        model="seckill.models.decoupling.calibrated_path, seckill.models.decoupling.budget_exhaustion_year",
    )


def budget_path_start_table(defaults: dict[str, float]) -> tuple[pd.DataFrame, dict]:
    """The emissions-path explorer at its starting settings, as a table and the read-out's figures.

    The starting settings, which :func:`budget_explorer_chart` gives its sliders, are the default
    scenario rounded to the sliders' 0.1 % steps, with no rebound. Table rows: the base year, the
    years in which each 1.5 °C budget runs out, and every fifth year from the year after the base
    year to :data:`MODEL_END_YEAR`. Columns: ``year``, ``emissions_gtco2`` and ``cumulative_gtco2``
    (Gt CO2, 1 decimal; cumulative from the start of the year after the base year, missing for the
    base year itself) and ``budget_gone`` (the budgets that run out that year, or None). The
    summary holds the settings (``growth_pct``, ``decline_pct``, ``rebound_pct``, percent),
    ``emissions_end_gtco2``, ``change_vs_base`` (fraction), ``exhaustion_year_50`` (None past the
    end year) and ``required_decline`` (fraction a year; None with a full rebound).
    """
    base_year = int(defaults["base_year"])
    growth = round(100 * defaults["consumption_growth"], 1) / 100
    decline = round(100 * defaults["intensity_decline"], 1) / 100
    rebound = 0
    path = decoupling.calibrated_path(
        base_year=base_year,
        end_year=MODEL_END_YEAR,
        base_emissions_gtco2=defaults["base_emissions_gtco2"],
        base_population=defaults["base_population"],
        population_growth=defaults["population_growth"],
        consumption_growth=growth,
        intensity_decline=decline,
        rebound=rebound,
    )
    gone: dict[int, list[str]] = {}
    for probability in (50, 67, 83):
        budget = defaults[f"budget_{probability}"]
        year = decoupling.budget_exhaustion_year(path, budget)
        if year is not None:
            gone.setdefault(year, []).append(
                tr("{probability}% chance ({budget_gt:.0f} Gt)").format(
                    probability=probability, budget_gt=budget, budget_yi_t=10 * budget
                )
            )
    keep = (path["year"] == base_year) | path["year"].isin(gone) | ((path["year"] - base_year) % 5 == 1)
    keep |= path["year"] == MODEL_END_YEAR
    rows = path[keep]
    table = pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "emissions_gtco2": rows["emissions_gtco2"].round(1),
            "cumulative_gtco2": rows["cumulative_gtco2"].round(1).where(rows["year"] > base_year),
            "budget_gone": [tr(", ").join(gone[y]) if y in gone else None for y in rows["year"]],
        }
    ).reset_index(drop=True)
    try:
        required = decoupling.required_intensity_decline(defaults["population_growth"], growth, rebound)
    except ValueError:
        required = None
    summary = {
        "growth_pct": round(100 * growth, 1),
        "decline_pct": round(100 * decline, 1),
        "rebound_pct": rebound,
        "emissions_end_gtco2": float(path["emissions_gtco2"].iloc[-1]),
        "change_vs_base": float(path["emissions_gtco2"].iloc[-1] / path["emissions_gtco2"].iloc[0] - 1),
        "exhaustion_year_50": decoupling.budget_exhaustion_year(path, defaults["budget_50"]),
        "required_decline": required,
    }
    return table, summary


# --- The notebook's sentences ----------------------------------------------------------------------


def required_decline_line(rebound: float, needed: float, achieved: float) -> str:
    """One line: the yearly fall in intensity needed with ``rebound`` (fractions), and the fall achieved."""
    return tr(
        "rebound {rebound:.0%}: intensity must fall {needed:.1%} a year (it fell {achieved:.1%})"
    ).format(rebound=rebound, needed=needed, achieved=achieved)
