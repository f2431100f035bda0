"""Derivation scripts: the logic on a small input, and the committed output reproduced from raw."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive_hc = _load_script("derive_household_consumption")


def _raw(rows):
    return pd.DataFrame(rows, columns=["economy", "year", "ne_con_prvt_zs"])


def test_derive_keeps_the_chapter_economies_and_passes_values_through():
    codes = list(derive_hc.ECONOMIES)
    raw = _raw([(code, 2019, 40.0 + i) for i, code in enumerate(codes)] + [("gbr", 2019, 64.0)])
    out = derive_hc.derive(raw)
    assert list(out.columns) == derive_hc.OUTPUT_COLUMNS
    assert set(out["economy_code"]) == set(codes)
    assert out.set_index("economy_code").loc["chn", "household_consumption_pct_gdp"] == 40.0
    assert set(out["source_id"]) == {derive_hc.SOURCE_ID}


def test_derive_rejects_impossible_shares_and_missing_economies():
    codes = list(derive_hc.ECONOMIES)
    with pytest.raises(ValueError, match="outside 0-100"):
        derive_hc.derive(_raw([(code, 2019, 140.0) for code in codes]))
    with pytest.raises(ValueError, match="economies not found"):
        derive_hc.derive(_raw([("chn", 2019, 40.0)]))


def test_committed_csv_is_reproduced_from_the_raw_extract():
    raw_path = derive_hc.resolve(derive_hc.DEFAULT_RAW)
    if not raw_path.is_file():
        pytest.skip(f"raw input not on this machine: {raw_path}")
    fresh = derive_hc.derive(derive_hc.load_raw(raw_path))
    committed = pd.read_csv(ROOT / derive_hc.DEFAULT_OUT)
    pd.testing.assert_frame_equal(
        fresh.astype(committed.dtypes.to_dict()), committed, check_exact=False, rtol=1e-12
    )


derive_wh = _load_script("derive_working_hours")


def _raw_hours(rows):
    return pd.DataFrame(rows, columns=["geo", "time", "working_hours_per_week"])


def test_working_hours_keep_the_chapter_economies_and_pass_values_through():
    out = derive_wh.derive(_raw_hours([("chn", 2016, 46.1), ("usa", 2016, 38.04), ("fra", 2016, 35.0)]))
    assert list(out.columns) == derive_wh.OUTPUT_COLUMNS
    assert set(out["economy_code"]) == set(derive_wh.ECONOMIES)
    assert out.set_index("economy_code").loc["chn", "weekly_hours"] == 46.1


def test_working_hours_reject_implausible_values_and_missing_economies():
    with pytest.raises(ValueError, match="weekly hours outside"):
        derive_wh.derive(_raw_hours([("chn", 2016, 460.0), ("usa", 2016, 38.0)]))
    with pytest.raises(ValueError, match="economies not found"):
        derive_wh.derive(_raw_hours([("chn", 2016, 46.1)]))


def test_committed_working_hours_are_reproduced_from_the_raw_file():
    raw_path = derive_wh.resolve(derive_wh.DEFAULT_RAW)
    if not raw_path.is_file():
        pytest.skip(f"raw input not on this machine: {raw_path}")
    fresh = derive_wh.derive(derive_wh.load_raw(raw_path))
    committed = pd.read_csv(ROOT / derive_wh.DEFAULT_OUT)
    pd.testing.assert_frame_equal(
        fresh.astype(committed.dtypes.to_dict()), committed, check_exact=False, rtol=1e-12
    )
