"""Chapter 1, "Buy it!": the data shaping and charts behind the scale and speed of Singles' Day.

Functions named ``*_table`` take the loaded data and return tidy DataFrames; functions named
``*_chart`` take those tables and return Altair charts. The narrative page and the notebook both
call them, so the two always show the same numbers.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from seckill import charts, data, i18n
from seckill.calibrations.singles_day import (
    FIRST_UNDISCLOSED_YEAR,
    LAST_ONE_DAY_YEAR,
    MULTI_DAY,
    ONE_DAY,
    singles_day_table,
)
from seckill.controls import Menu, Slider
from seckill.i18n import mark, tr
from seckill.models import growth


def growth_summary(table: pd.DataFrame) -> dict[str, float]:
    """Growth rates the chapter quotes, all from the one-day era so the window change cannot inflate them.

    Keys: ``cagr_2009_2019``, ``cagr_2014_2019``, ``doubling_2009_2019_years``,
    ``doubling_2014_2019_years``, ``growth_2020_2021``, ``gmv_2009_rmb_bn``, ``gmv_2019_rmb_bn``,
    ``gmv_2021_rmb_bn``, ``ratio_2019_to_2009``.
    """
    value = table.set_index("year")["gmv_rmb_bn"]
    summary = {
        "gmv_2009_rmb_bn": value[2009],
        "gmv_2014_rmb_bn": value[2014],
        "gmv_2019_rmb_bn": value[2019],
        "gmv_2020_rmb_bn": value[2020],
        "gmv_2021_rmb_bn": value[2021],
        "ratio_2019_to_2009": value[2019] / value[2009],
        "cagr_2009_2019": growth.annual_growth_rate(value[2009], value[2019], 10),
        "cagr_2014_2019": growth.annual_growth_rate(value[2014], value[2019], 5),
        "growth_2020_2021": value[2021] / value[2020] - 1,
    }
    summary["doubling_2009_2019_years"] = growth.doubling_time_years(summary["cagr_2009_2019"])
    summary["doubling_2014_2019_years"] = growth.doubling_time_years(summary["cagr_2014_2019"])
    return summary


def _source_line(source_ids) -> str:
    """Alibaba's figures come through many news reports; name the count, the appendix lists them."""
    ids = {i for cell in source_ids for i in data.split_source_ids(cell)}
    return tr(
        "Alibaba announcements as reported in {count} news and company sources (see Data and sources)"
    ).format(count=len(ids))


# Headers the "Show the numbers" tables make from field names that no chart titles
# (seckill.charts.tables.readable_name), marked so that the catalogue translates them. Notebook 1
# adds the growth column to the Singles' Day table before charting it.
TABLE_HEADERS = (mark("Label"), mark("Growth on previous year"))


# The Singles' Day table's texts a chart shows, and its sales in the reader's unit (亿元 in Chinese).
_GMV_TEXTS = ["window", "status"]
GMV = "gmv_rmb_bn"


def _for_reader(frame: pd.DataFrame, texts: list[str], quantities: list[str]) -> pd.DataFrame:
    """``frame`` as a chart shows it: its texts translated and its quantities in the reader's unit."""
    return i18n.translate_values(i18n.in_reader_units(frame, quantities), texts)


