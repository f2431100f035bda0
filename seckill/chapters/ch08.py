"""Chapter 8, "Beyond consumption-led growth": alternatives, evidence and a scenario explorer.

Functions named ``*_table`` return tidy DataFrames from the data package, ``*_chart`` return
Altair charts, and :func:`chapter_numbers` returns every number the page quotes.

The scenario explorer runs the book's own models (:mod:`seckill.models.scenarios` wires them together).
Its starting point comes from the data and the earlier chapters: :func:`baseline` collects it, and
:func:`default_levers` repeats the world's past trend. On the static page the key levers are
Vega-Lite parameters bound to sliders; :func:`scenario_expressions` writes the same formulas as
Vega expressions, and the tests evaluate them in Python against :func:`seckill.models.scenarios.run`.
The explorer answers one question: do China's parcel deliveries stay within their share of the
1.5 °C budget by :data:`END_YEAR`, and which levers get them there?
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts, data
from seckill.calibrations import carbon_budget, doughnut, flash_sale_inputs, income_fit, parcel_inputs
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import in_reader_units, mark, reader_unit, tr, translate_values
from seckill.models import decoupling, scenarios

END_YEAR = 2035  # the static explorer reports this year; the notebook lets the reader choose
LIVE_SHARE_ESTIMATOR = "Ministry of Commerce (MOFCOM)"
CHANGE_DOMAIN_PCT = (-100, 200)  # x axis of the explorer; bars beyond it are clipped and labelled

# The presets' numbers are ASSUMPTIONS chosen to illustrate each strategy, not forecasts.
EFFICIENCY_PRESET_PCT = 5.0  # CO2 per unit consumed falls 5 % a year
SUFFICIENCY_PRESET_PCT = 2.0  # 2 % fewer goods bought per person each year
REUSE_PRESET_PCT = 30.0  # 30 % of parcels in reused packaging
SIGMA_PRESET_FACTOR = 0.75  # rules that narrow the spread of log incomes by a quarter


# --- Baseline and levers ---------------------------------------------------------------------------


SHARE_ESTIMATOR_LABELS = {
    "Ministry of Commerce (MOFCOM)": mark("MOFCOM"),
    "Mitsui & Co. Global Strategic Studies Institute": mark("Mitsui"),
    "前瞻产业研究院": mark("Qianzhan (前瞻)"),
}
# The presets' names, by their English name, marked for the catalogue (presets() keys them in
# English, which the chapter's numbers and the notebook use; tables show them translated).
PRESET_NAMES = (
    mark("Past trend"),
    mark("Efficiency (green growth)"),
    mark("Sufficiency"),
    mark("Policy mix"),
)


def live_share_table(shares: pd.DataFrame | None = None) -> pd.DataFrame:
    """Published shares of online retail sold through live streams, with a label for each."""
    shares = data.load("live_commerce_share") if shares is None else shares
    table = shares.copy()
    table["year"] = table["year"].astype(int)
    table["share_pct"] = table["share_pct"].astype(float)
    table["label"] = table["estimator"].map(SHARE_ESTIMATOR_LABELS).fillna(table["estimator"])
    return table


def baseline() -> scenarios.Baseline:
    """The scenario explorer's starting point, from the data package and Chapters 2, 4 and 7.

    World CO2, population and the 1.5 °C budget (50 % chance) as in Chapter 7; China's 2024 parcels
    and the 2018-derived parcel factors as in Chapter 7; China's population growth 2023-2024 (World
    Bank); live streams' share of online retail from MOFCOM (January-September 2023); the flash
    sale's audience, conversion and session at Chapter 2's default controls (assumptions).
    """
    budget = carbon_budget.budget_defaults()
    parcel = parcel_inputs.parcel_defaults()
    population = data.load("population")
    china = population[population["economy_code"] == "chn"].set_index("year")["population"]
    year = int(parcel["year"])
    shares = live_share_table()
    mofcom = shares[shares["estimator"] == LIVE_SHARE_ESTIMATOR].sort_values("year").iloc[-1]
    sale = flash_sale_inputs.default_sale()
    return scenarios.Baseline(
        base_year=int(budget["base_year"]),
        base_emissions_gtco2=budget["base_emissions_gtco2"],
        world_population=budget["base_population"],
        world_population_growth=budget["population_growth"],
        budget_gtco2=budget["budget_50"],
        parcels_bn=parcel["parcels_bn"],
        china_population=float(china[year]),
        china_population_growth=float(china[year]) / float(china[year - 1]) - 1,
        packaging_g_per_parcel=parcel["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=parcel["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=parcel["transport_kg_co2e_per_parcel"],
        live_share=float(mofcom["share_pct"]) / 100,
        audience=sale.audience,
        conversion_per_s=sale.conversion_per_s,
        session_s=sale.session_s,
        default_boost_pct=flash_sale_inputs.BOOST_PCT.default,
    )


def default_levers(base: scenarios.Baseline | None = None, **changes) -> scenarios.Levers:
    """The past trend: the world's 1990-2016 growth and efficiency (Chapter 7), today's packaging,
    Chapter 2's default scarcity cues and Chapter 4's calibrated income spread. Keywords change some."""
    base = baseline() if base is None else base
    budget = carbon_budget.budget_defaults()
    values = {
        "growth_pct": round(100 * budget["consumption_growth"], 1),
        "efficiency_pct": round(100 * budget["intensity_decline"], 1),
        "grams_per_parcel": base.packaging_g_per_parcel,
        "scarcity_boost_pct": base.default_boost_pct,
        "income_sigma": round(income_fit.calibrate().sigma, 2),
        "end_year": END_YEAR,
    } | changes
    return scenarios.Levers(**values)


def presets(base: scenarios.Baseline | None = None) -> dict[str, scenarios.Levers]:
    """Four illustrative scenarios. Apart from the past trend, every setting is an ASSUMPTION."""
    base = baseline() if base is None else base
    trend = default_levers(base)
    return {
        "Past trend": trend,
        "Efficiency (green growth)": default_levers(base, efficiency_pct=EFFICIENCY_PRESET_PCT),
        "Sufficiency": default_levers(
            base, sufficiency_pct=SUFFICIENCY_PRESET_PCT, reuse_pct=REUSE_PRESET_PCT, scarcity_boost_pct=0
        ),
        "Policy mix": default_levers(
            base,
            efficiency_pct=EFFICIENCY_PRESET_PCT,
            sufficiency_pct=SUFFICIENCY_PRESET_PCT,
            reuse_pct=REUSE_PRESET_PCT,
            scarcity_boost_pct=0,
            income_sigma=round(SIGMA_PRESET_FACTOR * trend.income_sigma, 2),
        ),
    }


def presets_table(base: scenarios.Baseline | None = None) -> pd.DataFrame:
    """The presets' settings and results, rounded for reading, one row per scenario."""
    base = baseline() if base is None else base
    chosen = presets(base)
    results = scenarios.compare(chosen, base).set_index("scenario")
    rows = []
    for name, levers in chosen.items():
        r = results.loc[name]
        year = r["exhaustion_year"]
        rows.append(
            {
                "Scenario": name,
                "Growth, % a year": levers.growth_pct,
                "Fewer goods, % a year": levers.sufficiency_pct,
                "CO2 per unit falls, % a year": levers.efficiency_pct,
                "Reused packaging, %": levers.reuse_pct,
                "Scarcity boost, %": levers.scarcity_boost_pct,
                f"Parcels {levers.end_year}, bn": round(r["parcels_end_bn"]),
                f"Parcel CO2e {levers.end_year}, Mt": round(r["parcel_co2e_end_mt"]),
                f"World CO2 {levers.end_year}, Gt": round(r["emissions_end_gt"], 1),
                "1.5 °C budget (50 %) used up": mark("after 2100") if pd.isna(year) else int(year),
                "Streamers' Gini": round(r["gini"], 2),
            }
        )
    return pd.DataFrame(rows)


