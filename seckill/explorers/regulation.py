"""Period explorer (Chapter 5): which rules and enforcement actions fell in a chosen period?"""

from __future__ import annotations

import pandas as pd

from seckill.chapters import ch05
from seckill.charts import tables
from seckill.explorers import explorer


def period_tables(
    events: pd.DataFrame, growth: pd.DataFrame, start_year: int, end_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and the growth figures dated in ``start_year``-``end_year``, ready to display.

    Cells are text: an event without an amount reads :data:`~seckill.charts.tables.MISSING`
    (explained by :data:`seckill.chapters.ch05.NO_AMOUNT_NOTE`), never "NaN".
    """
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
    return tables.text_table(shown_events.reset_index(drop=True)), tables.text_table(
        shown_growth.reset_index(drop=True)
    )


def period_explorer(events: pd.DataFrame, growth: pd.DataFrame):
    """The timeline's two year sliders; lists the events and growth figures in the chosen years.

    A "from" year after the "to" year lists nothing on the page; here the model says why.
    """
    from IPython.display import Markdown

    def draw(from_year, to_year):
        chosen = ch05.events_between(events, from_year, to_year)
        shown_events, shown_growth = period_tables(events, growth, from_year, to_year)
        counts = ch05.counts_by_group(chosen)
        summary = ", ".join(f"{n} {group.lower()}" for group, n in counts.items())
        return [
            Markdown(f"**{from_year}-{to_year}:** {len(shown_events)} events ({summary})."),
            shown_events,
            Markdown(ch05.NO_AMOUNT_NOTE),
            Markdown("**Growth figures dated in these years** (each names its source):"),
            shown_growth,
        ]

    return explorer([ch05.FROM_YEAR, ch05.TO_YEAR], draw, failure="No period")