def gmv_chart(table: pd.DataFrame, *, log_scale: bool = False) -> alt.LayerChart:
    """Singles' Day GMV by year; shape and colour show the counting window; rules mark the breaks."""
    published = _for_reader(table[table["status"] == "published"], _GMV_TEXTS, [GMV])
    gmv = i18n.reader_unit(GMV)
    y_title = tr("Sales (GMV), billion yuan — log scale") if log_scale else tr("Sales (GMV), billion yuan")
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=True)
    windows = [tr(ONE_DAY), tr(MULTI_DAY)]
    base = alt.Chart(published).encode(
        x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y(f"{gmv.field}:Q", title=y_title, scale=scale),
        color=alt.Color(
            "window:N",
            title=tr("Counting window"),
            scale=alt.Scale(domain=windows, range=[charts.MAIN_COLOUR, charts.HIGHLIGHT_COLOUR]),
        ),
        shape=alt.Shape("window:N", title=tr("Counting window"), scale=alt.Scale(domain=windows)),
        tooltip=[
            alt.Tooltip("year:O", title=tr("Year")),
            alt.Tooltip(f"{gmv.field}:Q", title=tr("GMV (bn yuan)"), format=gmv.format(",.1f")),
            alt.Tooltip("window_days:Q", title=tr("Window (days)")),
        ],
    )
    lines = base.mark_line().encode(detail="window:N")
    points = base.mark_point(filled=True, size=70)
    undisclosed = table[table["status"] == "not disclosed"]
    last_year = int(undisclosed["year"].max()) if len(undisclosed) else FIRST_UNDISCLOSED_YEAR
    note = (
        alt.Chart(pd.DataFrame({"year": [last_year], "label": [tr("no total published")]}))
        .mark_text(align="right", dx=-6, dy=-6, fontSize=11, color=charts.MUTED_TEXT_COLOUR)
        .encode(x="year:O", y=alt.value(12), text="label:N")
    )
    rule = (
        # The years with no published total: their sales column is empty, so it is left out.
        alt.Chart(_for_reader(undisclosed.drop(columns=[GMV]), _GMV_TEXTS, []))
        .mark_rule(strokeDash=[4, 4], color=charts.MUTED_TEXT_COLOUR)
        .encode(x="year:O")
    )
    description = (
        tr(
            "Line chart of Alibaba's Singles' Day sales in billion yuan by year, 2009 to 2021, "
            "on a logarithmic axis, "
            "with one-day totals to 2019 and multi-day totals in 2020 and 2021; no total was published "
            "from 2022."
        )
        if log_scale
        else tr(
            "Line chart of Alibaba's Singles' Day sales in billion yuan by year, 2009 to 2021, "
            "with one-day totals to 2019 and multi-day totals in 2020 and 2021; no total was published "
            "from 2022."
        )
    )
    return charts.finish(
        alt.layer(rule, lines, points, note),
        title=tr("Singles' Day sales on Alibaba's platforms (log scale)")
        if log_scale
        else tr("Singles' Day sales on Alibaba's platforms"),
        source=_source_line(table["source_id"]),
        description=description,
    )


def projection_grid(table: pd.DataFrame, end_year: int = 2025) -> pd.DataFrame:
    """Rows (start_year, year, base_value, years_since) for every one-day-era start year.

    The growth explorer filters this grid by the reader's start year and multiplies by
    ``(1 + g) ** years_since`` in the browser, so the base values always come from the data.
    """
    one_day = table[(table["window_days"] == 1) & table["gmv_rmb_bn"].notna()]
    rows = []
    for start_year, base_value in zip(one_day["year"], one_day["gmv_rmb_bn"], strict=True):
        if start_year >= LAST_ONE_DAY_YEAR:
            continue
        for year in range(start_year, end_year + 1):
            rows.append((int(start_year), year, float(base_value), year - int(start_year)))
    return pd.DataFrame(rows, columns=["start_year", "year", "base_value", "years_since"])


# The explorer's log axis ends here; the curve stops where it would leave the chart.
EXPLORER_MAX_GMV_RMB_BN = 3000
EXPLORER_END_YEAR = 2025
# The steady growth rate, on the page's chart and in the notebook's projection explorer alike.
GROWTH_PCT = Slider("growth_pct", mark("Growth rate"), mark("% a year"), 1, 150, 1, 50)
PREFERRED_START_YEAR = 2014  # from here a steady rate tracks the one-day record (the page's point)


