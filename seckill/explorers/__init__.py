"""ipywidgets explorers for a live kernel (Jupyter, Binder, Colab), one module per topic.

These run Python on every change, so they do nothing on the static website; the book shows the
Vega-parameter version of each chart there instead. Every control is declared once
(:mod:`seckill.controls`), so an explorer starts from the same settings and keeps the same bounds
as the chart on the page. :func:`explorer` wires controls to an output area: the model's own
validation turns an impossible setting into a message there, never a wrong chart.

An explorer is the floor above the chapters: it may draw with one chapter's charts, and nothing in
the package imports an explorer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from seckill.charts.render import in_book_build as in_static_book
from seckill.controls import Menu, Slider
from seckill.i18n import mark, tr

STATIC_NOTE = mark(
    "**Interactive explorer: needs a live Python kernel.** Open this notebook in Binder or Colab "
    "(launch button at the top of the page) or in your own Jupyter to use the controls."
)
CANNOT_DRAW = mark("Cannot draw this")


def static_placeholder():
    """What an explorer shows in the static book: a note, not controls that cannot run.

    Showing no widget also keeps the page free of saved widget state and of the widget manager.
    """
    from IPython.display import Markdown

    return Markdown(tr(STATIC_NOTE))


def explorer(
    controls: Sequence[Slider | Menu],
    draw: Callable[..., Iterable[object]],
    *,
    failure: str = CANNOT_DRAW,
    start: dict[str, object] | None = None,
):
    """Widgets for ``controls`` above one output area that ``draw`` fills whenever a control moves.

    ``draw`` takes each control's value as a keyword (its ``name``) and returns what to show, in
    order: charts, Markdown, DataFrames. A ``ValueError`` it raises (a model rejecting a setting)
    is shown as "**<failure>:** <message>" instead (``failure`` is an English text marked with
    :func:`seckill.i18n.mark`, shown translated). ``start`` overrides some starting values (by
    name), for a reader who calls the explorer with settings of their own. In the static book the
    explorer is :func:`static_placeholder`.

    The result is ``VBox([VBox(widgets), output])``: the controls in the order given, then what
    ``draw`` shows.
    """
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    start = start or {}
    names = [control.name for control in controls]
    if len(set(names)) != len(names):
        raise ValueError(f"two controls share a name: {names}")
    unknown = set(start) - set(names)
    if unknown:
        raise ValueError(f"no control named {sorted(unknown)}")
    made = {control.name: control.widget(start.get(control.name)) for control in controls}
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            try:
                shown = list(draw(**{name: widget.value for name, widget in made.items()}))
            except ValueError as error:
                display(Markdown(tr("**{failure}:** {error}").format(failure=tr(failure), error=error)))
                return
            for item in shown:
                display(item)

    for widget in made.values():
        widget.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.VBox(list(made.values())), output])


__all__ = ["STATIC_NOTE", "explorer", "in_static_book", "static_placeholder"]
