"""Chapter 7, CO2: territorial and consumption-based emissions, per person, and China's decoupling."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.calibrations.carbon_budget import HISTORY_END, HISTORY_START, rates_between
from seckill.i18n import in_reader_units, mark, reader_unit, tr
from seckill.models import decoupling

ECONOMY_ORDER = [mark("China"), mark("United States"), mark("World")]


TERRITORIAL = mark("Territorial (emitted inside the country)")


CONSUMPTION = mark("Consumption-based (for what residents consume)")
# The two measures' short names (the totals chart) and the decoupling chart's three indices.
TERRITORIAL_SHORT = mark("Territorial")
CONSUMPTION_SHORT = mark("Consumption-based")
REAL_GDP = mark("Real GDP")
CO2_TERRITORIAL = mark("CO2 emissions (territorial)")
CO2_PER_GDP = mark("CO2 per unit of GDP")


def _shown(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with the names in ``columns`` (economies, measures, series) in the reader's language."""
    return frame.assign(**{column: frame[column].map(tr) for column in columns})


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
    measures = [tr(TERRITORIAL), tr(CONSUMPTION)]
    chart = (
        alt.Chart(_shown(long, ["economy", "measure"]))
        .mark_bar()
        .encode(
            x=alt.X(
                "economy:N",
                title=None,
                sort=[tr(economy) for economy in ECONOMY_ORDER],
                axis=alt.Axis(labelAngle=0),
            ),
            xOffset=alt.XOffset("measure:N", sort=measures),
            y=alt.Y("t_per_person:Q", title=tr("CO2 per person in {year}, tonnes").format(year=year)),
            color=alt.Color(
                "measure:N",
                title=tr("Counted as"),
                sort=measures,
                legend=alt.Legend(labelExpr=charts.TWO_LINE_LABEL),
            ),
            tooltip=[
                alt.Tooltip("economy:N", title=tr("Economy")),
                alt.Tooltip("measure:N", title=tr("Counted as")),
                alt.Tooltip("t_per_person:Q", title=tr("Tonnes per person"), format=".2f"),
            ],
        )
    )
    return charts.finish(
        chart,
        title=tr("CO2 per person, counted two ways ({year})").format(year=year),
        source=tr("Our World in Data from the Global Carbon Project (data to 2018); fossil fuels and cement"),
        description=tr(
            "Grouped bar chart of CO2 emissions per person in {year}, in tonnes, for China, the "
            "United States and the world; for China and the US a second bar shows "
            "consumption-based emissions. China's consumption-based figure is below its "
            "territorial one; the US figure is above."
        ).format(year=year),
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
                    "measure": TERRITORIAL_SHORT,
                    "gt": rows["co2_territorial_mt"] / 1000,
                }
            ),
            pd.DataFrame(
                {
                    "year": rows["year"],
                    "economy": rows["economy"],
                    "measure": CONSUMPTION_SHORT,
                    "gt": rows["co2_consumption_mt"] / 1000,
                }
            ),
        ],
        ignore_index=True,
    ).dropna()


def totals_chart(table: pd.DataFrame) -> alt.Chart:
    """China's and the US's CO2 totals over time, territorial (solid) and consumption-based (dashed)."""
    long = totals_long(table)
    crossing = {
        measure: first_year_above(long, measure) for measure in (TERRITORIAL_SHORT, CONSUMPTION_SHORT)
    }
    first_year, last_year = int(long["year"].min()), int(long["year"].max())
    gt = reader_unit("co2_gt")
    chart = (
        # Gigatonnes in English; 亿吨 (×10) in Chinese.
        alt.Chart(
            in_reader_units(_shown(long, ["economy", "measure"]).rename(columns={"gt": "co2_gt"}), [gt.name])
        )
        .mark_line()
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y(f"{gt.field}:Q", title=tr("CO2 emissions, billion tonnes a year")),
            color=alt.Color("economy:N", title=tr("Economy")),
            strokeDash=alt.StrokeDash(
                "measure:N",
                title=tr("Counted as"),
                scale=alt.Scale(
                    domain=[tr(TERRITORIAL_SHORT), tr(CONSUMPTION_SHORT)], range=[[1, 0], [5, 3]]
                ),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip("economy:N", title=tr("Economy")),
                alt.Tooltip("measure:N", title=tr("Counted as")),
                alt.Tooltip(f"{gt.field}:Q", title=tr("Gt CO2"), format=gt.format(".2f")),
            ],
        )
    )
    return charts.finish(
        chart,
        title=tr("China and the United States: CO2 made at home and CO2 consumed"),
        source=tr("Our World in Data from the Global Carbon Project; consumption-based to 2017"),
        description=tr(
            "Line chart of yearly CO2 emissions in billion tonnes, {first_year} to {last_year}, "
            "for China and the United States; solid lines count emissions inside each country, "
            "dashed lines count emissions for what its residents consume. China's territorial "
            "emissions pass the US's in {territorial_year} and its consumption-based emissions "
            "in {consumption_year}."
        ).format(
            first_year=first_year,
            last_year=last_year,
            territorial_year=crossing[TERRITORIAL_SHORT],
            consumption_year=crossing[CONSUMPTION_SHORT],
        ),
    )