def start_year_menu(start_years: list[int]) -> Menu:
    """The growth explorer's start-year menu: the years with recorded one-day sales."""
    first = PREFERRED_START_YEAR if PREFERRED_START_YEAR in start_years else start_years[0]
    return Menu("start_year", mark("Start the curve in"), "", start_years, first)


def growth_explorer_start_table(table: pd.DataFrame, start_year: int, rate_pct: float) -> pd.DataFrame:
    """The growth explorer's curve at a start year and rate, next to the recorded sales.

    One row per year from ``start_year`` to :data:`EXPLORER_END_YEAR` while the curve stays on the
    chart's axis: ``year``, ``projected_gmv_rmb_bn`` (from :func:`seckill.models.growth.project`, starting
    at the recorded one-day sales of ``start_year``), ``recorded_gmv_rmb_bn`` (missing where no
    total was published) and ``window`` (the counting window of the recorded figure).
    """
    one_day = table[(table["window_days"] == 1) & table["gmv_rmb_bn"].notna()].set_index("year")
    if start_year not in one_day.index:
        raise ValueError(f"no recorded one-day sales for start year {start_year}")
    projected = growth.project(
        float(one_day.loc[start_year, "gmv_rmb_bn"]),
        int(start_year),
        rate_pct / 100,
        EXPLORER_END_YEAR,
        value_name="projected_gmv_rmb_bn",
    )
    projected = projected[projected["projected_gmv_rmb_bn"] <= EXPLORER_MAX_GMV_RMB_BN]
    published = table[table["status"] == "published"].set_index("year")
    return pd.DataFrame(
        {
            "year": projected["year"].astype(int),
            "projected_gmv_rmb_bn": projected["projected_gmv_rmb_bn"].round(1),
            "recorded_gmv_rmb_bn": [published["gmv_rmb_bn"].get(year) for year in projected["year"]],
            "window": [published["window"].get(year) for year in projected["year"]],
        }
    ).reset_index(drop=True)