def presets_display_table(base: scenarios.Baseline | None = None) -> pd.DataFrame:
    """:func:`presets_table` for reading: one column per scenario, numbers as short text."""

    def text(value) -> str:
        if isinstance(value, str):
            return value
        value = float(value)
        return str(int(value)) if value.is_integer() else f"{value:g}"

    table = presets_table(base)
    end_year = default_levers(baseline() if base is None else base).end_year
    # Parcels in 亿, CO2e in 万吨 and 亿吨 in Chinese, as the headers say: the rounded English
    # values converted, so the two editions show the same numbers.
    for column, quantity in (
        (f"Parcels {end_year}, bn", "parcels_bn"),
        (f"Parcel CO2e {end_year}, Mt", "parcel_co2e_mt"),
        (f"World CO2 {end_year}, Gt", "emissions_gt"),
    ):
        table[column] = reader_unit(quantity).value(table[column].astype(float)).round(6)
    headers = {
        "Scenario": tr("Scenario"),
        "Growth, % a year": tr("Growth, % a year"),
        "Fewer goods, % a year": tr("Fewer goods, % a year"),
        "CO2 per unit falls, % a year": tr("CO2 per unit falls, % a year"),
        "Reused packaging, %": tr("Reused packaging, %"),
        "Scarcity boost, %": tr("Scarcity boost, %"),
        f"Parcels {end_year}, bn": tr("Parcels {year}, bn").format(year=end_year),
        f"Parcel CO2e {end_year}, Mt": tr("Parcel CO2e {year}, Mt").format(year=end_year),
        f"World CO2 {end_year}, Gt": tr("World CO2 {year}, Gt").format(year=end_year),
        "1.5 °C budget (50 %) used up": tr("1.5 °C budget (50 %) used up"),
        "Streamers' Gini": tr("Streamers' Gini"),
    }
    table["Scenario"] = table["Scenario"].map(tr)
    table["1.5 °C budget (50 %) used up"] = table["1.5 °C budget (50 %) used up"].map(
        lambda value: tr(value) if isinstance(value, str) else value
    )
    table = table.rename(columns=headers).set_index(headers["Scenario"])
    return table.apply(lambda column: column.map(text)).T


# --- The explorer in the browser ------------------------------------------------------------------


def _lever(name: str, label: str, unit: str, step: float, note: str = "") -> Slider:
    """A lever of scenarios.Levers as a slider: bounds from scenarios.BOUNDS, so the page, the notebook
    and the model accept the same values; the start comes from the levers the chart is given."""
    low, high = scenarios.BOUNDS[name]
    return Slider(name, label, unit, low, high, step, None, note=note)


