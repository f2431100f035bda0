"""Flash-sale explorer (Chapter 2): many random sessions, and the spread of their sell-out times."""

from __future__ import annotations

from seckill.calibrations import flash_sale_inputs
from seckill.chapters import ch02
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.i18n import mark, tr
from seckill.models import flash_sale

MAX_EXPLORER_SESSIONS = 2_000  # enough for a smooth histogram, quick on a Binder machine
SESSIONS = Slider("n_sessions", mark("Sessions to simulate"), "", 10, MAX_EXPLORER_SESSIONS, 10, 500)


def simulation_report(sale: flash_sale.FlashSale, n_sessions: int, seed: int = 0) -> tuple:
    """Simulated sessions, their summary, and a sentence comparing them with the closed form."""
    sessions = flash_sale.simulate_sessions(sale, n_sessions=n_sessions, seed=seed)
    summary = flash_sale.summarise_simulation(sessions)
    expected = flash_sale.outcome(sale)
    if summary["sold_out_share"] == 0:
        return (
            sessions,
            summary,
            tr(
                "None of the {sessions:,} sessions sold out: on average "
                "{orders:,.0f} orders came in for {stock:,} units."
            ).format(sessions=n_sessions, orders=sessions["orders_attempted"].mean(), stock=sale.stock_units),
        )
    text = (
        tr(
            "{share:.0%} of {sessions:,} sessions sold out, on average after "
            "**{mean_s:.3g} s** (90 % of them between {p05_s:.3g} and "
            "{p95_s:.3g} s). The closed form says never. On average "
            "{unserved:,.0f} would-be buyers got nothing."
        )
        if expected.sell_out_s is None
        else tr(
            "{share:.0%} of {sessions:,} sessions sold out, on average after "
            "**{mean_s:.3g} s** (90 % of them between {p05_s:.3g} and "
            "{p95_s:.3g} s). The closed form says after {closed_s:.3g} s. On average "
            "{unserved:,.0f} would-be buyers got nothing."
        )
    )
    return (
        sessions,
        summary,
        text.format(
            share=summary["sold_out_share"],
            sessions=n_sessions,
            mean_s=summary["mean_s"],
            p05_s=summary["p05_s"],
            p95_s=summary["p95_s"],
            closed_s=expected.sell_out_s,
            unserved=sessions["unserved"].mean(),
        ),
    )


def sell_out_explorer(*, seed: int = 0):
    """The page chart's controls (same bounds and start) and the number of sessions; a histogram."""
    from IPython.display import Markdown

    def draw(n_sessions, **sale_settings):
        sale = flash_sale_inputs.sale_from_controls(**sale_settings)
        simulated, _summary, text = simulation_report(sale, n_sessions, seed=seed)
        return [ch02.sell_out_histogram_chart(simulated, sale), Markdown(text)]

    return explorer([*flash_sale_inputs.SALE_CONTROLS, SESSIONS], draw, failure=mark("Cannot simulate"))
