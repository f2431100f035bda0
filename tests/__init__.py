"""The book's tests: models, data package, notebooks, the book build and the built site in Chromium.

A package, so the shared helpers (:mod:`tests.site_check` for the browser, :mod:`tests.details_table`
for chart tables) are imported by name: by the tests, and by the benchmark
(``python -m scripts.benchmark`` from the repository root).
"""
