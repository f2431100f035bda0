"""Chapter 7, parcels: how many China sends a year and per person, and the Singles' Day peak."""

from __future__ import annotations

import calendar

import altair as alt
import pandas as pd

from seckill import charts, data
from seckill.i18n import in_reader_units, mark, reader_unit, tr, translate_values


def parcels_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Parcels per year as bars; the 2021 lower bound drawn pale with a label."""
    lower = table[table["status"] == "lower bound"]
    first, last = table.iloc[0], table.iloc[-1]
    # Parcels in the reader's unit: billions in English, 亿 (×10) in Chinese.
    parcels = reader_unit("parcels_bn")
    table = translate_values(in_reader_units(table, [parcels.name]), ["status", "confidence"])
    base = alt.Chart(table).encode(
        x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y(f"{parcels.field}:Q", title=tr("Express parcels, billions")),
        tooltip=[
            alt.Tooltip("year:O", title=tr("Year")),
            alt.Tooltip(f"{parcels.field}:Q", title=tr("Parcels (bn)"), format=parcels.format(",.2f")),
            alt.Tooltip("parcels_per_person:Q", title=tr("Per person (derived)"), format=".0f"),
            alt.Tooltip("status:N", title=tr("Figure is")),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "status:N",
            title=tr("Figure"),
            scale=alt.Scale(
                domain=[tr(PUBLISHED), tr(LOWER_BOUND)],
                range=[charts.MAIN_COLOUR, charts.PALETTE["sky_blue"]],
            ),
        )
    )
    label = (
        alt.Chart(in_reader_units(lower[["year", "parcels_bn"]], [parcels.name]).assign(label=tr("at least")))
        .mark_text(dy=-8, fontSize=11, color=charts.MUTED_TEXT_COLOUR)
        .encode(
            x=alt.X("year:O", title=tr("Year")),
            y=alt.Y(f"{parcels.field}:Q", title=tr("Express parcels, billions")),
            text=alt.Text("label:N", title=tr("Note")),
        )
    )
    return charts.finish(
        alt.layer(bars, label),
        title=tr("Express parcels handled in China each year"),
        source=tr("State Post Bureau, as reported by Xinhua, China Daily and others (see Data and sources)"),
        description=tr(
            "Bar chart of express parcels handled in China per year, from {first_parcels_bn:.0f} "
            "billion in {year} to {last_parcels_bn:.1f} billion in {year2}. For 2021 only a lower "
            "bound of 100 billion was found."
        ).format(
            first_parcels_bn=first["parcels_bn"],
            year=int(first["year"]),
            last_parcels_bn=last["parcels_bn"],
            year2=int(last["year"]),
            # The same counts in 亿 (10^8), for a translation to give them in Chinese units.
            first_parcels_yi=first["parcels_bn"] * 10,
            last_parcels_yi=last["parcels_bn"] * 10,
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
    table["window"] = [ONE_DAY if days == 1 else SEASON for days in table["window_days"]]
    table["label"] = [
        tr("{start} to {end}, {measure}").format(start=start[5:], end=end[5:], measure=tr(measure))
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


WHOLE_YEAR = mark("Average day of the whole year (derived)")


SEASON = mark("Average day of the season window")


ONE_DAY = mark("11 November alone")
# How a count stands (the data's status values), shown in the reader's language.
PUBLISHED = mark("published")
LOWER_BOUND = mark("lower bound")


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
                    "label": tr("whole year ÷ {days} days").format(days=days),
                    "parcels_per_day_bn": float(yearly.loc[year, "parcels_bn"]) / days,
                    "status": str(yearly.loc[year, "status"]),
                }
            )
    return pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)


def singles_day_parcels_chart(table: pd.DataFrame) -> alt.Chart:
    """Parcels per day: an average day of the year, of the 11.11 season, and 11 November itself."""
    order = [tr(WHOLE_YEAR), tr(SEASON), tr(ONE_DAY)]
    per_day = reader_unit("parcels_per_day_bn")  # 亿 (×10) in Chinese
    table = in_reader_units(table, [per_day.name]).assign(
        window=table["window"].map(tr).to_numpy(), status=table["status"].map(tr).to_numpy()
    )
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("window:N", sort=order),
            y=alt.Y(f"{per_day.field}:Q", title=tr("Parcels per day, billions")),
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
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip("window:N", title=tr("Average of")),
                alt.Tooltip("label:N", title=tr("Counted")),
                alt.Tooltip(f"{per_day.field}:Q", title=tr("Per day (bn)"), format=per_day.format(".2f")),
                alt.Tooltip("status:N", title=tr("Figure is")),
            ],
        )
    )
    years = ", ".join(str(y) for y in sorted(table["year"].unique()))
    return charts.finish(
        bars,
        title=tr("Parcels per day: ordinary days and the Singles' Day season"),
        source=tr(
            "State Post Bureau via People's Daily, Xinhua and others (2024 season: a user post); "
            "per-day values derived"
        ),
        description=tr(
            "Grouped bar chart of parcels handled per day, in billions, for {years}: the average "
            "day of the whole year, the average day of the 11.11 season window, and 11 November "
            "itself. The counted measure and the season window changed between years; the 2021 "
            "yearly average is a lower bound."
        ).format(years=years),
    )