def growth_explorer_chart(
    table: pd.DataFrame, *, default_rate_pct: int = GROWTH_PCT.default
) -> alt.LayerChart:
    """The reader picks a start year and a steady growth rate; the curve is drawn against the record.

    Controls are Vega-Lite parameters bound to a slider and a drop-down, so the chart responds in the
    static book with no Python running. The doubling time is computed in the browser with the same
    formula as :func:`seckill.models.growth.doubling_time_years`.
    """
    gmv = i18n.reader_unit(GMV)
    grid = projection_grid(table)
    grid = grid.assign(base_value=grid["base_value"] * gmv.factor)  # in the reader's unit (亿元)
    top = EXPLORER_MAX_GMV_RMB_BN * gmv.factor
    start_years = sorted(grid["start_year"].unique().tolist())
    rate = GROWTH_PCT.param(default_rate_pct)
    start = start_year_menu(start_years).param()
    log_y = alt.Scale(type="log", domain=[0.03 * gmv.factor, top])
    x = alt.X(
        "year:Q",
        title=tr("Year"),
        axis=alt.Axis(format="d", tickMinStep=1),
        scale=alt.Scale(domain=[2009, EXPLORER_END_YEAR]),
    )
    curve = (
        alt.Chart(grid)
        .transform_filter("datum.start_year == start_year")
        .transform_calculate(projected="datum.base_value * pow(1 + growth_pct / 100, datum.years_since)")
        .transform_filter(f"datum.projected <= {top:g}")
        .mark_line(color=charts.HIGHLIGHT_COLOUR, strokeDash=[6, 3])
        .encode(x=x, y=alt.Y("projected:Q", title=tr("Sales (GMV), billion yuan — log scale"), scale=log_y))
    )
    published = _for_reader(table[table["status"] == "published"], _GMV_TEXTS, [GMV])
    windows = [tr(ONE_DAY), tr(MULTI_DAY)]
    record = (
        alt.Chart(published)
        .mark_point(filled=True, size=70)
        .encode(
            x=x,
            y=alt.Y(f"{gmv.field}:Q", scale=log_y),
            color=alt.Color(
                "window:N",
                title=tr("Recorded sales, counting window"),
                scale=alt.Scale(domain=windows, range=[charts.MAIN_COLOUR, charts.PALETTE["black"]]),
            ),
            shape=alt.Shape(
                "window:N",
                title=tr("Recorded sales, counting window"),
                scale=alt.Scale(domain=windows),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip(f"{gmv.field}:Q", title=tr("GMV (bn yuan)"), format=gmv.format(",.1f")),
            ],
        )
    )
    # Two short lines, so the read-out fits the plot on a 390 px phone as well as on a desktop.
    readout = charts.readout(
        [
            charts.vega_text(tr("At {rate}% a year, sales"), rate="growth_pct"),
            charts.vega_text(
                tr("double every {years} years"),
                years="format(log(2) / log(1 + growth_pct / 100), '.1f')",
            ),
        ],
        x_px=8,
        y_px=12,
        font_size_px=13,
        bold="all",
    )
    start_year = start.param.value
    projected, recorded = "projected_gmv_rmb_bn", "recorded_gmv_rmb_bn"
    chart = charts.with_model_table(
        alt.layer(curve, record, *readout).add_params(rate, start),
        _for_reader(
            growth_explorer_start_table(table, start_year, default_rate_pct),
            ["window"],
            [projected, recorded],
        ),
        caption=tr(
            "The curve the chart starts from: sales growing {rate}% a year from their recorded "
            "level in {year}, which doubles them every {years:.1f} years, next to the sales Alibaba "
            "published (multi-day totals from {multi_day_year}). Years after the curve leaves "
            "the chart's axis ({top:,.0f} bn yuan) are left out"
        ).format(
            rate=default_rate_pct,
            year=start_year,
            years=growth.doubling_time_years(default_rate_pct / 100),
            multi_day_year=LAST_ONE_DAY_YEAR + 1,
            top=top,
        ),
        titles={
            "year": tr("Year"),
            i18n.reader_unit(projected).field: tr("Curve, bn yuan"),
            i18n.reader_unit(recorded).field: tr("Recorded, bn yuan"),
            "window": tr("Counting window"),
        },
        model="seckill.models.growth.project",
    )
    return charts.finish(
        chart,
        title=tr("Try a steady growth rate against the record"),
        source=_source_line(table["source_id"]),
        description=tr(
            "Interactive chart. Dots show Alibaba's recorded Singles' Day sales on a logarithmic axis; "
            "a dashed curve grows from the chosen start year at the growth rate set with the slider, "
            "and a line of text gives the doubling time for that rate."
        ),
    )


