"""The table of model values a chart can carry, for charts whose numbers the browser computes.

An explorer's chart draws what Vega expressions compute from its sliders; its datasets hold only
labels or model inputs, so a table built from them would show a reader nothing of what the chart
draws. Such a chart carries its numbers itself, in the spec's top-level ``usermeta`` (which the
Vega-Lite schema allows and Vega ignores)::

    {"seckill_table": {"caption": str, "model": str,
                       "columns": [{"field": str, "title": str}, ...],
                       "rows": [{field: value, ...}, ...]}}

The rows are what the chart shows at its starting settings, computed by the book's Python model
that the chart's expressions mirror, so the tests can hold one against the other.
:func:`model_table_meta` builds and checks the entry from a DataFrame
(:func:`seckill.charts.with_model_table` adds it to a chart); :func:`model_table` reads it back
from a spec, and the details then shows this one table instead of the chart's datasets.
"""

from __future__ import annotations

import math

import pandas as pd

MODEL_TABLE_KEY = "seckill_table"  # under the spec's top-level "usermeta"
_CELL_TYPES = (str, int, float, bool)


def _text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value.strip()


def _cell(column: str, value):
    """A JSON-safe cell: numpy scalars become Python numbers, missing values None."""
    if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, _CELL_TYPES):  # numpy scalar
        value = value.item()
    if not isinstance(value, _CELL_TYPES):
        raise ValueError(
            f"column {column!r} holds {value!r}; table cells must be numbers, strings or booleans"
        )
    if isinstance(value, float) and math.isinf(value):
        # JSON has no infinity: the spec would not parse in the browser.
        raise ValueError(f"column {column!r} holds an infinite value; give a finite number or a note")
    return value


def model_table_meta(frame: pd.DataFrame, *, caption: str, titles: dict[str, str], model: str) -> dict:
    """The ``usermeta`` entry for a chart's table of model values, checked and JSON-safe.

    ``frame`` holds the numbers the chart shows at its starting settings, one column per entry of
    ``titles``, which maps each column to its header (with units) and sets the columns' order.
    ``caption`` says what the table holds; ``model`` names the Python model that computed it (e.g.
    ``"seckill.models.value_chain.split_price"``). The details adds to the caption a sentence naming
    the model and saying what the chart's controls change.

    Raises ``ValueError`` for a frame that is not a DataFrame or is empty, a caption or model that
    is not a non-empty string, titles that are not non-empty strings, columns of ``frame`` without
    a title or titles for columns ``frame`` does not have, and cells that are not numbers, strings,
    booleans or missing (missing values become None, shown as
    :data:`~seckill.charts.tables.values.MISSING`).
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError("frame is empty: a table of model values needs at least one row and one column")
    caption = _text("caption", caption)
    model = _text("model", model)
    if not isinstance(titles, dict) or not titles:
        raise ValueError(f"titles must map each column of the frame to its header; got {titles!r}")
    columns = [str(name) for name in frame.columns]
    if len(set(columns)) != len(columns):
        raise ValueError(f"the frame's column names must be distinct; got {columns}")
    missing = [name for name in titles if name not in columns]
    untitled = [name for name in columns if name not in titles]
    if missing or untitled:
        raise ValueError(
            "titles must name exactly the frame's columns: "
            + "; ".join(
                part
                for part in (
                    f"titles for columns the frame does not have: {missing}" if missing else "",
                    f"columns without a title: {untitled}" if untitled else "",
                )
                if part
            )
        )
    headers = {name: _text(f"the title of column {name!r}", title) for name, title in titles.items()}
    frame = frame.set_axis(columns, axis=1)
    rows = [
        {name: _cell(name, value) for name, value in zip(titles, values, strict=True)}
        for values in frame[list(titles)].itertuples(index=False, name=None)
    ]
    return {
        "caption": caption,
        "model": model,
        "columns": [{"field": name, "title": header} for name, header in headers.items()],
        "rows": rows,
    }


def model_table(spec: dict) -> dict | None:
    """The chart's table of model values (see :func:`model_table_meta`), or None if it has none.

    Raises ``ValueError`` if the entry is there but malformed, so that a broken table fails the
    build instead of showing nothing.
    """
    usermeta = spec.get("usermeta")
    meta = usermeta.get(MODEL_TABLE_KEY) if isinstance(usermeta, dict) else None
    if meta is None:
        return None
    ok = (
        isinstance(meta, dict)
        and all(isinstance(meta.get(key), str) and meta[key].strip() for key in ("caption", "model"))
        and isinstance(meta.get("columns"), list)
        and meta["columns"]
        and all(
            isinstance(column, dict)
            and isinstance(column.get("field"), str)
            and isinstance(column.get("title"), str)
            for column in meta["columns"]
        )
        and isinstance(meta.get("rows"), list)
        and meta["rows"]
        and all(isinstance(row, dict) for row in meta["rows"])
    )
    if not ok:
        raise ValueError(
            f"usermeta.{MODEL_TABLE_KEY} must hold a caption, a model, columns (field and title) and "
            f"rows; build it with model_table_meta. Got {str(meta)[:200]}"
        )
    return meta
