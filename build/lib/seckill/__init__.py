"""Shared code for the book.

- ``data``, ``validate_data``: load and check the data package in ``data/``.
- ``charts``, ``render``, ``sphinxext``, ``sphinxfixes``: the chart style, the static (no-CDN)
  renderer and the Sphinx extension that serves it; theme fixes for the built site.
- models, one module per topic (``growth``, ``flash_sale``, ``incomes``, ``streamer``, ``parcels``,
  ``decoupling``); each validates its parameters.
- ``chNN``: one module per chapter, shaping that chapter's data into tables and charts.
- ``explorers``: ipywidgets explorers for a live kernel, one module per topic.
- ``appendix``: the generated Data and sources appendix.
"""

__version__ = "0.1.0"