def market_size_table(estimates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Full-year yuan estimates of the live-commerce market, plus the MOFCOM part-year figures."""
    estimates = data.load("live_commerce_market_size") if estimates is None else estimates
    rmb = estimates[estimates["currency"] == "RMB"].copy()
    rmb["value_rmb_bn"] = rmb["value"].astype(float)
    rmb["label"] = rmb["estimator"] + " (" + rmb["kind"] + ", " + rmb["period"] + ")"
    return rmb[["year", "value_rmb_bn", "estimator", "kind", "period", "label", "source_id", "confidence"]]


_MARKET_TEXTS = ["estimator", "kind", "period", "confidence"]


def market_size_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Each estimate as a dot, with a bar spanning the lowest to highest full-year estimate per year."""
    value = i18n.reader_unit("value_rmb_bn")
    full_year = i18n.in_reader_units(table[table["period"] == "full year"], [value.name])
    spread = full_year.groupby("year")[value.field].agg(low="min", high="max").reset_index()
    x = alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart(spread)
        .mark_bar(size=14, opacity=0.25, color=charts.MAIN_COLOUR)
        .encode(
            x=x,
            y=alt.Y("low:Q", title=tr("Live-commerce sales, billion yuan")),
            y2="high:Q",
            tooltip=[
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip(
                    "low:Q", title=tr("Lowest full-year estimate (bn yuan)"), format=value.format(",.0f")
                ),
                alt.Tooltip(
                    "high:Q", title=tr("Highest full-year estimate (bn yuan)"), format=value.format(",.0f")
                ),
            ],
        )
    )
    dots = (
        alt.Chart(_for_reader(table.drop(columns="label"), _MARKET_TEXTS, [value.name]))
        .mark_point(size=80, filled=True, opacity=0.9)
        .encode(
            x=x,
            y=f"{value.field}:Q",
            color=alt.Color("kind:N", title=tr("Kind of figure")),
            shape=alt.Shape("kind:N", title=tr("Kind of figure")),
            tooltip=[
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip("estimator:N", title=tr("Estimator")),
                alt.Tooltip("kind:N", title=tr("Kind")),
                alt.Tooltip("period:N", title=tr("Period")),
                alt.Tooltip(f"{value.field}:Q", title=tr("Value (bn yuan)"), format=value.format(",.0f")),
                alt.Tooltip("confidence:N", title=tr("Confidence")),
            ],
        )
    )
    widest = spread.assign(width=spread["high"] - spread["low"]).sort_values("width").iloc[-1]
    return charts.finish(
        alt.layer(bars, dots),
        title=tr("How big is live-stream e-commerce? Estimates disagree"),
        source=tr("estimators as named in the tooltips; see the Data and sources appendix"),
        description=tr(
            "Dot chart of published estimates of China's live-stream e-commerce sales in billion yuan, "
            "{first} to {last}, one dot per estimate, with a shaded bar "
            "from the lowest to the highest full-year estimate in each year. The widest spread is in "
            "{year}: from {low:,.0f} to {high:,.0f} billion yuan."
        ).format(
            first=table["year"].min(),
            last=table["year"].max(),
            year=int(widest["year"]),
            low=widest["low"],
            high=widest["high"],
        ),
    )


ALL_USERS = mark("All internet users")
VIEWERS = mark("Watched e-commerce live streams")


def viewers_table(cnnic: pd.DataFrame | None = None) -> pd.DataFrame:
    """CNNIC internet users and e-commerce live-stream viewers, long format for charting."""
    cnnic = data.load("cnnic_users") if cnnic is None else cnnic
    internet = pd.DataFrame(
        {
            "survey_date": cnnic["survey_date"].astype(str),
            "group": ALL_USERS,
            "people_m": cnnic["internet_users_m"].astype(float),
            "status": "published",
        }
    )
    viewers = pd.DataFrame(
        {
            "survey_date": cnnic["survey_date"].astype(str),
            "group": VIEWERS,
            "people_m": cnnic["livestream_ecommerce_users_m"].astype(float),
            "status": cnnic["livestream_ecommerce_users_status"].astype(str),
        }
    )
    long = pd.concat([internet, viewers], ignore_index=True)
    return long[long["people_m"].notna()].reset_index(drop=True)


