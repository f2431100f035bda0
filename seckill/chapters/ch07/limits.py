"""Chapter 7, limits beyond carbon: the material footprint, and the doughnut's floors and ceilings."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts, data
from seckill.chapters.ch07.carbon import ECONOMY_ORDER
from seckill.i18n import mark, tr, translate_values

# The doughnut table's two groups (seckill.calibrations.doughnut.DIMENSION_LABELS), marked for the
# catalogue: the chart shows them in the reader's language.
DOUGHNUT_GROUPS = (mark("Ecological (1 = boundary)"), mark("Social (1 = threshold)"))


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
    shown = translate_values(
        table[["year", "economy", "material_footprint_t_per_person", "source_id"]], ["economy"]
    )
    chart = (
        alt.Chart(shown)
        .mark_line()
        .encode(
            x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d")),
            y=alt.Y("material_footprint_t_per_person:Q", title=tr("Raw materials per person, tonnes a year")),
            color=alt.Color(
                "economy:N", title=tr("Economy"), sort=[tr(economy) for economy in ECONOMY_ORDER]
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip("economy:N", title=tr("Economy")),
                alt.Tooltip("material_footprint_t_per_person:Q", title=tr("Tonnes per person"), format=".1f"),
            ],
        )
    )
    return charts.finish(
        chart,
        title=tr("Material footprint per person"),
        source=tr("UNDP Human Development Report 2023/2024, from the UNEP International Resource Panel"),
        description=tr(
            "Line chart of material footprint per person in tonnes a year, {first} to {last}: "
            "China rises to {china:.1f} tonnes, near the United States' {usa:.1f} and "
            "{ratio:.1f} times the world average of {world:.1f}."
        ).format(
            first=first,
            last=last,
            china=end["China"],
            usa=end["United States"],
            ratio=end["China"] / end["World"],
            world=end["World"],
        ),
    )


def doughnut_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Dots on a log axis: above 1 on ecological rows is overshoot; below 1 on social rows, shortfall."""
    year = int(table["year"].iloc[0])
    order = (
        table.sort_values(["dimension", "indicator"])["indicator"].drop_duplicates().tolist()
    )  # ecological rows first, then social ones
    order = [tr(indicator) for indicator in order]
    economies = [tr(economy) for economy in ECONOMY_ORDER]
    shown = translate_values(
        table[["year", "economy", "indicator", "group", "ratio", "source_id"]],
        ["economy", "indicator", "group"],
    )
    y = alt.Y("indicator:N", title=None, sort=order, axis=alt.Axis(labelLimit=160))
    dots = (
        alt.Chart(shown)
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X(
                "ratio:Q",
                title=tr("Ratio to limit, log scale"),
                scale=alt.Scale(type="log", domain=[0.25, 16], nice=False),
                axis=alt.Axis(values=[0.25, 0.5, 1, 2, 4, 8, 16]),
            ),
            y=y,
            yOffset=alt.YOffset("economy:N", sort=economies),
            color=alt.Color("economy:N", title=tr("Economy"), sort=economies),
            # A second legend beside the first would not fit a phone; this one goes on top.
            shape=alt.Shape("group:N", title=None, legend=alt.Legend(orient="top", direction="vertical")),
            tooltip=[
                alt.Tooltip("economy:N", title=tr("Economy")),
                alt.Tooltip("indicator:N", title=tr("Indicator")),
                alt.Tooltip("group:N", title=tr("Kind")),
                alt.Tooltip("ratio:Q", title=tr("Ratio"), format=".2f"),
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
        title=tr("China and the US against boundaries and social thresholds ({year})").format(year=year),
        source=tr("Fanning, O'Neill, Hickel and Roux 2022, country data"),
        description=tr(
            "Dot chart on a log axis of {n_bio} ecological and {n_social} social indicators for "
            "China and the United States in {year}, each divided by its boundary or threshold, "
            "with a line at 1. China exceeds {over} of {n_bio} boundaries and meets {met} of "
            "{n_social} social thresholds."
        ).format(
            n_bio=n_bio,
            n_social=n_social,
            year=year,
            over=over,
            met=met,
        ),
    )
