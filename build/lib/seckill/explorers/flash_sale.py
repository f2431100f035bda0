"""Flash-sale explorer (Chapter 2): many random sessions, and the spread of their sell-out times."""

from __future__ import annotations

from seckill.calibrations import flash_sale_inputs
from seckill.chapters import ch02
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.models import flash_sale

MAX_EXPLORER_SESSIONS = 2_000  # enough for a smooth histogram, quick on a Binder machine
SESSIONS = Slider("n_sessions", "Sessions to simulate", "", 10, MAX_EXPLORER_SESSIONS, 10, 500)


def simulation_report(sale: flash_sale.FlashSale, n_sessions: int, seed: int = 0) -> tuple:
    """Simulated sessions, their summary, and a sentence comparing them with the closed form."""
    sessions = flash_sale.simulate_sessions(sale, n_sessions=n_sessions, seed=seed)
    summary = flash_sale.summarise_simulation(sessions)
    expected = flash_sale.outcome(sale)
    if summary["sold_out_share"] == 0:
        text = (
            f"None of the {n_sessions:,} sessions sold out: on average "
            f"{sessions['orders_attempted'].mean():,.0f} orders came in for {sale.stock_units:,} units."
        )
    else:
        closed = "never" if expected.sell_out_s is None else f"after {expected.sell_out_s:.3g} s"
        text = (
            f"{summary['sold_out_share']:.0%} of {n_sessions:,} sessions sold out, on average after "
            f"**{summary['mean_s']:.3g} s** (90 % of them between {summary['p05_s']:.3g} and "
            f"{summary['p95_s']:.3g} s). The closed form says {closed}. On average "
            f"{sessions['unserved'].mean():,.0f} would-be buyers got nothing."
        )
    return sessions, summary, text


def sell_out_explorer(*, seed: int = 0):
    """The page chart's controls (same bounds and start) and the number of sessions; a histogram."""
    from IPython.display import Markdown

    def draw(n_sessions, **sale_settings):
        sale = flash_sale_inputs.sale_from_controls(**sale_settings)
        simulated, _summary, text = simulation_report(sale, n_sessions, seed=seed)
        return [ch02.sell_out_histogram_chart(simulated, sale), Markdown(text)]

    return explorer([*flash_sale_inputs.SALE_CONTROLS, SESSIONS], draw, failure="Cannot simulate")