def viewers_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Internet users and live-stream viewers over time; derived values drawn hollow."""
    people = i18n.reader_unit("people_m")
    published, derived = tr("published"), tr("derived")
    shown = _for_reader(table, ["group", "status"], [people.name])
    order = alt.Undefined
    if i18n.is_chinese():  # "2020年3月" rather than "2020-03"; as text it would sort 12月 before 3月
        shown = shown.assign(survey_date=[i18n.format_date(date, "month") for date in shown["survey_date"]])
        order = [i18n.format_date(date, "month") for date in sorted(set(table["survey_date"]))]
    base = alt.Chart(shown).encode(
        x=alt.X(
            "survey_date:O", title=tr("Survey date (year-month)"), sort=order, axis=alt.Axis(labelAngle=-40)
        ),
        y=alt.Y(f"{people.field}:Q", title=tr("People, millions"), scale=alt.Scale(zero=True)),
        color=alt.Color("group:N", title=tr("Group")),
    )
    lines = base.mark_line()
    # Derived values are hollow diamonds, published ones filled circles; the shape legend says which.
    points = base.mark_point(filled=True, size=80, strokeWidth=2).encode(
        shape=alt.Shape(
            "status:N",
            title=tr("Value"),
            scale=alt.Scale(domain=[published, derived], range=["circle", "diamond"]),
            legend=alt.Legend(
                symbolFillColor=charts.MUTED_TEXT_COLOUR, symbolStrokeColor=charts.MUTED_TEXT_COLOUR
            ),
        ),
        stroke=alt.Color("group:N", legend=None),
        fillOpacity=alt.condition(f"datum.status == '{derived}'", alt.value(0), alt.value(1)),
        tooltip=[
            alt.Tooltip("survey_date:O", title=tr("Survey")),
            alt.Tooltip("group:N", title=tr("Group")),
            alt.Tooltip(f"{people.field}:Q", title=tr("Millions"), format=people.format(",.0f")),
            alt.Tooltip("status:N", title=tr("Value is")),
        ],
    )
    return charts.finish(
        alt.layer(lines, points),
        title=tr("Internet users and e-commerce live-stream viewers in China"),
        source=tr(
            "CNNIC Statistical Reports on Internet Development, as quoted by news agencies (see appendix)"
        ),
        description=tr(
            "Line chart of China's internet users and of internet users who watched e-commerce live "
            "streams, in millions, from March 2020 to December 2024. Viewer counts after mid-2022 were "
            "not found; two points are derived from other published figures and drawn hollow."
        ),
    )


ONLINE_SHARE = mark("Online sales of physical goods (published by NBS)")
SINGLES_DAY_SHARE = mark("Singles' Day GMV on Alibaba (derived: GMV ÷ total retail)")


def retail_share_table(
    retail: pd.DataFrame | None = None, gmv_table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Two shares of total retail sales by year, with a note on how each was obtained.

    - online physical goods: the share NBS publishes;
    - Singles' Day (Alibaba) GMV divided by the year's total retail sales: derived here, because the
      two are different measures (platform GMV includes cancelled and returned orders).
    """
    retail = data.load("retail_sales") if retail is None else retail
    gmv_table = singles_day_table() if gmv_table is None else gmv_table
    online = retail[
        (retail["measure"] == "online_retail_physical_goods") & retail["share_of_total_retail_pct"].notna()
    ]
    rows = [
        (int(y), ONLINE_SHARE, float(s), "published")
        for y, s in zip(online["year"], online["share_of_total_retail_pct"], strict=True)
    ]
    totals = retail[retail["measure"] == "total_retail_sales_consumer_goods"].set_index("year")[
        "value_rmb_bn"
    ]
    for year, value in zip(gmv_table["year"], gmv_table["gmv_rmb_bn"], strict=True):
        if pd.notna(value) and year in totals.index and pd.notna(totals[year]):
            share = 100 * float(value) / float(totals[year])
            rows.append((int(year), SINGLES_DAY_SHARE, share, "derived"))
    return pd.DataFrame(rows, columns=["year", "measure", "share_pct", "status"]).sort_values(
        ["measure", "year"]
    )


