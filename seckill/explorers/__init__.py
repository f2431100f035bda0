"""ipywidgets explorers for a live kernel (Jupyter, Binder, Colab), one module per topic.

These run Python on every change, so they do nothing on the static website; the book shows the
Vega-parameter version of each chart there instead. Every control is bounded, and the model's own
validation turns an impossible setting into a message in the output area, never a wrong chart.

Each explorer starts with ``if in_static_book(): return static_placeholder()``.
"""

from __future__ import annotations

from seckill.render import in_book_build as in_static_book

STATIC_NOTE = (
    "**Interactive explorer: needs a live Python kernel.** Open this notebook in Binder or Colab "
    "(launch button at the top of the page) or in your own Jupyter to use the controls."
)


def static_placeholder():
    """What an explorer shows in the static book: a note, not controls that cannot run.

    Showing no widget also keeps the page free of saved widget state and of the widget manager.
    """
    from IPython.display import Markdown

    return Markdown(STATIC_NOTE)


__all__ = ["STATIC_NOTE", "in_static_book", "static_placeholder"]