# The scenario sliders, on the page and in the notebook's explorer (which adds the packaging per
# parcel and the year reported). Each one moves China's parcel emissions, the explorer's one result.
SCENARIO_CONTROLS = (
    _lever("growth_pct", mark("Growth of consumption per person"), mark("% a year"), 0.1),
    _lever(
        "sufficiency_pct",
        mark("Sufficiency: fewer goods bought"),
        mark("% a year"),
        0.5,
        note=mark("assumption"),
    ),
    _lever("efficiency_pct", mark("Efficiency: CO2 per unit falls"), mark("% a year"), 0.1),
    _lever("rebound_pct", mark("Rebound"), mark("% of the saving spent again"), 5, note=mark("assumption")),
    _lever("reuse_pct", mark("Policy: parcels in reused packaging"), mark("%"), 5, note=mark("assumption")),
    _lever(
        "scarcity_boost_pct",
        mark("Policy: scarcity cues raise ordering by"),
        mark("%"),
        10,
        note=mark("assumption"),
    ),
)


def scenario_controls(levers: scenarios.Levers) -> tuple[Slider, ...]:
    """The scenario sliders starting at ``levers``."""
    return tuple(control.starting_at(getattr(levers, control.name)) for control in SCENARIO_CONTROLS)


def scenario_expressions(base: scenarios.Baseline, end_year: int = END_YEAR) -> dict[str, str]:
    """The explorer's formulas as Vega expressions over the slider parameters.

    Parameters: ``growth_pct``, ``sufficiency_pct``, ``efficiency_pct``, ``rebound_pct``,
    ``reuse_pct`` and ``scarcity_boost_pct``, plus ``datum.t`` (years since the base year) in the
    ``*_t_*`` formulas. The packaging grams stay at the baseline on the static page. Only
    arithmetic and the functions exp and pow are used, so the tests can evaluate each one in Python
    and compare it with :func:`seckill.models.scenarios.run` and ``delivery_path``.
    """
    years = end_year - base.base_year
    goods = "((1 + growth_pct / 100) * (1 - sufficiency_pct / 100))"
    rebound = "(1 + efficiency_pct / 100 * rebound_pct / 100 / (1 - efficiency_pct / 100))"
    rt = base.conversion_per_s * base.session_s
    live_ratio = (
        f"((1 - exp(-{rt!r} * (1 + scarcity_boost_pct / 100))) / "
        f"(1 - exp(-{rt!r} * (1 + {base.default_boost_pct!r} / 100))))"
    )
    live = f"(1 - {base.live_share!r} + {base.live_share!r} * {live_ratio})"
    yearly_growth = f"((1 + {base.china_population_growth!r}) * {goods} * {rebound})"
    # Billions of parcels × grams ÷ 1000 = million tonnes; billions × kg = million tonnes.
    per_parcel = (
        f"({base.packaging_g_per_parcel!r} * (1 - reuse_pct / 100) / 1000 * {base.packaging_t_co2e_per_t!r}"
        f" + {base.transport_kg_co2e_per_parcel!r})"
    )

    def parcels_after(t: str) -> str:
        return f"({base.parcels_bn!r} * pow({yearly_growth}, {t}) * {live})"

    def co2e_after(t: str) -> str:
        return f"({parcels_after(t)} * {per_parcel} * pow(1 - efficiency_pct / 100, {t}))"

    return {
        "goods_growth": f"({goods} - 1)",
        "live_orders_ratio": live_ratio,
        "parcels_end_bn": parcels_after(str(years)),
        "parcel_co2e_end_mt": co2e_after(str(years)),
        "parcels_t_bn": parcels_after("datum.t"),
        "parcel_co2e_t_mt": co2e_after("datum.t"),
    }


