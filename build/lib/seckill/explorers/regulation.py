"""Period explorer (Chapter 5): which rules and enforcement actions fell in a chosen period?"""

from __future__ import annotations

import pandas as pd

from seckill.chapters import ch05
from seckill.explorers import in_static_book, static_placeholder


def period_tables(
    events: pd.DataFrame, growth: pd.DataFrame, start_year: int, end_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and the growth figures dated in ``start_year``-``end_year``, ready to display."""
    chosen = ch05.events_between(events, start_year, end_year)
    shown_events = chosen[["date_iso", "group", "event", "issuer", "amount_rmb_bn"]].rename(
        columns={
            "date_iso": "Date",
            "group": "Kind",
            "event": "Event",
            "issuer": "By",
            "amount_rmb_bn": "Amount (bn yuan)",
        }
    )
    in_years = growth[(growth["year"] >= start_year) & (growth["year"] <= end_year)]
    shown_growth = in_years[["year", "series", "value_rmb_bn", "who", "note"]].rename(
        columns={"year": "Year", "series": "Series", "value_rmb_bn": "Bn yuan", "who": "By", "note": "Note"}
    )
    return shown_events.reset_index(drop=True), shown_growth.reset_index(drop=True)


def period_explorer(events: pd.DataFrame, growth: pd.DataFrame):
    """A year-range slider; lists the events and growth figures in the chosen years."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    years = widgets.IntRangeSlider(
        value=(2020, 2021),
        min=ch05.FIRST_YEAR,
        max=ch05.LAST_YEAR,
        step=1,
        description="Years",
        style={"description_width": "initial"},
    )
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            start, end = years.value
            shown_events, shown_growth = period_tables(events, growth, start, end)
            counts = ch05.counts_by_group(ch05.events_between(events, start, end))
            summary = ", ".join(f"{n} {group.lower()}" for group, n in counts.items())
            display(Markdown(f"**{start}-{end}:** {len(shown_events)} events ({summary})."))
            display(shown_events)
            display(Markdown("**Growth figures dated in these years** (each names its source):"))
            display(shown_growth)

    years.observe(redraw, names="value")
    redraw()
    return widgets.VBox([years, output])
