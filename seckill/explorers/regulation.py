"""Period explorer (Chapter 5): which rules and enforcement actions fell in a chosen period?"""

from __future__ import annotations

import pandas as pd

from seckill.chapters import ch05
from seckill.charts import tables
from seckill.explorers import explorer
from seckill.i18n import in_reader_units, mark, reader_unit, tr, translate_values


def period_tables(
    events: pd.DataFrame, growth: pd.DataFrame, start_year: int, end_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and the growth figures dated in ``start_year``-``end_year``, ready to display.

    Cells are text: an event without an amount reads :data:`~seckill.charts.tables.MISSING`
    (explained by :data:`seckill.chapters.ch05.NO_AMOUNT_NOTE`), never "NaN".
    """
    chosen = translate_values(ch05.events_between(events, start_year, end_year), ["group", "event", "issuer"])
    amount = reader_unit("amount_rmb_bn")  # 亿元 in Chinese, as the header says
    chosen = in_reader_units(chosen, [amount.name])
    shown_events = chosen[["date_iso", "group", "event", "issuer", amount.field]].rename(
        columns={
            "date_iso": tr("Date"),
            "group": tr("Kind"),
            "event": tr("Event"),
            "issuer": tr("By"),
            amount.field: tr("Amount (bn yuan)"),
        }
    )
    in_years = growth[(growth["year"] >= start_year) & (growth["year"] <= end_year)]
    value = reader_unit("value_rmb_bn")  # 亿元 in Chinese, as the chart shows them
    in_years = in_reader_units(translate_values(in_years, ["series", "who"]), [value.name])
    shown_growth = in_years[["year", "series", value.field, "who", "note"]].rename(
        columns={
            "year": tr("Year"),
            "series": tr("Series"),
            value.field: tr("Bn yuan"),
            "who": tr("By"),
            "note": tr("Note"),
        }
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
        summary = tr(", ").join(
            tr("{n} {group}").format(n=n, group=tr(group).lower()) for group, n in counts.items()
        )
        return [
            Markdown(
                tr("**{first}-{last}:** {n} events ({summary}).").format(
                    first=from_year, last=to_year, n=len(shown_events), summary=summary
                )
            ),
            shown_events,
            Markdown(ch05.no_amount_note()),
            Markdown(tr("**Growth figures dated in these years** (each names its source):")),
            shown_growth,
        ]

    return explorer([ch05.FROM_YEAR, ch05.TO_YEAR], draw, failure=mark("No period"))