def scenario_explorer_chart(base: scenarios.Baseline, levers: scenarios.Levers) -> alt.LayerChart:
    """One question: do China's parcel deliveries stay within their share of the 1.5 °C budget?

    Six sliders (growth, sufficiency, efficiency, rebound, reused packaging, scarcity cues), each
    of which moves the result. The line is the parcels' CO2e summed from the start of the year after
    the base year; the dashed rule is their share of the remaining 1.5 °C budget
    (:func:`seckill.models.scenarios.delivery_budget_mt`, an allocation ASSUMPTION). Text gives the
    sum by the end year against the share, the year the share is used up, and the end year's
    emissions and parcels. All computed in the browser from the formulas of
    :func:`seckill.models.scenarios.delivery_path`.
    """
    end_year = levers.end_year
    years = end_year - base.base_year
    expr = scenario_expressions(base, end_year)
    verdict = scenarios.delivery_verdict(levers, base)
    budget_mt = verdict["budget_mt"]
    base_mt = float(scenarios.delivery_path(levers, base)["parcel_co2e_mt"].iloc[0])
    # Million tonnes in English, 万吨 (×100) in Chinese: the browser converts what it shows.
    mt = reader_unit("co2e_mt")
    params = [control.param() for control in scenario_controls(levers)]
    grid = pd.DataFrame({"t": list(range(years + 1))})
    path = (
        alt.Chart(grid)
        .transform_calculate(
            year=f"datum.t + {base.base_year}",
            yearly=f"datum.t == 0 ? 0 : {mt.expression(expr['parcel_co2e_t_mt'])}",
        )
        .transform_window(cumulative="sum(yearly)", sort=[{"field": "t"}], frame=[None, 0])
    )
    x = alt.X(
        "year:Q",
        title=tr("Year"),
        scale=alt.Scale(domain=[base.base_year, end_year]),
        axis=alt.Axis(format="d", tickMinStep=1, values=list(range(base.base_year, end_year + 1, 2))),
    )
    y_title = tr("Parcel CO2e emitted since {year}, Mt").format(year=base.base_year)
    line = path.mark_line(color=charts.HIGHLIGHT_COLOUR, point=True).encode(
        x=x,
        y=alt.Y("cumulative:Q", title=y_title),
        tooltip=[
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("cumulative:Q", title=tr("Emitted since the base year, Mt CO2e"), format=",.0f"),
            alt.Tooltip("yearly:Q", title=tr("Emitted that year, Mt CO2e"), format=",.0f"),
        ],
    )
    anchor = alt.Chart(pd.DataFrame({"budget": [mt.value(budget_mt)]}))
    rule = anchor.mark_rule(strokeDash=[6, 4], color=charts.TEXT_COLOUR, strokeWidth=1.5).encode(
        y=alt.Y("budget:Q", title=y_title)
    )
    rule_label = anchor.mark_text(
        align="right", baseline="bottom", dy=-4, fontSize=11, color=charts.TEXT_COLOUR, x=alt.ExprRef("width")
    ).encode(y="budget:Q", text=alt.value(tr("Parcels' share of the 1.5 °C budget")))
    last = (
        path.transform_calculate(
            hit=f"datum.cumulative >= {mt.value(budget_mt)!r} && datum.t > 0 ? datum.year : 9999"
        )
        .transform_joinaggregate(first_hit="min(hit)")
        .transform_filter(f"datum.t == {years}")
    )
    readout = charts.readout(
        [
            vega_text(
                tr("By {year}: {cumulative} Mt, {share} of the share").format(
                    year=end_year, cumulative="{cumulative}", share="{share}"
                ),
                cumulative="format(datum.cumulative, ',.0f')",
                share=f"format(datum.cumulative / {mt.value(budget_mt)!r}, '.0%')",
            ),
            "datum.first_hit == 9999 ? "
            + vega_text(tr("The share lasts past {year}").format(year=end_year))
            + " : "
            + vega_text(tr("The share is used up in {year}"), year="datum.first_hit"),
            vega_text(
                tr("{year}: {emissions} Mt a year ({change} on {base_year})").format(
                    year=end_year, emissions="{emissions}", change="{change}", base_year=base.base_year
                ),
                emissions=f"format({mt.expression(expr['parcel_co2e_end_mt'])}, ',.0f')",
                change=f"format({expr['parcel_co2e_end_mt']} / {base_mt!r} - 1, '+.0%')",
            ),
            vega_text(
                tr("from {parcels_bn} bn parcels a year"),
                parcels_bn=f"format({expr['parcels_end_bn']}, ',.0f')",
                # The same count in 亿 (10^8), for a Chinese translation.
                parcels_yi=f"format(10 * {expr['parcels_end_bn']}, ',.0f')",
            ),
        ],
        frame=last,
        x_px=4,
        y_px=12,
        line_height_px=18,
    )
    chart = charts.finish(
        alt.layer(line, rule, rule_label, *readout).add_params(*params).properties(height=280),
        title=tr("Do China's parcels stay within their share of the 1.5 °C budget by {end_year}?").format(
            end_year=end_year
        ),
        source=tr(
            "the book's models (Chapters 2 and 7) with State Post Bureau parcels, Kang et al. "
            "2021, Su et al. 2020, Global Carbon Budget 2024, IGCC 2024, World Bank, MOFCOM; the "
            "share of the budget and levers marked (assumption) are assumptions"
        ),
        description=tr(
            "Interactive line chart of the CO2e emitted by China's parcel deliveries (packaging "
            "and transport), summed from {base_year} to each year up to {end_year}, against a "
            "dashed line at the parcels' share of the remaining 1.5 °C carbon budget (their "
            "share of world CO2 today, an assumption). Six sliders set the growth of consumption "
            "per person, sufficiency (fewer goods bought), efficiency (the yearly fall in CO2 "
            "per unit), the rebound, the share of parcels in reused packaging and how much "
            "scarcity cues raise ordering in live streams. Text gives the sum by {end_year} as a "
            "share of the budget share, the year it is used up, and the emissions and parcels of "
            "{end_year}."
        ).format(base_year=base.base_year + 1, end_year=end_year),
    )
    used_up = (
        tr("used up in {year}").format(year=verdict["used_up_year"])
        if verdict["used_up_year"] is not None
        else tr("lasting past {year}").format(year=end_year)
    )
    settings = tr(
        "growth of consumption per person {growth:g}% a year, sufficiency {sufficiency:g}% a year, "
        "efficiency {efficiency:g}% a year, rebound {rebound:g}%, reused packaging {reuse:g}%, "
        "scarcity cues +{scarcity:g}%"
    ).format(
        growth=levers.growth_pct,
        sufficiency=levers.sufficiency_pct,
        efficiency=levers.efficiency_pct,
        rebound=levers.rebound_pct,
        reuse=levers.reuse_pct,
        scarcity=levers.scarcity_boost_pct,
    )
    table = in_reader_units(
        scenario_start_table(base, levers), ["parcels_bn", "parcel_co2e_mt", "cumulative_mt"]
    )
    return charts.with_model_table(
        chart,
        table,
        caption=tr(
            "China's parcel CO2e year by year at the starting levers ({settings}). Emitted "
            "{base_year}–{end_year}: {cumulative_end_mt:,.0f} Mt, {budget_used_share:.0%} of the "
            "parcels' {budget_mt:,.0f} Mt share of the 1.5 °C budget (50% chance), {used_up}"
        ).format(
            settings=settings,
            base_year=base.base_year + 1,
            end_year=end_year,
            cumulative_end_mt=verdict["cumulative_end_mt"],
            budget_used_share=verdict["budget_used_share"],
            budget_mt=budget_mt,
            # The same in 万吨, for a Chinese translation (i18n.chinese_scale_names).
            cumulative_end_wan_t=100 * verdict["cumulative_end_mt"],
            budget_wan_t=100 * budget_mt,
            used_up=used_up,
        ),
        titles={
            "year": tr("Year"),
            reader_unit("parcels_bn").field: tr("Parcels, billion"),
            reader_unit("parcel_co2e_mt").field: tr("Parcel CO2e that year, Mt"),
            reader_unit("cumulative_mt").field: tr("Emitted since {base_year}, Mt").format(
                base_year=base.base_year
            ),
        },
        model="seckill.models.scenarios.delivery_path",
    )


