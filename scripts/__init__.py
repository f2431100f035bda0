"""Reproducible derivations from raw open data into ``data/``, the vendored web bundle, the benchmark.

Run each as a module from the repository root, e.g. ``.venv/bin/python -m scripts.derive_population``.
"""
