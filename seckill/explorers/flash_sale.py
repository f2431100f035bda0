"""Flash-sale explorer (Chapter 2): many random sessions, and the spread of their sell-out times."""

from __future__ import annotations

from seckill import ch02, flash_sale
from seckill.explorers import in_static_book, static_placeholder

MAX_EXPLORER_SESSIONS = 2_000  # enough for a smooth histogram, quick on a Binder machine


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
    """Sliders for the sale (the page chart's bounds) and the number of sessions; shows the histogram."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    style = {"description_width": "initial"}

    def slider(control: ch02.Slider, kind=widgets.FloatSlider):
        return kind(
            value=control.default,
            min=control.low,
            max=control.high,
            step=control.step,
            description=control.label.rstrip(": "),
            style=style,
            continuous_update=False,
        )

    audience = slider(ch02.AUDIENCE_M)
    conversion = slider(ch02.CONVERSION_PCT_MIN)
    boost = slider(ch02.BOOST_PCT, widgets.IntSlider)
    stock = slider(ch02.STOCK_UNITS, widgets.IntSlider)
    session = widgets.Dropdown(
        options=ch02.SESSION_MIN_OPTIONS,
        value=ch02.SESSION_MIN_DEFAULT,
        description="Link open for, minutes",
        style=style,
    )
    sessions = widgets.IntSlider(
        value=500,
        min=10,
        max=MAX_EXPLORER_SESSIONS,
        step=10,
        description="Sessions to simulate",
        style=style,
        continuous_update=False,
    )
    output = widgets.Output()
    controls = [audience, conversion, boost, stock, session, sessions]

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            try:
                sale = ch02.sale_from_controls(
                    audience.value, conversion.value, boost.value, stock.value, session.value
                )
                simulated, _summary, text = simulation_report(sale, sessions.value, seed=seed)
            except ValueError as error:
                display(Markdown(f"**Cannot simulate:** {error}"))
                return
            display(ch02.sell_out_histogram_chart(simulated, sale))
            display(Markdown(text))

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.VBox(controls), output])