def scenario_start_table(base: scenarios.Baseline, levers: scenarios.Levers) -> pd.DataFrame:
    """The explorer's line at ``levers`` from :func:`seckill.models.scenarios.delivery_path`.

    Columns ``year``, ``parcels_bn``, ``parcel_co2e_mt`` and ``cumulative_mt`` (to one decimal).
    """
    path = scenarios.delivery_path(levers, base)
    path["year"] = path["year"].astype(int)
    return path.round({"parcels_bn": 1, "parcel_co2e_mt": 1, "cumulative_mt": 1})


def delivery_chart(levers: scenarios.Levers, base: scenarios.Baseline) -> alt.LayerChart:
    """The explorer's question for one scenario, computed in Python (the notebook's live explorer).

    The parcels' CO2e summed from the year after the base year, against their share of the 1.5 °C
    budget (a dashed rule), as on the page.
    """
    path = scenarios.delivery_path(levers, base)
    verdict = scenarios.delivery_verdict(levers, base)
    # Million tonnes in English, 万吨 (×100) in Chinese, as on the page's chart.
    cumulative, yearly = reader_unit("cumulative_mt"), reader_unit("parcel_co2e_mt")
    y_title = tr("Parcel CO2e emitted since {year}, Mt").format(year=base.base_year)
    line = (
        alt.Chart(
            in_reader_units(path[["year", "cumulative_mt", "parcel_co2e_mt"]], [cumulative.name, yearly.name])
        )
        .mark_line(color=charts.HIGHLIGHT_COLOUR, point=True)
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y(f"{cumulative.field}:Q", title=y_title),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip(
                    f"{cumulative.field}:Q", title=tr("Emitted since the base year, Mt CO2e"), format=",.0f"
                ),
                alt.Tooltip(f"{yearly.field}:Q", title=tr("Emitted that year, Mt CO2e"), format=",.0f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"budget": [cumulative.value(verdict["budget_mt"])]}))
        .mark_rule(strokeDash=[6, 4], color=charts.TEXT_COLOUR)
        .encode(y=alt.Y("budget:Q", title=y_title))
    )
    year = verdict["used_up_year"]
    return charts.finish(
        alt.layer(line, rule),
        title=tr("Your scenario: parcels against their budget share by {end_year}").format(
            end_year=levers.end_year
        ),
        source=tr("the book's models (Chapters 2 and 7); the budget share and the levers are assumptions"),
        description=(
            tr(
                "Line of the CO2e of China's parcels summed from {first_year} to {end_year}, reaching "
                "{cumulative_mt:,.0f} Mt against a dashed line at their {budget_mt:,.0f} Mt share of the "
                "1.5 °C budget; the share is used up in {year}."
            )
            if year is not None
            else tr(
                "Line of the CO2e of China's parcels summed from {first_year} to {end_year}, reaching "
                "{cumulative_mt:,.0f} Mt against a dashed line at their {budget_mt:,.0f} Mt share of the "
                "1.5 °C budget; the share is not used up by {end_year}."
            )
        ).format(
            first_year=base.base_year + 1,
            end_year=levers.end_year,
            cumulative_mt=verdict["cumulative_end_mt"],
            budget_mt=verdict["budget_mt"],
            # The same in 万吨, for a Chinese translation (i18n.chinese_scale_names).
            cumulative_wan_t=100 * verdict["cumulative_end_mt"],
            budget_wan_t=100 * verdict["budget_mt"],
            year=year,
        ),
    )


# --- Evidence charts -----------------------------------------------------------------------------


def live_share_chart(table: pd.DataFrame) -> alt.Chart:
    """Live streams' share of online retail by year; shape shows estimate, forecast or official."""
    shown = translate_values(table, ["period", "estimator", "kind", "confidence", "note"])
    shown = shown.assign(label=shown["label"].map(tr))
    chart = (
        alt.Chart(shown)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("share_pct:Q", title=tr("Share of online retail, %"), scale=alt.Scale(domain=[0, 25])),
            color=alt.Color("label:N", title=tr("Published by")),
            shape=alt.Shape("kind:N", title=tr("Kind of figure")),
            tooltip=[
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip("period:N", title=tr("Period")),
                alt.Tooltip("estimator:N", title=tr("By")),
                alt.Tooltip("kind:N", title=tr("Kind")),
                alt.Tooltip("share_pct:Q", title=tr("Share (%)"), format=".2f"),
                alt.Tooltip("confidence:N", title=tr("Confidence")),
            ],
        )
    )
    latest = table.sort_values("year").iloc[-1]
    return charts.finish(
        chart,
        title=tr("Live streams' share of China's online retail"),
        source=tr(
            "MOFCOM via Yicai Global, 2023; Mitsui & Co. Global Strategic Studies Institute, "
            "2020; Qianzhan Industry Research Institute, 2022"
        ),
        description=tr(
            "Dot chart of published shares of China's online retail sold through live streams, "
            "{min} to {max}, in percent, by who published them; the latest is {share_pct:.0f} "
            "percent ({estimator}, {period} {year}). Definitions differ between publishers."
        ).format(
            min=table["year"].min(),
            max=table["year"].max(),
            share_pct=latest["share_pct"],
            estimator=tr(latest["estimator"]),
            period=tr(latest["period"]),
            year=latest["year"],
        ),
    )


