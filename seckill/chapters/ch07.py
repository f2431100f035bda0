"""Chapter 7, "The environment cannot live-stream": parcels, packaging, emissions and limits.

Functions named ``*_table`` take the loaded data and return tidy DataFrames, ``*_summary`` and
``*_defaults`` return the numbers the page quotes, and ``*_chart`` return Altair charts. The
narrative page and the notebook both call them, so the two always show the same numbers.

Two charts are interactive on the static page (Vega-Lite parameters bound to sliders): the parcel
footprint calculator and the emissions-path explorer. Their formulas are the same as
:mod:`seckill.models.parcels` and :mod:`seckill.models.decoupling`, written as Vega expressions;
the tests check the two agree.
"""

from __future__ import annotations

import calendar

import altair as alt
import pandas as pd

from seckill import charts, data
from seckill.calibrations.carbon_budget import (
    HISTORY_END,
    HISTORY_START,
    MODEL_BASE_YEAR,
    MODEL_END_YEAR,
)
from seckill.models import decoupling, parcels

ECONOMY_ORDER = ["China", "United States", "World"]
TERRITORIAL = "Territorial (emitted inside the country)"
CONSUMPTION = "Consumption-based (for what residents consume)"


Y_MAX_GT = 600  # top of the emissions-path axis, Gt CO2
CALCULATOR_MAX_MT = 200  # top of the parcel calculator's axis; the sliders cannot exceed it


# --- Parcels -------------------------------------------------------------------------------------


def parcels_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Parcels per year as bars; the 2021 lower bound drawn pale with a label."""
    base = alt.Chart(table).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("parcels_bn:Q", title="Express parcels, billions"),
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("parcels_bn:Q", title="Parcels (bn)", format=",.2f"),
            alt.Tooltip("parcels_per_person:Q", title="Per person (derived)", format=".0f"),
            alt.Tooltip("status:N", title="Figure is"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "status:N",
            title="Figure",
            scale=alt.Scale(
                domain=["published", "lower bound"], range=[charts.MAIN_COLOUR, charts.PALETTE["sky_blue"]]
            ),
        )
    )
    lower = table[table["status"] == "lower bound"]
    label = (
        alt.Chart(lower.assign(label="at least"))
        .mark_text(dy=-8, fontSize=11, color=charts.MUTED_TEXT_COLOUR)
        .encode(x="year:O", y="parcels_bn:Q", text="label:N")
    )
    first, last = table.iloc[0], table.iloc[-1]
    return charts.finish(
        alt.layer(bars, label),
        title="Express parcels handled in China each year",
        source="State Post Bureau, as reported by Xinhua, China Daily and others (see Data and sources)",
        description=(
            f"Bar chart of express parcels handled in China per year, from {first['parcels_bn']:.0f} billion "
            f"in {int(first['year'])} to {last['parcels_bn']:.1f} billion in {int(last['year'])}. "
            "For 2021 only a lower bound of 100 billion was found."
        ),
    )


def singles_day_parcels_table(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Singles' Day season parcels with parcels per day in the window (derived: total ÷ days)."""
    rows = data.load("singles_day_parcels") if rows is None else rows
    table = rows.copy()
    table["year"] = table["year"].astype(int)
    table["parcels_bn"] = table["parcels_bn"].astype(float)
    table["window_days"] = table["window_days"].astype(int)
    table["parcels_per_day_bn"] = table["parcels_bn"] / table["window_days"]
    table["window"] = [
        "11 November alone" if days == 1 else "Average day of the season window"
        for days in table["window_days"]
    ]
    table["label"] = [
        f"{start[5:]} to {end[5:]}, {measure}"
        for start, end, measure in zip(
            table["window_start"], table["window_end"], table["measure"], strict=True
        )
    ]
    return table[
        [
            "year",
            "window",
            "label",
            "window_days",
            "measure",
            "parcels_bn",
            "parcels_per_day_bn",
            "source_id",
            "confidence",
        ]
    ]


WHOLE_YEAR = "Average day of the whole year (derived)"
SEASON = "Average day of the season window"
ONE_DAY = "11 November alone"


