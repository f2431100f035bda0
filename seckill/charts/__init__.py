"""Everything a chart needs besides its data: one style, a renderer that needs no CDN, its numbers.

- :mod:`~seckill.charts.style`: the theme, the colour palette and the parts every chart must have
  (:func:`finish`), the read-out lines interactive charts compute in the browser (:func:`readout`)
  and the table of model values such a chart carries (:func:`with_model_table`);
- :mod:`~seckill.charts.render`: the renderer that writes a chart into the static book as its
  spec, for the site's own copy of Vega to draw;
- :mod:`~seckill.charts.tables`: the collapsed "Show the numbers" table under every chart.

Chapters write ``from seckill import charts`` and call ``charts.finish(...)``; the names below are
the style's.
"""

from seckill.charts.style import (
    CATEGORY_COLOURS,
    HIGHLIGHT_COLOUR,
    MAIN_COLOUR,
    MUTED_TEXT_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    TITLE_LINE_CHARS,
    TWO_LINE_LABEL,
    finish,
    large_number_axis,
    readout,
    use,
    vega_text,
    with_model_table,
)

__all__ = [
    "CATEGORY_COLOURS",
    "HIGHLIGHT_COLOUR",
    "MAIN_COLOUR",
    "MUTED_TEXT_COLOUR",
    "PALETTE",
    "TEXT_COLOUR",
    "TITLE_LINE_CHARS",
    "TWO_LINE_LABEL",
    "finish",
    "large_number_axis",
    "readout",
    "use",
    "vega_text",
    "with_model_table",
]