def packaging_policy_table(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The State Post Bureau's packaging targets and reported progress, with plain dtypes."""
    rows = data.load("packaging_policy") if rows is None else rows
    table = rows.copy()
    table["year"] = table["year"].astype(int)
    table["value"] = table["value"].astype(float)
    table["programme_label"] = "'" + table["programme"].astype(str) + "' (" + table["year"].astype(str) + ")"
    table["shown_as"] = [
        f"{kind}{' (at least)' if bound == 'lower bound' else ''}"
        for kind, bound in zip(table["kind"], table["bound"], strict=True)
    ]
    return table


def reuse_scale_table(policy: pd.DataFrame, parcels_table: pd.DataFrame) -> pd.DataFrame:
    """Counted items from the reuse programmes beside the year's parcels (share derived).

    Only indicators counted in millions; ``share_of_parcels_pct`` = items ÷ that year's parcels.
    """
    counts = policy[policy["unit"] == "million"]
    by_year = parcels_table.set_index("year")["parcels_bn"]
    out = counts[counts["year"].isin(by_year.index)].copy()
    out["parcels_bn"] = [float(by_year[y]) for y in out["year"]]
    out["share_of_parcels_pct"] = 100 * out["value"] * 1e6 / (out["parcels_bn"] * 1e9)
    return out


POLICY_SHORT_LABELS = {
    "Reusable delivery boxes in circulation": mark("Reusable boxes"),
    "Cardboard boxes collected and used again": mark("Cartons reused"),
    "Parcels sent in reusable packaging": mark("Reusable parcels"),
}


def packaging_policy_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Targets (hollow) and reported progress (filled) for the counted reuse indicators, in millions."""
    counts = table[table["unit"] == "million"].assign(
        short=lambda t: t["indicator"].map(POLICY_SHORT_LABELS).fillna(t["indicator"]).map(tr),
        programme_label=lambda t: [
            tr("'{programme}' ({year})").format(programme=programme, year=year)
            for programme, year in zip(t["programme"], t["year"], strict=True)
        ],
        shown_as=lambda t: [
            (tr("{kind} (at least)") if bound == "lower bound" else tr("{kind}")).format(kind=tr(kind))
            for kind, bound in zip(t["kind"], t["bound"], strict=True)
        ],
        indicator=lambda t: t["indicator"].map(tr),
    )
    targets_data, reported_data = counts[counts["kind"] == "target"], counts[counts["kind"] == "reported"]
    # Every count is in millions (the data's unit column says so, and the axis title): shown in
    # 万 (×100) in Chinese, so the unit column, which would still say millions, is left out.
    items = reader_unit("value_m")
    counts = in_reader_units(
        translate_values(counts, ["kind", "bound", "confidence", "note"]).rename(
            columns={"value": items.name}
        ),
        [items.name],
    ).drop(columns=["unit"])
    columns = list(counts.columns)
    targets_data, reported_data = counts.loc[targets_data.index], counts.loc[reported_data.index]
    base = alt.Chart(counts[columns]).encode(
        y=alt.Y("short:N", title=None, axis=alt.Axis(labelLimit=130)),
        yOffset=alt.YOffset("programme_label:N"),
        # A log axis: reusable boxes number millions, reused cartons hundreds of millions.
        x=alt.X(
            f"{items.field}:Q",
            title=tr("Items, millions (log scale)"),
            scale=alt.Scale(type="log", domain=[items.value(1), items.value(2000)]),
            # Digits, not a log axis's SI prefixes ("100k"), in either language.
            axis=alt.Axis(values=[items.value(10**power) for power in range(4)], format=","),
        ),
        color=alt.Color("programme_label:N", title=tr("Programme (year)")),
        tooltip=[
            alt.Tooltip("short:N", title=tr("Indicator, short")),
            alt.Tooltip("programme_label:N", title=tr("Programme")),
            alt.Tooltip("indicator:N", title=tr("Indicator")),
            alt.Tooltip("shown_as:N", title=tr("Value is")),
            alt.Tooltip(f"{items.field}:Q", title=tr("Items, millions"), format=items.format(",.2f")),
            alt.Tooltip("as_of:N", title=tr("As of")),
        ],
    )
    targets = base.properties(data=targets_data[columns]).mark_point(
        shape="diamond", size=140, filled=False, strokeWidth=2
    )
    reported = base.properties(data=reported_data[columns]).mark_point(shape="circle", size=100, filled=True)
    return charts.finish(
        alt.layer(targets, reported).properties(height=260),
        title=tr("Reusable packaging: targets and reported progress"),
        source=tr("State Post Bureau via its press conference (2022) and Workers' Daily (2023)"),
        description=tr(
            "Dot chart on a log axis of the State Post Bureau's counted reuse indicators in "
            "millions of items: reusable boxes in circulation, cardboard boxes used again and "
            "parcels sent in reusable packaging. Hollow diamonds are year-end targets, filled "
            "circles progress reported by September; colour shows the programme. Progress came "
            "close to each target."
        ),
    )


def chapter_numbers() -> dict[str, float]:
    """Every number the chapter's prose quotes, by name, as floats, from the data package and the models.

    Scenario results at :data:`END_YEAR` come from :func:`seckill.models.scenarios.compare` on
    :func:`presets` (``trend_``, ``eff_``, ``suff_``, ``mix_`` prefixes: parcels in billions,
    parcel CO2e in million tonnes, world CO2 in Gt, changes and budget shares in percent); the
    presets' own settings are assumptions (``*_preset_*``). ``dn_*`` count China's doughnut
    indicators; ``reusable_*``, ``boxes_*`` and the share estimates come from the data package.
    """
    base = baseline()
    numbers: dict[str, float] = {}
    trend = default_levers(base)
    numbers["trend_growth_pct"] = trend.growth_pct
    numbers["trend_efficiency_pct"] = trend.efficiency_pct
    numbers["sigma"] = trend.income_sigma
    numbers["end_year"] = trend.end_year
    numbers["base_year"] = base.base_year
    numbers["budget_gt"] = base.budget_gtco2
    numbers["live_share_pct"] = 100 * base.live_share
    numbers["parcels_base_bn"] = base.parcels_bn
    numbers["grams"] = base.packaging_g_per_parcel
    results = scenarios.compare(presets(base), base).set_index("scenario")
    for name, key in [
        ("Past trend", "trend"),
        ("Efficiency (green growth)", "eff"),
        ("Sufficiency", "suff"),
        ("Policy mix", "mix"),
    ]:
        r = results.loc[name]
        numbers[f"{key}_parcels_bn"] = r["parcels_end_bn"]
        numbers[f"{key}_parcels_change_pct"] = 100 * r["parcels_change"]
        numbers[f"{key}_parcel_co2e_mt"] = r["parcel_co2e_end_mt"]
        numbers[f"{key}_emissions_gt"] = r["emissions_end_gt"]
        numbers[f"{key}_emissions_change_pct"] = 100 * r["emissions_change"]
        numbers[f"{key}_budget_used_pct"] = 100 * r["budget_used_share"]
        numbers[f"{key}_exhaustion_year"] = r["exhaustion_year"] if pd.notna(r["exhaustion_year"]) else 0
        numbers[f"{key}_gini"] = r["gini"]
        numbers[f"{key}_top1_pct"] = 100 * r["top1_share"]
    # The explorer's question for each preset: the parcels' CO2e summed to END_YEAR against their
    # share of the 1.5 °C budget (0 for "not used up by END_YEAR").
    for name, key in [("Past trend", "trend"), ("Policy mix", "mix")]:
        verdict = scenarios.delivery_verdict(presets(base)[name], base)
        numbers[f"{key}_delivery_used_pct"] = 100 * verdict["budget_used_share"]
        numbers[f"{key}_delivery_used_year"] = verdict["used_up_year"] or 0
    numbers["delivery_budget_mt"] = scenarios.delivery_budget_mt(base)
    numbers["parcel_co2e_base_mt"] = results.loc["Past trend", "parcel_co2e_base_mt"]
    # Years of today's parcel emissions that their share of the budget holds.
    numbers["delivery_budget_years"] = numbers["delivery_budget_mt"] / numbers["parcel_co2e_base_mt"]
    numbers["emissions_base_gt"] = results.loc["Past trend", "emissions_base_gt"]
    numbers["no_cues_ratio"] = scenarios.live_orders_ratio(base, 0)
    numbers["efficiency_preset_pct"] = EFFICIENCY_PRESET_PCT
    numbers["sufficiency_preset_pct"] = SUFFICIENCY_PRESET_PCT
    numbers["reuse_preset_pct"] = REUSE_PRESET_PCT
    numbers["sigma_preset_factor_pct"] = 100 * (1 - SIGMA_PRESET_FACTOR)
    numbers["boost_default_pct"] = base.default_boost_pct
    # The rate at which efficiency alone holds world CO2 flat at the past trend's growth.
    budget = carbon_budget.budget_defaults()
    numbers["needed_efficiency_pct"] = 100 * decoupling.required_intensity_decline(
        budget["population_growth"], trend.growth_pct / 100
    )

    policy = packaging_policy_table()
    scale = reuse_scale_table(policy, parcel_inputs.parcels_table())
    reusable_2023 = scale[
        (scale["year"] == 2023) & (scale["indicator"] == "Parcels sent in reusable packaging")
    ].set_index("kind")
    numbers["reusable_target_2023_bn"] = reusable_2023.loc["target", "value"] / 1000
    numbers["reusable_reported_2023_m"] = reusable_2023.loc["reported", "value"]
    numbers["reusable_target_share_2023_pct"] = reusable_2023.loc["target", "share_of_parcels_pct"]
    numbers["parcels_2023_bn"] = reusable_2023.loc["target", "parcels_bn"]
    boxes = policy[
        (policy["year"] == 2022) & (policy["indicator"] == "Reusable delivery boxes in circulation")
    ]
    boxes = boxes.set_index("kind")["value"]
    numbers["boxes_target_2022_m"] = boxes["target"]
    numbers["boxes_reported_2022_m"] = boxes["reported"]
    shares = live_share_table().set_index(["estimator", "year"])
    numbers["mitsui_2019_pct"] = float(
        shares.loc[("Mitsui & Co. Global Strategic Studies Institute", 2019), "share_pct"]
    )
    numbers["qianzhan_2017_pct"] = float(shares.loc[("前瞻产业研究院", 2017), "share_pct"])
    numbers["qianzhan_2021_pct"] = float(shares.loc[("前瞻产业研究院", 2021), "share_pct"])

    # China on the doughnut: ceilings overshot (ratio above 1) and floors met (ratio at least 1).
    rings = doughnut.doughnut_table()
    china = rings[rings["economy_code"] == "chn"]
    numbers["dn_year"] = china["year"].iloc[0]
    numbers["dn_over"] = ((china["dimension"] == "biophysical") & (china["ratio"] > 1)).sum()
    numbers["dn_n_bio"] = (china["dimension"] == "biophysical").sum()
    numbers["dn_met"] = ((china["dimension"] == "social") & (china["ratio"] >= 1)).sum()
    numbers["dn_n_social"] = (china["dimension"] == "social").sum()

    # Without the sale's cues, live-stream orders fall to no_cues_ratio of their level; the cut in
    # all parcels is that fall times live selling's share of them.
    numbers["no_cues_cut_pct"] = 100 * (1 - numbers["no_cues_ratio"])
    numbers["no_cues_parcels_pct"] = numbers["live_share_pct"] * (1 - numbers["no_cues_ratio"])
    numbers["needed_ratio"] = numbers["needed_efficiency_pct"] / numbers["trend_efficiency_pct"]

    # Exercise 3: the reuse share that cuts the parcel CO2e bar by ten percentage points. Reuse
    # removes only packaging emissions, so ten points of the base-year total, over the packaging
    # part of the end-year total, is the share of parcels that must be reused.
    trend_result = scenarios.run(trend, base)
    per_parcel_packaging = base.packaging_g_per_parcel / 1e6 * base.packaging_t_co2e_per_t  # t CO2e
    per_parcel_total = per_parcel_packaging + base.transport_kg_co2e_per_parcel / 1000
    packaging_mt_end = trend_result["parcel_co2e_end_mt"] * per_parcel_packaging / per_parcel_total
    reuse_for_ten_pp = 100 * 0.10 * trend_result["parcel_co2e_base_mt"] / packaging_mt_end
    numbers["packaging_share_pct"] = 100 * per_parcel_packaging / per_parcel_total
    numbers["reuse_for_ten_pp"] = reuse_for_ten_pp
    numbers["reuse_vs_target"] = reuse_for_ten_pp / numbers["reusable_target_share_2023_pct"]
    # Years of today's world emissions the remaining budget holds.
    numbers["budget_years"] = numbers["budget_gt"] / numbers["emissions_base_gt"]
    # Exercise 4: goods bought per person change by (1 + g)(1 - s) a year, so the trend's growth
    # with the sufficiency preset follows the same path as this growth with no sufficiency.
    numbers["suff_net_growth_pct"] = 100 * (
        (1 + numbers["trend_growth_pct"] / 100) * (1 - numbers["sufficiency_preset_pct"] / 100) - 1
    )
    # Plain floats: the page formats each one, and numpy scalars would not format.
    return {key: float(value) for key, value in numbers.items()}


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def emissions_check_text(model_gt: float, tool_gt: float) -> str:
    """Two lines: the world's CO2 in the end year from the decoupling model and from the scenario
    tool (billion tonnes; 亿吨 in Chinese), which must agree."""
    return "\n".join(
        [
            tr("decoupling model: {emissions_gt:.3f} Gt").format(
                emissions_gt=model_gt, emissions_yi_t=10 * model_gt
            ),
            tr("scenario tool:    {emissions_gt:.3f} Gt").format(
                emissions_gt=tool_gt, emissions_yi_t=10 * tool_gt
            ),
        ]
    )


def gini_check_text(model_gini: float, tool_gini: float) -> str:
    """The streamers' Gini from the income model and from the scenario tool, which must agree."""
    return tr("Gini: {model} from the income model, {tool} from the scenario tool").format(
        model=model_gini, tool=tool_gini
    )


def orders_check_text(model_ratio: float, tool_ratio: float) -> str:
    """Orders without scarcity cues over orders with the default cues, from the flash-sale model
    and from the scenario tool, which must agree."""
    return tr(
        "orders without cues / with default cues: {model} from the flash-sale model, "
        "{tool} from the scenario tool"
    ).format(model=model_ratio, tool=tool_ratio)
