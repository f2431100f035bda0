"""Shared code for the book: data loading (``data``), data validation (``validate_data``), the chart
style (``charts``) and its static renderer (``render``), models (``growth``) and one module per chapter
that shapes that chapter's data into charts (``ch01``)."""

__version__ = "0.1.0"