def retail_share_chart(table: pd.DataFrame) -> alt.Chart:
    base = alt.Chart(_for_reader(table, ["measure", "status"], [])).encode(
        x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share_pct:Q", title=tr("Share of all retail sales, %")),
        color=alt.Color("measure:N", title=None, legend=alt.Legend(labelExpr=charts.TWO_LINE_LABEL)),
        tooltip=[
            alt.Tooltip("year:O", title=tr("Year")),
            alt.Tooltip("measure:N", title=tr("Measure")),
            alt.Tooltip("share_pct:Q", title=tr("Share (%)"), format=".1f"),
        ],
    )
    online = table[table["status"] == "published"].sort_values("year")
    first, last = online.iloc[0], online.iloc[-1]
    return charts.finish(
        alt.layer(base.mark_line(), base.mark_point(filled=True, size=60)),
        title=tr("Online shopping and Singles' Day against all retail in China"),
        source=tr("National Bureau of Statistics; Alibaba via news reports; share of Singles' Day derived"),
        description=tr(
            "Line chart by year of two shares of China's total retail sales of consumer goods: online "
            "sales of physical goods as published by NBS, from {first_pct:.1f} percent in "
            "{first_year} to {last_pct:.1f} percent in {last_year}; and "
            "Alibaba's Singles' Day GMV divided by the same year's total retail sales, derived here."
        ).format(
            first_pct=first["share_pct"],
            first_year=int(first["year"]),
            last_pct=last["share_pct"],
            last_year=int(last["year"]),
        ),
    )


# --------------------------------------------------------------------------- the page's numbers


def chapter_numbers() -> dict[str, float]:
    """Every number the Chapter 1 page quotes, by name, from the data package and the growth model.

    Returns floats (``market_2020_n_estimates`` is an int, a count). Names carry their units:
    ``*_rmb_bn`` billion yuan, ``*_rmb_tn`` trillion yuan, ``*_usd_bn`` billion US dollars, ``*_m``
    millions of people, ``*_pct`` percent, ``*_years`` years. The growth rates (the keys of
    :func:`growth_summary`, as fractions, and their ``*_pct`` forms) use one-day totals only.
    """
    gmv = singles_day_table()
    summary = {key: float(value) for key, value in growth_summary(gmv).items()}
    numbers: dict[str, float] = dict(summary)
    numbers["cagr_2009_2019_pct"] = 100 * summary["cagr_2009_2019"]
    numbers["cagr_2014_2019_pct"] = 100 * summary["cagr_2014_2019"]
    numbers["growth_2020_2021_pct"] = 100 * summary["growth_2020_2021"]

    retail = data.load("retail_sales")
    total_retail = retail[retail["measure"] == "total_retail_sales_consumer_goods"].set_index("year")[
        "value_rmb_bn"
    ]
    numbers["total_retail_2019_rmb_tn"] = float(total_retail[2019]) / 1000
    numbers["sd_share_of_retail_2019_pct"] = 100 * summary["gmv_2019_rmb_bn"] / float(total_retail[2019])

    shares = retail_share_table(retail, gmv)
    online = shares[shares["status"] == "published"].set_index("year")["share_pct"]
    numbers["online_share_2016_pct"] = float(online[2016])
    numbers["online_share_2023_pct"] = float(online[2023])

    market = market_size_table()
    full_2020 = market[(market["year"] == 2020) & (market["period"] == "full year")]["value_rmb_bn"]
    numbers["market_2020_low_rmb_bn"] = float(full_2020.min())
    numbers["market_2020_high_rmb_bn"] = float(full_2020.max())
    numbers["market_2020_n_estimates"] = len(full_2020)
    nielsen = market[(market["year"] == 2020) & (market["estimator"] == "Nielsen")]["value_rmb_bn"]
    numbers["market_2020_nielsen_rmb_bn"] = float(nielsen.iloc[0])
    mofcom = market[(market["year"] == 2023) & (market["period"] == "Jan–Oct")]["value_rmb_bn"]
    numbers["mofcom_2023_jan_oct_rmb_tn"] = float(mofcom.iloc[0]) / 1000

    cnnic = data.load("cnnic_users").set_index("survey_date")
    numbers["viewers_2020_03_m"] = float(cnnic.loc["2020-03", "livestream_ecommerce_users_m"])
    numbers["viewers_2022_06_m"] = float(cnnic.loc["2022-06", "livestream_ecommerce_users_m"])
    numbers["viewers_2022_06_share_pct"] = float(cnnic.loc["2022-06", "share_of_internet_users_pct"])

    hfce = data.load("household_consumption_share")
    hfce_2019 = hfce[hfce["year"] == 2019].set_index("economy_code")["household_consumption_pct_gdp"]
    for code in ("chn", "usa", "wld"):
        numbers[f"hfce_2019_{code}_pct"] = float(hfce_2019[code])

    # Exercise 4: how many doublings until the festival equals a year of all retail? The ratio of
    # 2021 retail to 2021 GMV, its base-2 logarithm, and the years at the 2014-2019 growth rate.
    wall_ratio = float(total_retail[2021]) / summary["gmv_2021_rmb_bn"]
    numbers["total_retail_2021_rmb_bn"] = float(total_retail[2021])
    numbers["wall_ratio"] = wall_ratio
    numbers["wall_doublings"] = math.log2(wall_ratio)
    numbers["wall_years"] = math.log(wall_ratio) / math.log1p(summary["cagr_2014_2019"])
    # Exercise 2: the 2019-to-2020 jump taken at face value, across the change of counting window.
    numbers["naive_jump_2019_2020_pct"] = 100 * (summary["gmv_2020_rmb_bn"] / summary["gmv_2019_rmb_bn"] - 1)

    us = data.load("us_shopping_days").set_index(["year", "event"])
    numbers["black_friday_2021_yoy_pct"] = float(us.loc[(2021, "Black Friday"), "yoy_pct"])
    numbers["black_friday_2023_usd_bn"] = float(us.loc[(2023, "Black Friday"), "online_spend_usd_bn"])
    numbers["black_friday_2023_yoy_pct"] = float(us.loc[(2023, "Black Friday"), "yoy_pct"])
    return numbers


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def doubling_summary(rate: float, start_year: int, end_year: int) -> str:
    """Three lines: the yearly growth from ``start_year`` to ``end_year`` (a fraction), the
    doubling time it implies, and the rule of 70's shortcut for it."""
    return "\n".join(
        [
            tr("Growth {start}-{end}: {rate:.1%} a year").format(start=start_year, end=end_year, rate=rate),
            tr("Doubling time: {years:.2f} years").format(years=growth.doubling_time_years(rate)),
            tr("Rule of 70 says: {years:.2f} years").format(years=growth.rule_of_70_years(rate)),
        ]
    )