def season_comparison_table(season: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Season rows of :func:`singles_day_parcels_table` plus an average day of each year (derived).

    The yearly average is the year's headline parcel count divided by its days (365 or 366); for a
    year whose count is only a lower bound, the average is one too, and ``status`` says so.
    """
    rows = season.assign(status="published")[["year", "window", "label", "parcels_per_day_bn", "status"]]
    yearly = counts.set_index("year")
    extra = []
    for year in sorted(season["year"].unique()):
        if year in yearly.index:
            days = 366 if calendar.isleap(int(year)) else 365
            extra.append(
                {
                    "year": int(year),
                    "window": WHOLE_YEAR,
                    "label": f"whole year ÷ {days} days",
                    "parcels_per_day_bn": float(yearly.loc[year, "parcels_bn"]) / days,
                    "status": str(yearly.loc[year, "status"]),
                }
            )
    return pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)


def singles_day_parcels_chart(table: pd.DataFrame) -> alt.Chart:
    """Parcels per day: an average day of the year, of the 11.11 season, and 11 November itself."""
    order = [WHOLE_YEAR, SEASON, ONE_DAY]
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("window:N", sort=order),
            y=alt.Y("parcels_per_day_bn:Q", title="Parcels per day, billions"),
            color=alt.Color(
                "window:N",
                title=None,
                sort=order,
                scale=alt.Scale(
                    domain=order,
                    range=[
                        charts.PALETTE["sky_blue"],
                        charts.PALETTE["orange"],
                        charts.PALETTE["vermillion"],
                    ],
                ),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("window:N", title="Average of"),
                alt.Tooltip("label:N", title="Counted"),
                alt.Tooltip("parcels_per_day_bn:Q", title="Per day (bn)", format=".2f"),
                alt.Tooltip("status:N", title="Figure is"),
            ],
        )
    )
    years = ", ".join(str(y) for y in sorted(table["year"].unique()))
    return charts.finish(
        bars,
        title="Parcels per day: ordinary days and the Singles' Day season",
        source=(
            "State Post Bureau via People's Daily, Xinhua and others (2024 season: a user post); "
            "per-day values derived"
        ),
        description=(
            "Grouped bar chart of parcels handled per day, in billions, for "
            f"{years}: the average day of the whole year, the average day of the 11.11 season window, "
            "and 11 November itself. The counted measure and the season window changed between years; "
            "the 2021 yearly average is a lower bound."
        ),
    )


# --- Packaging and delivery emissions -------------------------------------------------------------


def _short_study(study: str) -> str:
    """A label short enough for a phone: the study's name without its parenthesis, NGOs abbreviated."""
    short = study.split(" (")[0].replace("Greenpeace East Asia / ACEF / BFFP China", "Greenpeace et al.")
    return short.replace("Sustainability 17(11):5102", "MDPI").replace("Greenpeace et al.", "Greenpeace")


def _scope_group(scope: str) -> str:
    return "Transport" if "transport" in scope.lower() else "Packaging"


def emission_estimates_chart(estimates: pd.DataFrame) -> alt.Chart:
    """Each published emissions estimate (Mt CO2 or CO2e) as a dot, by study, scope and kind."""
    rows = estimates[estimates["quantity"] == "emissions"].copy()
    rows["value"] = rows["value"].astype(float)
    rows["scope_group"] = [_scope_group(s) for s in rows["scope"]]
    # The kind goes into the label, not a second legend, so the chart fits a phone's width.
    rows["label"] = [
        f"{_short_study(s)}: {y}{' (proj.)' if k == 'projection' else ''}"
        for s, y, k in zip(rows["study"], rows["year"], rows["kind"], strict=True)
    ]
    chart = (
        alt.Chart(rows)
        .mark_point(size=110, filled=True)
        .encode(
            x=alt.X("value:Q", title="Mt CO2 or CO2e a year", scale=alt.Scale(zero=True)),
            y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("year"), axis=alt.Axis(labelLimit=220)),
            color=alt.Color("scope_group:N", title="What is counted"),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=["estimate", "projection"], range=["circle", "triangle-up"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("study:N", title="Study"),
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("value:Q", title="Value", format=",.1f"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("scope:N", title="Scope"),
                alt.Tooltip("method:N", title="Method"),
                alt.Tooltip("kind:N", title="Kind"),
            ],
        )
    )
    return charts.finish(
        chart,
        title="Published estimates of express delivery's emissions in China",
        source="Su et al. 2020; Kang et al. 2021; Greenpeace East Asia et al. 2019; MDPI 2025; SCMP 2021",
        description=(
            f"Dot chart of {len(rows)} published estimates of emissions from China's express delivery, in "
            "million tonnes of CO2 or CO2-equivalent, labelled by study and year; colour shows whether "
            "packaging or transport is counted, and triangles mark projections."
        ),
    )


def parcel_expressions(defaults: dict[str, float]) -> dict[str, str]:
    """The calculator's formulas as Vega expressions over its slider parameters.

    Parameters: ``parcels_bn``, ``grams``, ``reuse_pct``, ``recycle_pct`` and ``distance``. The
    expressions use only arithmetic, so the tests can evaluate them in Python and compare them with
    :func:`seckill.models.parcels.parcel_footprint`.
    """
    # Billions of parcels × grams = thousands of tonnes, so ÷ 1000 gives million tonnes (Mt).
    new_packaging_mt = "(parcels_bn * grams * (1 - reuse_pct / 100) / 1000)"
    packaging_mt = f"({new_packaging_mt} * {defaults['packaging_t_co2e_per_t']!r})"
    transport_mt = f"(parcels_bn * {defaults['transport_kg_co2e_per_parcel']!r} * distance)"
    total_mt = f"({packaging_mt} + {transport_mt})"
    return {
        "new_packaging_mt": new_packaging_mt,
        "waste_not_recycled_mt": f"({new_packaging_mt} * (1 - recycle_pct / 100))",
        "packaging_mt": packaging_mt,
        "transport_mt": transport_mt,
        "total_mt": total_mt,
        "kg_per_person": f"({total_mt} * 1e9 / {defaults['population']!r})",
    }


def emissions_factor_expression(population_growth: float) -> str:
    """The explorer's yearly emissions factor (1 + p)(1 + g)(1 − d(1 − r)) as a Vega expression.

    Parameters: ``growth_pct``, ``decline_pct`` and ``rebound_pct`` (percent); ``population_growth``
    is fixed. Pure arithmetic, so the tests can compare it with
    :func:`seckill.models.decoupling.emissions_growth_factor`.
    """
    p = population_growth
    return f"((1 + {p!r}) * (1 + growth_pct / 100) * (1 - decline_pct / 100 * (1 - rebound_pct / 100)))"


def parcel_calculator_chart(defaults: dict[str, float]) -> alt.LayerChart:
    """A parcel footprint calculator that runs in the browser: five sliders, two bars and a readout.

    Same formulas as :func:`seckill.models.parcels.parcel_footprint`. The packaging factors are derived
    from Su et al. (2020) and the 2018 parcel count, the transport factor is Kang et al.'s (2021);
    reuse, recycling and distance are the reader's assumptions and the sliders say so.
    """
    grams_default = round(defaults["packaging_g_per_parcel"])
    params = [
        alt.param(
            name="parcels_bn",
            value=defaults["parcels_bn"],
            bind=alt.binding_range(min=10, max=250, step=0.5, name="Parcels a year, billions: "),
        ),
        alt.param(
            name="grams",
            value=grams_default,
            bind=alt.binding_range(min=50, max=400, step=1, name="Packaging per parcel, grams: "),
        ),
        alt.param(
            name="reuse_pct",
            value=0,
            bind=alt.binding_range(min=0, max=90, step=5, name="Extra reuse, % of parcels (assumption): "),
        ),
        alt.param(
            name="recycle_pct",
            value=0,
            bind=alt.binding_range(min=0, max=100, step=5, name="Recycled, % of packaging (assumption): "),
        ),
        alt.param(
            name="distance",
            value=1.0,
            bind=alt.binding_range(
                min=0.5, max=2.5, step=0.1, name="Distance, × 2018 average (assumption): "
            ),
        ),
    ]
    expr = parcel_expressions(defaults)
    new_packaging_mt, packaging_mt, transport_mt = (
        expr["new_packaging_mt"],
        expr["packaging_mt"],
        expr["transport_mt"],
    )
    total, per_person = expr["total_mt"], expr["kg_per_person"]
    # Short labels so that the plot keeps its width on a phone.
    components = pd.DataFrame({"component": ["Packaging", "Transport"]})
    bars = (
        alt.Chart(components)
        .transform_calculate(co2e_mt=f"datum.component == 'Packaging' ? {packaging_mt} : {transport_mt}")
        .mark_bar()
        .encode(
            y=alt.Y(
                "component:N",
                title=None,
                axis=alt.Axis(labelLimit=200),
                # Room above the bars for the two lines of the readout.
                scale=alt.Scale(paddingOuter=0.9, paddingInner=0.25),
            ),
            x=alt.X(
                "co2e_mt:Q",
                title="Emissions, Mt CO2e a year",
                scale=alt.Scale(domain=[0, CALCULATOR_MAX_MT]),
                axis=alt.Axis(tickCount=5),
            ),
            color=alt.Color("component:N", title=None, legend=None),
            tooltip=[alt.Tooltip("component:N"), alt.Tooltip("co2e_mt:Q", title="Mt CO2e", format=",.1f")],
        )
    )
    readout = charts.readout(
        [
            f"'Total ' + format({total}, ',.1f') + ' Mt CO2e, ' + "
            f"format({per_person}, ',.0f') + ' kg/person'",
            f"'Packaging ' + format({new_packaging_mt}, ',.1f') + ' Mt, ' + "
            f"format({expr['waste_not_recycled_mt']}, ',.1f') + ' Mt unrecycled'",
        ],
        x_px=4,
        y_px=6,
        bold="all",
        baseline="top",
    )
    chart = charts.finish(
        alt.layer(bars, *readout).add_params(*params).properties(height=220),
        title="Parcel footprint calculator",
        source=(
            "factors derived from Su et al. 2020 and the 2018 parcel count; transport from Kang et al. 2021; "
            f"population World Bank {int(defaults['year'])}; reuse, recycling and distance are assumptions"
        ),
        description=(
            "Interactive bar chart. Sliders set parcels a year, grams of packaging per parcel, and three "
            "assumptions: extra reuse, recycling and delivery distance. Two bars show emissions from "
            "making new packaging and from transport, in million tonnes of CO2-equivalent, and text gives "
            "the total, the amount per person and the packaging left unrecycled."
        ),
    )
    start = parcel_calculator_start(defaults)
    table = pd.DataFrame(
        {
            "component": ["Packaging", "Transport", "Total"],
            "co2e_mt": [start[key] / 1e6 for key in ("packaging_co2e_t", "transport_co2e_t", "total_co2e_t")],
            "kg_per_person": [
                start[key] * 1000 / defaults["population"]
                for key in ("packaging_co2e_t", "transport_co2e_t", "total_co2e_t")
            ],
        }
    ).round({"co2e_mt": 1, "kg_per_person": 1})
    return charts.with_model_table(
        chart,
        table,
        caption=(
            f"Emissions of {defaults['parcels_bn']:g} billion parcels a year ({int(defaults['year'])}) at "
            f"{grams_default} g of packaging each, no extra reuse or recycling and the 2018 average "
            f"distance; they use {start['new_packaging_t'] / 1e6:.1f} Mt of new packaging, "
            f"{start['waste_not_recycled_t'] / 1e6:.1f} Mt of it not recycled"
        ),
        titles={
            "component": "Emissions from",
            "co2e_mt": "Mt CO2e a year",
            "kg_per_person": "kg CO2e per person",
        },
        model="seckill.models.parcels.parcel_footprint",
    )


def parcel_calculator_start(defaults: dict[str, float]) -> dict[str, float]:
    """:func:`seckill.models.parcels.parcel_footprint` at the calculator's starting settings.

    Those are the latest parcel count, the packaging grams rounded to the slider's whole grams, no
    extra reuse or recycling and the 2018 average distance. Tonnes and kg as the model returns them.
    """
    return parcels.parcel_footprint(
        defaults["parcels_bn"] * 1e9,
        packaging_g_per_parcel=round(defaults["packaging_g_per_parcel"]),
        packaging_t_co2e_per_t=defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=defaults["transport_kg_co2e_per_parcel"],
        population=defaults["population"],
    )


# --- CO2: territorial, consumption-based, per person -----------------------------------------------


def per_person_table(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Territorial and consumption-based CO2 per person for each economy in ``year``, long format.

    Missing values (the world has no consumption-based figure: it equals territorial by
    construction) are left out, not filled.
    """
    rows = table[table["year"] == year]
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "economy": rows["economy"],
                    "measure": TERRITORIAL,
                    "t_per_person": rows["co2_territorial_t_per_person"],
                }
            ),
            pd.DataFrame(
                {
                    "economy": rows["economy"],
                    "measure": CONSUMPTION,
                    "t_per_person": rows["co2_consumption_t_per_person"],
                }
            ),
        ],
        ignore_index=True,
    )
    long["year"] = year
    return long[long["t_per_person"].notna()].reset_index(drop=True)


def per_person_chart(long: pd.DataFrame) -> alt.Chart:
    """Grouped bars: CO2 per person, territorial vs consumption-based, China / US / world."""
    year = int(long["year"].iloc[0])
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("economy:N", title=None, sort=ECONOMY_ORDER, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("measure:N", sort=[TERRITORIAL, CONSUMPTION]),
            y=alt.Y("t_per_person:Q", title=f"CO2 per person in {year}, tonnes"),
            color=alt.Color("measure:N", title="Counted as", sort=[TERRITORIAL, CONSUMPTION]),
            tooltip=[
                alt.Tooltip("economy:N", title="Economy"),
                alt.Tooltip("measure:N", title="Counted as"),
                alt.Tooltip("t_per_person:Q", title="Tonnes per person", format=".2f"),
            ],
        )
    )
    return charts.finish(
        chart,
        title=f"CO2 per person, counted two ways ({year})",
        source="Our World in Data from the Global Carbon Project (data to 2018); fossil fuels and cement",
        description=(
            f"Grouped bar chart of CO2 emissions per person in {year}, in tonnes, for China, the United "
            "States and the world; for China and the US a second bar shows consumption-based "
            "emissions. China's consumption-based figure is below its territorial one; the US figure "
            "is above."
        ),
    )


def first_year_above(long: pd.DataFrame, measure: str, leader: str = "China", other: str = "United States"):
    """First year in which ``leader``'s emissions exceed ``other``'s on ``measure`` (None if never)."""
    wide = long[long["measure"] == measure].pivot(index="year", columns="economy", values="gt").dropna()
    above = wide[wide[leader] > wide[other]]
    return None if above.empty else int(above.index.min())


def totals_long(table: pd.DataFrame) -> pd.DataFrame:
    """China's and the US's CO2 in Gt a year, territorial and consumption-based, long format."""
    rows = table[table["economy_code"].isin(["chn", "usa"])]
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "year": rows["year"],
                    "economy": rows["economy"],
                    "measure": "Territorial",
                    "gt": rows["co2_territorial_mt"] / 1000,
                }
            ),
            pd.DataFrame(
                {
                    "year": rows["year"],
                    "economy": rows["economy"],
                    "measure": "Consumption-based",
                    "gt": rows["co2_consumption_mt"] / 1000,
                }
            ),
        ],
        ignore_index=True,
    ).dropna()


def totals_chart(table: pd.DataFrame) -> alt.Chart:
    """China's and the US's CO2 totals over time, territorial (solid) and consumption-based (dashed)."""
    long = totals_long(table)
    crossing = {measure: first_year_above(long, measure) for measure in ("Territorial", "Consumption-based")}
    first_year, last_year = int(long["year"].min()), int(long["year"].max())
    chart = (
        alt.Chart(long)
        .mark_line()
        .encode(
            x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
            y=alt.Y("gt:Q", title="CO2 emissions, billion tonnes a year"),
            color=alt.Color("economy:N", title="Economy"),
            strokeDash=alt.StrokeDash(
                "measure:N",
                title="Counted as",
                scale=alt.Scale(domain=["Territorial", "Consumption-based"], range=[[1, 0], [5, 3]]),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("economy:N", title="Economy"),
                alt.Tooltip("measure:N", title="Counted as"),
                alt.Tooltip("gt:Q", title="Gt CO2", format=".2f"),
            ],
        )
    )
    return charts.finish(
        chart,
        title="China and the United States: CO2 made at home and CO2 consumed",
        source="Our World in Data from the Global Carbon Project; consumption-based to 2017",
        description=(
            f"Line chart of yearly CO2 emissions in billion tonnes, {first_year} to {last_year}, for China "
            "and the United States; solid lines count emissions inside each country, dashed lines count "
            "emissions for what its residents consume. China's territorial emissions pass the US's "
            f"in {crossing['Territorial']} and its consumption-based emissions in "
            f"{crossing['Consumption-based']}."
        ),
    )


# --- Decoupling: China's GDP and CO2 -----------------------------------------------------------------


def decoupling_table(table: pd.DataFrame, economy_code: str = "chn") -> pd.DataFrame:
    """GDP, CO2 and CO2 per unit of GDP as indices (first year = 100), long format, years with GDP."""
    rows = table[(table["economy_code"] == economy_code) & table["gdp_intl_usd_2011_bn"].notna()].sort_values(
        "year"
    )
    first = rows.iloc[0]
    intensity = rows["co2_territorial_mt"] / rows["gdp_intl_usd_2011_bn"]
    series = {
        "Real GDP": 100 * rows["gdp_intl_usd_2011_bn"] / first["gdp_intl_usd_2011_bn"],
        "CO2 emissions (territorial)": 100 * rows["co2_territorial_mt"] / first["co2_territorial_mt"],
        "CO2 per unit of GDP": 100 * intensity / intensity.iloc[0],
    }
    return pd.concat(
        [
            pd.DataFrame({"year": rows["year"], "series": name, "index": values})
            for name, values in series.items()
        ],
        ignore_index=True,
    )


def decoupling_summary(table: pd.DataFrame, economy_code: str = "chn") -> dict[str, float | str]:
    """Kaya rates for 1990-2016 and for the flat years 2013-2016, with their decoupling status."""
    rows = table[table["economy_code"] == economy_code].set_index("year")
    out: dict[str, float | str] = {}
    for start, end in [(HISTORY_START, HISTORY_END), (2013, HISTORY_END)]:
        rates = decoupling.historical_rates(
            start_population=float(rows.loc[start, "population"]),
            end_population=float(rows.loc[end, "population"]),
            start_gdp=float(rows.loc[start, "gdp_intl_usd_2011_bn"]),
            end_gdp=float(rows.loc[end, "gdp_intl_usd_2011_bn"]),
            start_emissions=float(rows.loc[start, "co2_territorial_mt"]),
            end_emissions=float(rows.loc[end, "co2_territorial_mt"]),
            years=end - start,
        )
        for key, value in rates.items():
            out[f"{key}_{start}_{end}"] = value
        out[f"status_{start}_{end}"] = decoupling.decoupling_status(
            rates["gdp_growth"], rates["emissions_growth"]
        )
    out["co2_2016_mt"] = float(rows.loc[HISTORY_END, "co2_territorial_mt"])
    out["co2_2018_mt"] = float(rows.loc[rows.index.max(), "co2_territorial_mt"])
    out["co2_1990_mt"] = float(rows.loc[HISTORY_START, "co2_territorial_mt"])
    return out


def decoupling_chart(long: pd.DataFrame, *, economy: str = "China") -> alt.Chart:
    """Index lines: GDP pulls away from CO2 (relative decoupling) while CO2 still rises."""
    order = ["Real GDP", "CO2 emissions (territorial)", "CO2 per unit of GDP"]
    first, last = int(long["year"].min()), int(long["year"].max())
    low, high = float(long["index"].min()), float(long["index"].max())
    chart = (
        alt.Chart(long)
        .mark_line(point=alt.OverlayMarkDef(size=25))
        .encode(
            x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
            y=alt.Y(
                "index:Q",
                title=f"Index, {first} = 100 (log scale)",
                scale=alt.Scale(type="log", domain=[0.8 * low, 1.25 * high], nice=False),
                # Doublings from 100, so equal steps on the axis are equal ratios.
                axis=alt.Axis(
                    values=[v for v in (25, 50, 100, 200, 400, 800, 1600) if 0.8 * low <= v <= 1.25 * high]
                ),
            ),
            color=alt.Color("series:N", title=None, sort=order),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("index:Q", title=f"Index ({first} = 100)", format=".0f"),
            ],
        )
    )
    end = long[long["year"] == last].set_index("series")["index"]
    return charts.finish(
        chart,
        title=f"{economy}: GDP and CO2, {first}-{last}",
        source="Our World in Data: Global Carbon Project CO2 and Maddison Project GDP (2011 int. $)",
        description=(
            f"Line chart on a log axis of three indices for {economy}, {first} = 100: real GDP reached "
            f"{end['Real GDP']:.0f}, CO2 emissions {end['CO2 emissions (territorial)']:.0f} and CO2 per unit "
            f"of GDP {end['CO2 per unit of GDP']:.0f} by {last}. Emissions grew more slowly than GDP "
            "(relative decoupling) but did not fall for long."
        ),
    )


# --- Emissions path against the carbon budget ---------------------------------------------------------


def path_grid(base_year: int = MODEL_BASE_YEAR, end_year: int = MODEL_END_YEAR) -> pd.DataFrame:
    """Years and years since the base year, for the browser to compute the path on."""
    years = list(range(base_year, end_year + 1))
    return pd.DataFrame({"year": years, "t": [y - base_year for y in years]})


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
    params = [
        alt.param(
            name="growth_pct",
            value=summary["growth_pct"],
            bind=alt.binding_range(
                min=-3, max=6, step=0.1, name="Consumption per person, % a year (scenario): "
            ),
        ),
        alt.param(
            name="decline_pct",
            value=summary["decline_pct"],
            bind=alt.binding_range(
                min=0, max=15, step=0.1, name="Fall in CO2 per unit consumed, % a year (scenario): "
            ),
        ),
        alt.param(
            name="rebound_pct",
            value=summary["rebound_pct"],
            bind=alt.binding_range(
                min=0, max=100, step=5, name="Rebound, % of saving spent again (assumption): "
            ),
        ),
    ]
    factor = emissions_factor_expression(p)
    cumulative = (
        f"datum.t == 0 ? 0 : (abs({factor} - 1) < 1e-9 ? {e0!r} * datum.t : "
        f"{e0!r} * {factor} * (pow({factor}, datum.t) - 1) / ({factor} - 1))"
    )
    x = alt.X(
        "year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[base_year, MODEL_END_YEAR])
    )
    path = (
        alt.Chart(path_grid(base_year))
        .transform_calculate(cumulative=cumulative)
        .mark_line(color=charts.HIGHLIGHT_COLOUR, clip=True)
        .encode(
            x=x,
            y=alt.Y(
                "cumulative:Q",
                title=f"CO2 emitted since the start of {base_year + 1}, billion tonnes",
                # A fixed axis keeps the budgets readable; paths above it run off the top.
                scale=alt.Scale(domain=[0, Y_MAX_GT]),
            ),
            tooltip=[
                alt.Tooltip("year:Q", format="d", title="Year"),
                alt.Tooltip("cumulative:Q", format=",.0f", title="Gt CO2 since start"),
            ],
        )
    )
    budgets = pd.DataFrame(
        {
            "budget": [defaults["budget_50"], defaults["budget_67"], defaults["budget_83"]],
            "label": [
                f"1.5 °C budget, 50% chance: {defaults['budget_50']:.0f} Gt",
                f"67% chance: {defaults['budget_67']:.0f} Gt",
                f"83% chance: {defaults['budget_83']:.0f} Gt",
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
    needed = (
        f"((1 + {p!r}) * (1 + growth_pct / 100) <= 1 ? 0 : "
        f"(1 - 1 / ((1 + {p!r}) * (1 + growth_pct / 100))) / (1 - rebound_pct / 100) * 100)"
    )
    readout = charts.readout(
        [
            f"'{MODEL_END_YEAR}: ' + format(datum.annual_end, '.1f') + ' Gt a year (' + "
            f"format(datum.annual_end / {e0!r} - 1, '+.0%') + ' vs {base_year})'",
            f"datum.first_hit == 9999 ? '50% budget lasts past {MODEL_END_YEAR}' : "
            "'50% budget gone in ' + datum.first_hit",
            "rebound_pct >= 100 ? 'Full rebound: no cut possible' : "
            f"'To fall: intensity −' + format({needed}, '.1f') + '% a year'",
        ],
        # The first year of the path, carrying the year the budget runs out.
        frame=alt.Chart(path_grid(base_year))
        .transform_calculate(cumulative=cumulative)
        .transform_calculate(hit=f"datum.cumulative >= {budget_50!r} ? datum.year : 9999")
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
        title="Growth against efficiency: the world's CO2 and the 1.5 °C budget",
        source=(
            f"Global Carbon Budget 2024 (world CO2 {base_year}); Indicators of Global Climate Change 2024 "
            "(budgets from 2025); World Bank population; scenario and rebound set by the reader"
        ),
        description=(
            "Interactive line chart. Sliders set the yearly growth of consumption per person, the "
            "yearly fall in CO2 per unit consumed, and the rebound (an assumption). The line shows the "
            f"world's cumulative CO2 from the start of {base_year + 1} to {MODEL_END_YEAR} in billion "
            "tonnes, against dashed lines for the remaining 1.5 °C budgets at 50, 67 and 83 percent "
            f"chances; text gives the yearly emissions in {MODEL_END_YEAR}, the year the 50 percent "
            "budget is used up, and the fall in intensity needed for emissions to decline."
        ),
    )
    gone = summary["exhaustion_year_50"]
    needed = summary["required_decline"]
    return charts.with_model_table(
        chart,
        table,
        caption=(
            f"The world's CO2 on the path the chart starts from: consumption per person grows "
            f"{summary['growth_pct']:g}% a year, CO2 per unit consumed falls {summary['decline_pct']:g}% a "
            f"year, rebound {summary['rebound_pct']:g}%, population grows {100 * p:.2f}% a year (fixed), "
            f"from {e0:g} Gt in {base_year}. Rows: {base_year}, the years the 1.5 °C budgets run out, and "
            f"every fifth year from {base_year + 1}; Gt CO2 from {base_year + 1} is the line: all emitted "
            f"from the start of {base_year + 1} to the end of the row's year. "
            f"{MODEL_END_YEAR}: {summary['emissions_end_gtco2']:.1f} Gt a year "
            f"({summary['change_vs_base']:+.0%} vs {base_year}); "
            + (
                f"50% budget gone in {gone}"
                if gone is not None
                else f"50% budget lasts past {MODEL_END_YEAR}"
            )
            + "; "
            + (
                "full rebound: no cut possible"
                if needed is None
                else f"to fall: intensity −{100 * needed:.1f}% a year"
            )
            + f". The chart's axis stops at {Y_MAX_GT} Gt; the path runs off its top above that"
        ),
        titles={
            "year": "Year",
            "emissions_gtco2": "Gt CO2 that year",
            "cumulative_gtco2": f"Gt CO2 from {base_year + 1}",
            "budget_gone": "1.5 °C budget used up",
        },
        model="seckill.models.decoupling.calibrated_path and budget_exhaustion_year",
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
            gone.setdefault(year, []).append(f"{probability}% chance ({budget:.0f} Gt)")
    keep = (path["year"] == base_year) | path["year"].isin(gone) | ((path["year"] - base_year) % 5 == 1)
    keep |= path["year"] == MODEL_END_YEAR
    rows = path[keep]
    table = pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "emissions_gtco2": rows["emissions_gtco2"].round(1),
            "cumulative_gtco2": rows["cumulative_gtco2"].round(1).where(rows["year"] > base_year),
            "budget_gone": [", ".join(gone[y]) if y in gone else None for y in rows["year"]],
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


# --- Material footprint and the doughnut ----------------------------------------------------------


def material_footprint_table(footprint: pd.DataFrame | None = None) -> pd.DataFrame:
    """Material footprint per person by economy and year, with plain dtypes."""
    footprint = data.load("material_footprint") if footprint is None else footprint
    table = footprint.copy()
    table["year"] = table["year"].astype(int)
    table["material_footprint_t_per_person"] = table["material_footprint_t_per_person"].astype(float)
    return table


def material_footprint_chart(table: pd.DataFrame) -> alt.Chart:
    """Lines of material footprint per person: China, the United States and the world."""
    first, last = int(table["year"].min()), int(table["year"].max())
    end = table[table["year"] == last].set_index("economy")["material_footprint_t_per_person"]
    chart = (
        alt.Chart(table)
        .mark_line()
        .encode(
            x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
            y=alt.Y("material_footprint_t_per_person:Q", title="Raw materials per person, tonnes a year"),
            color=alt.Color("economy:N", title="Economy", sort=ECONOMY_ORDER),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("economy:N", title="Economy"),
                alt.Tooltip("material_footprint_t_per_person:Q", title="Tonnes per person", format=".1f"),
            ],
        )
    )
    return charts.finish(
        chart,
        title="Material footprint per person",
        source="UNDP Human Development Report 2023/2024, from the UNEP International Resource Panel",
        description=(
            f"Line chart of material footprint per person in tonnes a year, {first} to {last}: China rises "
            f"to {end['China']:.1f} tonnes, near the United States' {end['United States']:.1f} and "
            f"{end['China'] / end['World']:.1f} times the world average of {end['World']:.1f}."
        ),
    )


def doughnut_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Dots on a log axis: above 1 on ecological rows is overshoot; below 1 on social rows, shortfall."""
    year = int(table["year"].iloc[0])
    order = (
        table.sort_values(["dimension", "indicator"])["indicator"].drop_duplicates().tolist()
    )  # ecological rows first, then social ones
    y = alt.Y("indicator:N", title=None, sort=order, axis=alt.Axis(labelLimit=160))
    dots = (
        alt.Chart(table)
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X(
                "ratio:Q",
                title="Ratio to limit, log scale",
                scale=alt.Scale(type="log", domain=[0.25, 16], nice=False),
                axis=alt.Axis(values=[0.25, 0.5, 1, 2, 4, 8, 16]),
            ),
            y=y,
            yOffset=alt.YOffset("economy:N", sort=ECONOMY_ORDER),
            color=alt.Color("economy:N", title="Economy", sort=ECONOMY_ORDER),
            # A second legend beside the first would not fit a phone; this one goes on top.
            shape=alt.Shape("group:N", title=None, legend=alt.Legend(orient="top", direction="vertical")),
            tooltip=[
                alt.Tooltip("economy:N", title="Economy"),
                alt.Tooltip("indicator:N", title="Indicator"),
                alt.Tooltip("group:N", title="Kind"),
                alt.Tooltip("ratio:Q", title="Ratio", format=".2f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"ratio": [1.0]}))
        .mark_rule(color=charts.MUTED_TEXT_COLOUR)
        .encode(x="ratio:Q")
    )
    china = table[table["economy"] == "China"]
    over = int(((china["dimension"] == "biophysical") & (china["ratio"] > 1)).sum())
    n_bio = int((china["dimension"] == "biophysical").sum())
    met = int(((china["dimension"] == "social") & (china["ratio"] >= 1)).sum())
    n_social = int((china["dimension"] == "social").sum())
    return charts.finish(
        alt.layer(rule, dots).properties(height=420),
        title=f"China and the US against boundaries and social thresholds ({year})",
        source="Fanning, O'Neill, Hickel and Roux 2022, country data",
        description=(
            f"Dot chart on a log axis of {n_bio} ecological and {n_social} social indicators for China "
            f"and the United States in {year}, each divided by its boundary or threshold, with a line at 1. "
            f"China exceeds {over} of {n_bio} boundaries and meets {met} of {n_social} social thresholds."
        ),
    )
