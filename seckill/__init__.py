"""The book's Python package: what readers install to run the notebooks (Binder, Colab, a laptop).

Floors, bottom first; a module imports only from the floors below it (tests/test_architecture.py):

- :mod:`~seckill.data` loads the data package in ``data/`` with its schema's types;
  :mod:`~seckill.validate_data` checks it (``python -m seckill.validate_data``);
  :mod:`~seckill.models`: pure models with validated inputs; :mod:`~seckill.controls`: each slider
  and menu of an interactive chart declared once;
- :mod:`~seckill.calibrations`: inputs several chapters share, shaped or calibrated from the data;
  :mod:`~seckill.charts`: the chart style, the no-CDN renderer and the tables of chart numbers;
- :mod:`~seckill.chapters`: one module per chapter (tables, charts, quoted numbers); no chapter
  imports another;
- :mod:`~seckill.explorers`: ipywidgets explorers for a live kernel; :mod:`~seckill.pages`: the
  helper a narrative page's hidden cell calls to glue its numbers.

What only the book build needs (the Sphinx extension, theme fixes, web bundle) is in
``sitebuild/`` beside this package, and this package never imports it.
"""

__version__ = "0.1.0"