def decoupling_table(table: pd.DataFrame, economy_code: str = "chn") -> pd.DataFrame:
    """GDP, CO2 and CO2 per unit of GDP as indices (first year = 100), long format, years with GDP."""
    rows = table[(table["economy_code"] == economy_code) & table["gdp_intl_usd_2011_bn"].notna()].sort_values(
        "year"
    )
    first = rows.iloc[0]
    intensity = rows["co2_territorial_mt"] / rows["gdp_intl_usd_2011_bn"]
    series = {
        REAL_GDP: 100 * rows["gdp_intl_usd_2011_bn"] / first["gdp_intl_usd_2011_bn"],
        CO2_TERRITORIAL: 100 * rows["co2_territorial_mt"] / first["co2_territorial_mt"],
        CO2_PER_GDP: 100 * intensity / intensity.iloc[0],
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
        rates = rates_between(table, economy_code, start, end)
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
    order = [tr(REAL_GDP), tr(CO2_TERRITORIAL), tr(CO2_PER_GDP)]
    first, last = int(long["year"].min()), int(long["year"].max())
    low, high = float(long["index"].min()), float(long["index"].max())
    chart = (
        alt.Chart(_shown(long, ["series"]))
        .mark_line(point=alt.OverlayMarkDef(size=25))
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y(
                "index:Q",
                title=tr("Index, {first} = 100 (log scale)").format(first=first),
                scale=alt.Scale(type="log", domain=[0.8 * low, 1.25 * high], nice=False),
                # Doublings from 100, so equal steps on the axis are equal ratios.
                axis=alt.Axis(
                    values=[v for v in (25, 50, 100, 200, 400, 800, 1600) if 0.8 * low <= v <= 1.25 * high]
                ),
            ),
            color=alt.Color("series:N", title=None, sort=order),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip("series:N", title=tr("Series")),
                alt.Tooltip("index:Q", title=tr("Index ({first} = 100)").format(first=first), format=".0f"),
            ],
        )
    )
    end = long[long["year"] == last].set_index("series")["index"]
    return charts.finish(
        chart,
        title=tr("{economy}: GDP and CO2, {first}-{last}").format(
            economy=tr(economy), first=first, last=last
        ),
        source=tr("Our World in Data: Global Carbon Project CO2 and Maddison Project GDP (2011 int. $)"),
        description=tr(
            "Line chart on a log axis of three indices for {economy}, {first} = 100: real GDP "
            "reached {gdp:.0f}, CO2 emissions {co2:.0f} and CO2 per unit of GDP "
            "{intensity:.0f} by {last}. Emissions grew more slowly than GDP (relative decoupling) "
            "but did not fall for long."
        ).format(
            economy=tr(economy),
            first=first,
            gdp=end[REAL_GDP],
            co2=end[CO2_TERRITORIAL],
            intensity=end[CO2_PER_GDP],
            last=last,
        ),
    )


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.

# decoupling.decoupling_status's answers, each in a sentence of its own.
DECOUPLING_SENTENCES = {
    "absolute": mark("Decoupling over {start}-{end}: absolute (the economy grew, emissions fell)"),
    "relative": mark("Decoupling over {start}-{end}: relative (emissions grew more slowly than the economy)"),
    "none": mark("Decoupling over {start}-{end}: none (emissions grew as fast as the economy or faster)"),
    "no growth": mark("Decoupling over {start}-{end}: the economy did not grow"),
}


def kaya_check_text(rates: dict[str, float]) -> str:
    """The yearly growth rebuilt from :func:`seckill.models.decoupling.historical_rates`'s three
    factors, (1 + p)(1 + g)(1 - d) - 1, beside the emissions growth measured directly."""
    rebuilt = (
        (1 + rates["population_growth"])
        * (1 + rates["gdp_per_person_growth"])
        * (1 - rates["intensity_decline"])
    )
    return tr("(1 + p)(1 + g)(1 - d) - 1 = {rebuilt:.4%}; emissions grew {measured:.4%} a year").format(
        rebuilt=rebuilt - 1, measured=rates["emissions_growth"]
    )


def decoupling_text(rates: dict[str, float], start_year: int, end_year: int) -> str:
    """Which decoupling :func:`seckill.models.decoupling.decoupling_status` finds over the years."""
    status = decoupling.decoupling_status(rates["gdp_growth"], rates["emissions_growth"])
    return tr(DECOUPLING_SENTENCES[status]).format(start=start_year, end=end_year)