def doubling_line(rate: float) -> str:
    """One line comparing the exact doubling time at ``rate`` (a fraction) with the rule of 70's."""
    return tr("{rate:>5.0%}: exact {exact:6.2f} years, rule of 70 {rule:6.2f} years").format(
        rate=rate, exact=growth.doubling_time_years(rate), rule=growth.rule_of_70_years(rate)
    )


def start_and_target_text(base_rmb_bn: float, target_rmb_bn: float, year: int) -> str:
    """The projection's start (the festival's GMV) and target (all retail sales), both of ``year``."""
    return tr(
        "Start: {base_rmb_bn:,.1f} bn yuan ({year}); all retail in {year}: {target_rmb_bn:,.0f} bn yuan"
    ).format(
        base_rmb_bn=base_rmb_bn,
        target_rmb_bn=target_rmb_bn,
        year=year,
        # The same in 亿元, for a Chinese translation (i18n.chinese_scale_names).
        base_rmb_yi=10 * base_rmb_bn,
        target_rmb_yi=10 * target_rmb_bn,
    )


def retail_target_label(year: int) -> str:
    """The projection explorer's name for its target: all of China's retail sales in ``year``."""
    return tr("all retail sales in China, {year}").format(year=year)


def projection_source() -> str:
    """The projection explorer's source line."""
    return tr("Alibaba via China Daily; NBS; projection by the reader")


def years_to_retail_text(rate_pct: float, years: float) -> str:
    """How many years the festival, growing ``rate_pct`` % a year, takes to equal a year of all retail."""
    return tr(
        "At {rate_pct:g} % a year the festival would equal a year of all retail after {years:.1f} years."
    ).format(rate_pct=rate_pct, years=years)
