"""Chapter 6, "Consumption as a duty": tables and charts for the consumption share, the 2020 shock
and the rebalancing arithmetic.

``*_table`` functions shape the data package into tidy DataFrames; ``*_chart`` functions turn them
into Altair charts (always through :func:`seckill.charts.finish`). The narrative page and the
notebook call the same functions, so they always show the same numbers.
"""

from __future__ import annotations

import dataclasses
import math

import altair as alt
import pandas as pd

from seckill import charts, data
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import mark, reader_unit, tr, translate_values
from seckill.models import rebalancing

WORLD_BANK = mark("World Bank")
PWT = mark("PWT (PPP prices)")
ECONOMY_ORDER = [mark("China"), mark("United States"), mark("World"), mark("Upper middle income")]
GDP_SERIES = mark("Real GDP (latest NBS estimate)")
RETAIL_SERIES = mark("Retail sales of consumer goods (nominal)")


def _in_reader_language(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with the names in ``columns`` (economies, sources, measures) in the reader's language."""
    return frame.assign(**{column: frame[column].map(tr) for column in columns})


ECONOMY_COLOURS = [
    charts.HIGHLIGHT_COLOUR,
    charts.MAIN_COLOUR,
    charts.PALETTE["black"],
    charts.PALETTE["green"],
]
# Scenario defaults for the explorers. They are ASSUMPTIONS for the reader to change, not
# forecasts: GDP growth near China's recent official targets, consumption a little faster.
ASSUMED_GDP_GROWTH_PCT = 5.0
ASSUMED_CONSUMPTION_GROWTH_PCT = 6.5
DEFAULT_TARGET_PCT = 50
EXPLORER_HORIZON_YEARS = 60
# The rebalancing explorer's sliders, on the page and in the notebook. Growth rates of 0-10 % and
# 0-12 % keep every answer finite or "never"; the target's lowest value is raised to just above
# the current share by target_control(), so the question is always one of a rise.
GDP_GROWTH_PCT = Slider(
    "gdp_growth_pct",
    mark("GDP growth"),
    mark("% a year"),
    0,
    10,
    0.5,
    ASSUMED_GDP_GROWTH_PCT,
    note=mark("assumption"),
)
CONSUMPTION_GROWTH_PCT = Slider(
    "consumption_growth_pct",
    mark("Household consumption growth"),
    mark("% a year"),
    0,
    12,
    0.5,
    ASSUMED_CONSUMPTION_GROWTH_PCT,
    note=mark("assumption"),
)
TARGET_PCT = Slider("target_pct", mark("Target share of GDP"), mark("%"), 1, 70, 1, DEFAULT_TARGET_PCT)


def target_control(current_share_pct: float, target_pct: int = DEFAULT_TARGET_PCT) -> Slider:
    """The target slider from the first whole percent above the current share, starting at ``target_pct``
    (or that lowest value, if ``target_pct`` is not above the current share)."""
    low = math.floor(current_share_pct) + 1
    return dataclasses.replace(TARGET_PCT, low=low, default=max(target_pct, low))


def consumption_share_table(
    world_bank: pd.DataFrame | None = None, pwt: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Household consumption as % of GDP from both sources, long format.

    Columns: year, economy, source, share_pct. World Bank rows cover China, the United States, the
    world and upper-middle-income economies; PWT has China and the United States only.
    """
    world_bank = data.load("household_consumption_share") if world_bank is None else world_bank
    pwt = data.load("pwt_household_consumption_share") if pwt is None else pwt
    wb = world_bank[world_bank["economy"].isin(ECONOMY_ORDER)]
    frames = [
        pd.DataFrame(
            {
                "year": wb["year"].astype(int).to_numpy(),
                "economy": wb["economy"].astype(str).to_numpy(),
                "source": WORLD_BANK,
                "share_pct": wb["household_consumption_pct_gdp"].astype(float).to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "year": pwt["year"].astype(int).to_numpy(),
                "economy": pwt["economy"].astype(str).to_numpy(),
                "source": PWT,
                "share_pct": pwt["household_consumption_pct_gdp_ppp"].astype(float).to_numpy(),
            }
        ),
    ]
    return pd.concat(frames, ignore_index=True).sort_values(["source", "economy", "year"])


def share_in(table: pd.DataFrame, economy: str, source: str, year: int) -> float:
    """One value of :func:`consumption_share_table`, by economy, source and year."""
    rows = table[(table["economy"] == economy) & (table["source"] == source) & (table["year"] == year)]
    if len(rows) != 1:
        raise KeyError(f"no single value for {economy}, {source}, {year}")
    return float(rows["share_pct"].iloc[0])


def source_gap_table(table: pd.DataFrame) -> pd.DataFrame:
    """World Bank minus PWT share, in percentage points, for the economies both cover."""
    wide = table.pivot_table(index=["economy", "year"], columns="source", values="share_pct").dropna()
    gap = (wide[WORLD_BANK] - wide[PWT]).rename("gap_pp").reset_index()
    return gap


def consumption_share_chart(table: pd.DataFrame, *, start_year: int = 1970) -> alt.Chart:
    """Lines by economy; solid for the World Bank, dashed for the Penn World Table."""
    shown = _in_reader_language(table[table["year"] >= start_year], ["economy", "source"])
    base = alt.Chart(shown).encode(
        x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d", tickMinStep=5)),
        y=alt.Y("share_pct:Q", title=tr("Household consumption, % of GDP"), scale=alt.Scale(domain=[20, 80])),
        color=alt.Color(
            "economy:N",
            title=tr("Economy"),
            scale=alt.Scale(domain=[tr(economy) for economy in ECONOMY_ORDER], range=ECONOMY_COLOURS),
        ),
        strokeDash=alt.StrokeDash(
            "source:N",
            title=tr("Source and prices"),
            scale=alt.Scale(domain=[tr(WORLD_BANK), tr(PWT)], range=[[1, 0], [6, 3]]),
        ),
        detail="source:N",
        tooltip=[
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("economy:N", title=tr("Economy")),
            alt.Tooltip("source:N", title=tr("Source")),
            alt.Tooltip("share_pct:Q", title=tr("% of GDP"), format=".1f"),
        ],
    )
    last = int(shown["year"].max())
    china_wb = share_in(table, "China", WORLD_BANK, last)
    usa_wb = share_in(table, "United States", WORLD_BANK, last)
    return charts.finish(
        base.mark_line(),
        title=tr("Household consumption as a share of GDP"),
        source=tr("World Bank WDI (NE.CON.PRVT.ZS); Penn World Table 10.01 (csh_c)"),
        description=tr(
            "Line chart, {start_year} to {last}, of household final consumption as a percent of "
            "GDP for China, the United States, the world and upper-middle-income economies "
            "(World Bank, solid lines), with Penn World Table values for China and the United "
            "States (dashed). In {last} the World Bank puts China at {china_wb:.1f} percent and "
            "the United States at {usa_wb:.1f} percent; China's share fell from the 1980s to "
            "about 2010 and has risen a little since."
        ).format(
            start_year=start_year,
            last=last,
            china_wb=china_wb,
            usa_wb=usa_wb,
        ),
    )


def source_gap_chart(gap: pd.DataFrame) -> alt.Chart:
    """How far apart the two sources are, year by year, for China and the United States."""
    base = alt.Chart(_in_reader_language(gap, ["economy"])).encode(
        x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d", tickMinStep=5)),
        y=alt.Y("gap_pp:Q", title=tr("World Bank minus PWT, percentage points")),
        color=alt.Color(
            "economy:N",
            title=tr("Economy"),
            scale=alt.Scale(domain=[tr(economy) for economy in ECONOMY_ORDER[:2]], range=ECONOMY_COLOURS[:2]),
        ),
        tooltip=[
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("economy:N", title=tr("Economy")),
            alt.Tooltip("gap_pp:Q", title=tr("Gap (points)"), format="+.1f"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=charts.MUTED_TEXT_COLOUR).encode(y="zero:Q")
    return charts.finish(
        alt.layer(zero, base.mark_line()),
        title=tr("Same economy, two answers: the gap between the sources"),
        source=tr("derived: World Bank WDI minus Penn World Table 10.01"),
        description=tr(
            "Line chart of the World Bank household consumption share minus the Penn World Table "
            "share, in percentage points, for China and the United States, {min} to {max}. Above "
            "zero the World Bank share is higher."
        ).format(
            min=int(gap["year"].min()),
            max=int(gap["year"].max()),
        ),
    )


def gdp_vintages_table(vintages: pd.DataFrame | None = None) -> pd.DataFrame:
    """GDP growth estimates, one row per vintage, with a label for charts."""
    vintages = data.load("gdp_growth_vintages") if vintages is None else vintages
    table = pd.DataFrame(
        {
            "year": vintages["year"].astype(int).to_numpy(),
            "estimate": vintages["estimate"].astype(str).to_numpy(),
            "published": vintages["published"].astype(str).to_numpy(),
            "growth_pct": vintages["gdp_growth_pct"].astype(float).to_numpy(),
            "source_id": vintages["source_id"].astype(str).to_numpy(),
        }
    )
    return table.sort_values(["year", "published"]).reset_index(drop=True)


def gdp_vintages_listing(vintages: pd.DataFrame) -> pd.DataFrame:
    """The GDP estimates as the page lists them, the vintage ("preliminary", "final") in the
    reader's language; :func:`revision` looks vintages up in English, so the table stays so."""
    return translate_values(vintages, ["estimate"])


def gdp_vintages_page_table(vintages: pd.DataFrame) -> pd.DataFrame:
    """The chapter page's table of GDP estimates (year, vintage, publication date, growth), headed
    and worded in the reader's language."""
    shown = gdp_vintages_listing(vintages)[["year", "estimate", "published", "growth_pct"]]
    return shown.rename(
        columns={
            "year": tr("Year"),
            "estimate": tr("Estimate"),
            "published": tr("Published"),
            "growth_pct": tr("Real GDP growth, %"),
        }
    )


def revision(table: pd.DataFrame, year: int) -> tuple[float, float]:
    """(preliminary, final) growth for ``year``, in percent."""
    rows = table[table["year"] == year].set_index("estimate")["growth_pct"]
    return float(rows["preliminary"]), float(rows["final"])


def recovery_table(vintages: pd.DataFrame, retail: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly growth of real GDP (latest estimate) and of nominal retail sales, long format."""
    retail = data.load("retail_sales") if retail is None else retail
    latest = vintages.sort_values("published").groupby("year").tail(1)
    total = retail[retail["measure"] == "total_retail_sales_consumer_goods"]
    years = set(latest["year"])
    rows = [(int(r.year), GDP_SERIES, float(r.growth_pct)) for r in latest.itertuples()]
    rows += [
        (int(y), RETAIL_SERIES, float(g))
        for y, g in zip(total["year"], total["yoy_pct"], strict=True)
        if int(y) in years and pd.notna(g)
    ]
    return pd.DataFrame(rows, columns=["year", "measure", "growth_pct"]).sort_values(["measure", "year"])


def recovery_chart(table: pd.DataFrame) -> alt.Chart:
    """Grouped bars: GDP and retail growth, year by year through the 2020 shock."""
    measures = [tr(measure) for measure in sorted(table["measure"].unique())]
    chart = (
        alt.Chart(_in_reader_language(table, ["measure"]))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("measure:N", sort=measures),
            y=alt.Y("growth_pct:Q", title=tr("Growth on previous year, %")),
            color=alt.Color(
                "measure:N",
                title=None,
                sort=measures,
                scale=alt.Scale(domain=measures, range=[charts.MAIN_COLOUR, charts.HIGHLIGHT_COLOUR]),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip("measure:N", title=tr("Measure")),
                alt.Tooltip("growth_pct:Q", title=tr("Growth (%)"), format="+.1f"),
            ],
        )
    )
    retail_2020 = table[(table["year"] == 2020) & (table["measure"] == RETAIL_SERIES)]["growth_pct"]
    return charts.finish(
        chart,
        title=tr("The 2020 shock: output recovered, retail lagged"),
        source=tr("National Bureau of Statistics via Xinhua, CGTN and AFP (see Data and sources)"),
        description=tr(
            "Grouped bar chart of yearly growth, {min} to {max}: real GDP (latest official "
            "estimate) and nominal retail sales of consumer goods. In 2020 GDP still grew while "
            "retail sales fell {value:.1f} percent."
        ).format(
            min=int(table["year"].min()),
            max=int(table["year"].max()),
            value=abs(float(retail_2020.iloc[0])),
        ),
    )


CAMPAIGN_COLUMNS = [
    mark("Date"),
    mark("Campaign"),
    mark("Amount (bn yuan)"),
    mark("What the amount counts"),
    mark("Confidence"),
]


def campaigns_table(campaigns: pd.DataFrame | None = None) -> pd.DataFrame:
    """The consumption campaigns as a reader-facing table (dates, what, amount, what it counts)."""
    campaigns = data.load("consumption_campaigns") if campaigns is None else campaigns
    amount = reader_unit("value_rmb_bn")  # 亿元 (×10) in Chinese, as the header says
    table = pd.DataFrame(
        {
            "Date": campaigns["start_date"].astype(str).to_numpy(),
            "Campaign": campaigns["campaign"].astype(str).to_numpy(),
            "Amount (bn yuan)": amount.value(campaigns["value_rmb_bn"].astype(float).to_numpy()),
            "What the amount counts": campaigns["measure"].astype(object).to_numpy(),
            "Confidence": campaigns["confidence"].astype(str).to_numpy(),
        }
    )
    table = table.sort_values("Date", kind="stable").reset_index(drop=True)
    # A campaign without an amount counts nothing: left blank, after translating the others.
    shown = translate_values(table, ["Campaign", "What the amount counts", "Confidence"])
    shown["What the amount counts"] = shown["What the amount counts"].fillna("")
    return shown.rename(columns={column: tr(column) for column in CAMPAIGN_COLUMNS})


def current_china_share(table: pd.DataFrame | None = None) -> tuple[int, float]:
    """The latest World Bank year and China's household consumption share then, in percent."""
    table = consumption_share_table() if table is None else table
    china = table[(table["economy"] == "China") & (table["source"] == WORLD_BANK)]
    latest = china.sort_values("year").iloc[-1]
    return int(latest["year"]), float(latest["share_pct"])


def rebalancing_explorer_chart(
    base_year: int,
    current_share_pct: float,
    *,
    gdp_growth_pct: float = ASSUMED_GDP_GROWTH_PCT,
    consumption_growth_pct: float = ASSUMED_CONSUMPTION_GROWTH_PCT,
    target_pct: int = DEFAULT_TARGET_PCT,
) -> alt.LayerChart:
    """Sliders for GDP growth, consumption growth and the target share; the path and the answer.

    Vega-Lite parameters bound to range inputs, so it works in the static book. The sliders are
    bounded so that every setting gives a finite answer or the words "never" / "more than N years":
    the target slider starts above the current share, growth rates are 0-10 % and 0-12 %, and the
    browser uses the same formulas as :mod:`seckill.models.rebalancing`.
    """
    rebalancing._check_share("current_share", current_share_pct / 100)
    gdp = GDP_GROWTH_PCT.param(gdp_growth_pct)
    consumption = CONSUMPTION_GROWTH_PCT.param(consumption_growth_pct)
    target_slider = target_control(current_share_pct, target_pct)
    target = target_slider.param()
    grid = pd.DataFrame({"years_since": range(EXPLORER_HORIZON_YEARS + 1)})
    grid["year"] = base_year + grid["years_since"]
    grid["start_pct"] = current_share_pct
    ratio = "((1 + consumption_growth_pct / 100) / (1 + gdp_growth_pct / 100))"
    x = alt.X(
        "year:Q",
        title=tr("Year"),
        axis=alt.Axis(format="d", tickMinStep=10),
        scale=alt.Scale(domain=[base_year, base_year + EXPLORER_HORIZON_YEARS]),
    )
    y_scale = alt.Scale(domain=[0, 100])
    path = (
        alt.Chart(grid)
        .transform_calculate(share_pct=f"datum.start_pct * pow({ratio}, datum.years_since)")
        .transform_filter("datum.share_pct <= 100")
        .mark_line(color=charts.HIGHLIGHT_COLOUR)
        .encode(
            x=x,
            y=alt.Y("share_pct:Q", title=tr("Household consumption, % of GDP"), scale=y_scale),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip("share_pct:Q", title=tr("Share (%)"), format=".1f"),
            ],
        )
    )
    target_rule = (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_calculate(target="target_pct")
        .mark_rule(color=charts.MAIN_COLOUR, strokeDash=[6, 3])
        .encode(y=alt.Y("target:Q", scale=y_scale))
    )
    # The answer, computed in the browser with the formulas of seckill.models.rebalancing. Conditions
    # keep every output finite: "never" when the share cannot rise, a bound past the horizon.
    years = f"log(target_pct / datum.start_pct) / log({ratio})"
    readout = charts.readout(
        [
            "!datum.rises ? "
            + vega_text(tr("Never: consumption must outgrow GDP"))
            + f" : datum.years > {EXPLORER_HORIZON_YEARS} ? "
            + vega_text(tr("Not within {years} years").format(years=EXPLORER_HORIZON_YEARS))
            + " : "
            + vega_text(
                tr("Reached in {years} years (around {year})"),
                years="format(datum.years, '.0f')",
                year=f"format({base_year} + datum.years, '.0f')",
            ),
            f"!datum.rises || datum.years > {EXPLORER_HORIZON_YEARS} ? '' : "
            + vega_text(
                tr("Then households buy {multiple} × the {base_year} volume").format(
                    multiple="{multiple}", base_year=base_year
                ),
                multiple="format(pow(1 + consumption_growth_pct / 100, datum.years), '.1f')",
            ),
        ],
        frame=alt.Chart(pd.DataFrame({"start_pct": [current_share_pct]})).transform_calculate(
            rises=f"{ratio} > 1",
            years=f"{ratio} > 1 ? {years} : -1",
        ),
        x_px=8,
        y_px=12,
    )
    start = (
        alt.Chart(pd.DataFrame({"year": [base_year], "share_pct": [current_share_pct]}))
        .mark_point(filled=True, size=80, color=charts.PALETTE["black"])
        .encode(x=x, y=alt.Y("share_pct:Q", scale=y_scale))
    )
    chart = charts.finish(
        alt.layer(target_rule, path, start, *readout).add_params(gdp, consumption, target),
        title=tr("How long to raise the consumption share?"),
        source=tr(
            "start: World Bank WDI, China {base_year}; growth rates are assumptions set by the reader"
        ).format(base_year=base_year),
        description=tr(
            "Interactive chart. Starting from China's household consumption share of GDP in "
            "{base_year} ({current_share_pct:.1f} percent), a line shows the share year by year "
            "if household consumption and GDP grow at the rates set with two sliders "
            "(assumptions, not forecasts); a dashed line marks the target set with a third "
            "slider. Text gives the years needed, or says the target is never reached, and how "
            "many times today's volume households would then buy."
        ).format(
            base_year=base_year,
            current_share_pct=current_share_pct,
        ),
    )
    start_target = target_slider.default
    try:
        answer = rebalancing.rebalance(
            current_share_pct / 100, start_target / 100, gdp_growth_pct / 100, consumption_growth_pct / 100
        )
    except ValueError:  # consumption does not outgrow GDP: the share never rises
        answer = None
    if answer is None:
        read_out = tr("never reached: consumption must outgrow GDP")
    elif answer.years > EXPLORER_HORIZON_YEARS:
        read_out = tr("not reached within {years} years").format(years=EXPLORER_HORIZON_YEARS)
    else:
        read_out = tr(
            "reached in {years:.0f} years (around {year:.0f}); then households buy {multiple:.1f} × "
            "the {base_year} volume"
        ).format(
            years=answer.years,
            year=base_year + answer.years,
            multiple=answer.consumption_volume_multiple,
            base_year=base_year,
        )
    return charts.with_model_table(
        chart,
        rebalancing_start_table(
            base_year,
            current_share_pct,
            gdp_growth_pct=gdp_growth_pct,
            consumption_growth_pct=consumption_growth_pct,
        ),
        caption=tr(
            "China's household consumption share of GDP every {REBALANCING_TABLE_STEP_YEARS} "
            "years, from {current_share_pct:.1f}% in {base_year}, if GDP grows "
            "{gdp_growth_pct:g}% and household consumption {consumption_growth_pct:g}% a year "
            "(assumptions), as the chart starts; household consumption and GDP are volumes, "
            "{base_year} = 1. Target {start_target}% of GDP: {read_out}"
        ).format(
            REBALANCING_TABLE_STEP_YEARS=REBALANCING_TABLE_STEP_YEARS,
            current_share_pct=current_share_pct,
            base_year=base_year,
            gdp_growth_pct=gdp_growth_pct,
            consumption_growth_pct=consumption_growth_pct,
            start_target=start_target,
            read_out=read_out,
        ),
        titles={
            "year": tr("Year"),
            "share_pct": tr("% of GDP"),
            "consumption_index": tr("Consumption ({base_year} = 1)").format(base_year=base_year),
            "gdp_index": tr("GDP ({base_year} = 1)").format(base_year=base_year),
        },
        model="seckill.models.rebalancing.rebalancing_path, seckill.models.rebalancing.rebalance",
    )


REBALANCING_TABLE_STEP_YEARS = 5


def rebalancing_start_table(
    base_year: int,
    current_share_pct: float,
    *,
    gdp_growth_pct: float = ASSUMED_GDP_GROWTH_PCT,
    consumption_growth_pct: float = ASSUMED_CONSUMPTION_GROWTH_PCT,
) -> pd.DataFrame:
    """The rebalancing explorer's path at its starting settings, every fifth year of its horizon.

    Columns ``year``, ``share_pct`` (percent of GDP, 1 decimal) and the volume indices
    ``consumption_index`` and ``gdp_index`` (base year = 1, 2 decimals); the path stops where the
    share would pass 100 %, as the chart's line does.
    """
    path = rebalancing.rebalancing_path(
        current_share_pct / 100,
        gdp_growth_pct / 100,
        consumption_growth_pct / 100,
        base_year=base_year,
        horizon_years=EXPLORER_HORIZON_YEARS,
    )
    rows = path[path["years_since"] % REBALANCING_TABLE_STEP_YEARS == 0]
    return pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "share_pct": rows["share_pct"].round(1),
            "consumption_index": rows["consumption_index"].round(2),
            "gdp_index": rows["gdp_index"].round(2),
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- the page's numbers


def chapter_numbers() -> dict[str, float]:
    """Every number the Chapter 6 page quotes, by name, from the data package and the rebalancing model.

    Years are ints (``base_year``, ``china_low_year``, ``gap_china_max_year``); the rest are floats.
    Consumption shares are percent of GDP (``*_wb`` World Bank, ``*_pwt`` Penn World Table, in
    ``base_year`` unless the name gives a year), ``gap_*`` percentage points, GDP and retail
    growth percent, campaign amounts in ``*_rmb_bn``/``*_rmb_m``/``*_rmb_tn``. The ``answer_*`` and
    ``ten_points_*`` keys come from :mod:`seckill.models.rebalancing` on the assumed growth rates
    (``assumed_*_pct``), starting from China's share in ``base_year``.
    """
    numbers: dict[str, float] = {}
    shares = consumption_share_table()
    base_year, china_share = current_china_share(shares)
    numbers["base_year"] = base_year
    numbers["china_wb"] = china_share
    for key, economy in [("usa", "United States"), ("wld", "World"), ("umc", "Upper middle income")]:
        numbers[f"{key}_wb"] = share_in(shares, economy, WORLD_BANK, base_year)
    numbers["china_pwt"] = share_in(shares, "China", PWT, base_year)
    numbers["usa_pwt"] = share_in(shares, "United States", PWT, base_year)

    china = shares[(shares["economy"] == "China") & (shares["source"] == WORLD_BANK)].set_index("year")[
        "share_pct"
    ]
    low_year = int(china.loc[1980:].idxmin())
    numbers["china_1980"] = float(china[1980])
    numbers["china_low"] = float(china[low_year])
    numbers["china_low_year"] = low_year

    gap = source_gap_table(shares).set_index(["economy", "year"])["gap_pp"]
    numbers["gap_usa"] = float(gap[("United States", base_year)])
    numbers["gap_china"] = float(gap[("China", base_year)])
    china_gap = gap.loc["China"]
    numbers["gap_china_max_abs"] = float(china_gap.abs().max())
    numbers["gap_china_max_year"] = int(china_gap.abs().idxmax())

    other = data.load("consumption_share_estimates")
    numbers["china_2020_newer"] = float(
        other.query("economy_code == 'chn' and year == 2020")["value_pct_gdp"].iloc[0]
    )
    final_2023 = other[other["measure"].str.startswith("final consumption")]["value_pct_gdp"]
    numbers["final_consumption_2023"] = float(final_2023.iloc[0])
    in_kind = other[other["measure"].str.contains("social transfers")]["value_pct_gdp"]
    numbers["transfers_in_kind"] = float(in_kind.iloc[0])

    vintages = gdp_vintages_table()
    prelim_2020, final_2020 = revision(vintages, 2020)
    prelim_2021, final_2021 = revision(vintages, 2021)
    numbers["gdp_2020_prelim"] = prelim_2020
    numbers["gdp_2020_final"] = final_2020
    numbers["gdp_2021_prelim"] = prelim_2021
    numbers["gdp_2021_final"] = final_2021
    numbers["gdp_2019"] = float(vintages.query("year == 2019")["growth_pct"].iloc[0])
    recovery = recovery_table(vintages).set_index(["measure", "year"])["growth_pct"]
    retail_key = "Retail sales of consumer goods (nominal)"
    # The page says retail sales "fell" by this much, so the number is the fall, a positive one.
    numbers["retail_2020_fall"] = -float(recovery[(retail_key, 2020)])
    numbers["retail_2021"] = float(recovery[(retail_key, 2021)])

    campaigns = data.load("consumption_campaigns")

    def campaign(name: str, measure_start: str = "") -> float:
        rows = campaigns[
            (campaigns["campaign"] == name) & campaigns["measure"].fillna("").str.startswith(measure_start)
        ]
        return float(rows["value_rmb_bn"].iloc[0])

    vouchers_total = campaign("Consumption vouchers nationwide (MOFCOM tally)")
    numbers["vouchers_total_rmb_bn"] = vouchers_total
    numbers["hangzhou_rmb_bn"] = campaign("Hangzhou digital consumption vouchers")
    subsidy = campaign("Hangzhou vouchers, first four rounds", "government subsidy")
    spending = campaign("Hangzhou vouchers, first four rounds", "spending")
    numbers["hangzhou_subsidy_rmb_m"] = 1000 * subsidy
    numbers["hangzhou_spending_rmb_bn"] = spending
    numbers["hangzhou_ratio"] = spending / subsidy
    numbers["festival_rmb_bn"] = campaign("Double Product Online Shopping Festival")
    numbers["wuhan_rmb_bn"] = campaign("Wuhan consumption vouchers")
    # Two reports of the Hubei live-stream campaign's sales disagree; the data tells them apart by
    # confidence (the higher figure is rated Medium, the lower Low).
    hubei = campaigns[campaigns["kind"] == "live-stream campaign"].set_index("confidence")["value_rmb_bn"]
    numbers["hubei_high_rmb_m"] = 1000 * float(hubei["Medium"])
    numbers["hubei_low_rmb_m"] = 1000 * float(hubei["Low"])
    retail = data.load("retail_sales")
    retail_2020_rmb_bn = float(
        retail.query("year == 2020 and measure == 'total_retail_sales_consumer_goods'")["value_rmb_bn"].iloc[
            0
        ]
    )
    numbers["retail_2020_rmb_tn"] = retail_2020_rmb_bn / 1000
    numbers["vouchers_share_of_retail_pct"] = 100 * vouchers_total / retail_2020_rmb_bn

    # The rebalancing scenario: growth rates are ASSUMPTIONS (see above), the start is data.
    g, c = ASSUMED_GDP_GROWTH_PCT / 100, ASSUMED_CONSUMPTION_GROWTH_PCT / 100
    target = DEFAULT_TARGET_PCT / 100
    answer = rebalancing.rebalance(china_share / 100, target, g, c)
    numbers["assumed_gdp_pct"] = 100 * g
    numbers["assumed_consumption_pct"] = 100 * c
    numbers["target_pct"] = 100 * target
    numbers["answer_years"] = answer.years
    numbers["answer_year"] = base_year + answer.years
    numbers["answer_consumption_x"] = answer.consumption_volume_multiple
    numbers["answer_gdp_x"] = answer.gdp_volume_multiple
    numbers["answer_rest_growth_pct"] = 100 * answer.rest_of_gdp_growth
    # Exercise: ten points in ten years.
    ten = rebalancing.required_consumption_growth(china_share / 100, china_share / 100 + 0.10, g, 10)
    numbers["ten_points_growth_pct"] = 100 * ten
    numbers["ten_points_gap_pct"] = 100 * (ten - g)
    numbers["ten_points_volume_x"] = rebalancing.volume_multiple(ten, 10)
    return numbers


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def rebalance_text(
    result: rebalancing.Rebalancing, current_share: float, target_share: float, base_year: int
) -> str:
    """Three lines from a :class:`seckill.models.rebalancing.Rebalancing` answer: the years to the
    target share, the volume of household consumption then, and how slowly the rest of GDP may grow."""
    return "\n".join(
        [
            tr("From {current:.1%} in {base_year} to {target:.0%}: {years:.1f} years").format(
                current=current_share, base_year=base_year, target=target_share, years=result.years
            ),
            tr("Household consumption volume then: {multiple:.2f} x {base_year}").format(
                multiple=result.consumption_volume_multiple, base_year=base_year
            ),
            tr("The rest of GDP may grow only {growth:.1%} a year").format(growth=result.rest_of_gdp_growth),
        ]
    )


def required_growth_text(needed: float, gdp_growth: float) -> str:
    """The yearly consumption growth a target needs (a fraction), and how much faster than GDP that is."""
    return tr("Consumption must grow {needed:.1%} a year, {faster:.1%} faster than GDP").format(
        needed=needed, faster=needed - gdp_growth
    )


def shares_by_source(shares: pd.DataFrame) -> pd.DataFrame:
    """:func:`consumption_share_table` as one column per economy and source (rows: years), the
    economies and sources named in the reader's language."""
    shown = translate_values(shares, ["economy", "source"])
    return shown.pivot_table(index="year", columns=["economy", "source"], values="share_pct")
