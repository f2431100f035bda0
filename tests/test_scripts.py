"""Derivation scripts: the logic on a small input, and the committed output reproduced from raw."""

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent


from scripts import derive_household_consumption as derive_hc  # noqa: E402


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


from scripts import derive_working_hours as derive_wh  # noqa: E402


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


from scripts import derive_co2_emissions as derive_co2  # noqa: E402
from scripts import derive_population as derive_pop  # noqa: E402


def _owid_raw(rows):
    columns = ["iso_code", "country", "year", "gdp", *derive_co2.RENAME]
    return pd.DataFrame(rows, columns=columns)


def _owid_row(iso, year, co2=100.0, gdp=2e12):
    # iso_code, country, year, gdp, co2, consumption_co2, co2_per_capita, consumption per capita, population
    return (iso, iso, year, gdp, co2, co2 * 0.9, 2.0, 1.8, 5e7)


def test_derive_co2_keeps_three_economies_from_1990_and_converts_only_gdp():
    rows = [_owid_row(iso, year) for iso in derive_co2.ECONOMIES for year in (1989, 1990, 2000)]
    rows.append(_owid_row("GBR", 2000))
    out = derive_co2.derive(_owid_raw(rows))
    assert list(out.columns) == derive_co2.OUTPUT_COLUMNS
    assert set(out["economy_code"]) == {"chn", "usa", "wld"}
    assert out["year"].min() == 1990
    first = out.iloc[0]
    assert first["co2_territorial_mt"] == 100.0 and first["co2_consumption_mt"] == 90.0
    assert first["gdp_intl_usd_2011_bn"] == 2000.0


def test_derive_co2_rejects_missing_economies_and_impossible_values():
    with pytest.raises(ValueError, match="economies not found"):
        derive_co2.derive(_owid_raw([_owid_row("CHN", 2000)]))
    rows = [_owid_row(iso, 2000, co2=-1.0) for iso in derive_co2.ECONOMIES]
    with pytest.raises(ValueError, match="must be positive"):
        derive_co2.derive(_owid_raw(rows))


def test_derive_population_keeps_three_economies_and_rejects_bad_values():
    raw = pd.DataFrame(
        [("x", code, year, 1000 + year) for code in derive_pop.ECONOMIES for year in (1980, 2024)]
        + [("x", "GBR", 2024, 5)],
        columns=["Country Name", "Country Code", "Year", "Value"],
    )
    out = derive_pop.derive(raw)
    assert list(out.columns) == derive_pop.OUTPUT_COLUMNS
    assert set(out["year"]) == {2024} and len(out) == 3
    raw.loc[raw["Country Code"] == "CHN", "Value"] = 0
    with pytest.raises(ValueError, match="must be positive"):
        derive_pop.derive(raw)


from scripts import derive_doughnut_indicators as derive_dn  # noqa: E402
from scripts import derive_material_footprint as derive_mf  # noqa: E402


def test_derive_material_footprint_melts_years_and_drops_gaps():
    raw = pd.DataFrame(
        [(code, 1.0, None, 3.0) for code in derive_mf.ECONOMIES] + [("GBR", 9.0, 9.0, 9.0)],
        columns=["iso3", "mf_1990", "mf_1991", "mf_1992"],
    )
    out = derive_mf.derive(raw)
    assert list(out.columns) == derive_mf.OUTPUT_COLUMNS
    assert len(out) == 6 and set(out["year"]) == {1990, 1992}  # the empty 1991 cells are left out
    with pytest.raises(ValueError, match="economies not found"):
        derive_mf.derive(raw[raw["iso3"] != "CHN"])


def test_derive_doughnut_keeps_two_countries_in_long_format():
    bio = pd.DataFrame(
        [
            ("China", "CHN", 2015, 0.9, 2.2),
            ("United States", "USA", 2015, 10.8, None),
            ("X", "XXX", 2015, 1, 1),
        ],
        columns=["country", "iso3c", "date", "CO2 Emissions", "Ecological Footprint"],
    )
    social = pd.DataFrame(
        [("China", "CHN", 2015, 1.04), ("United States", "USA", 2015, 1.1)],
        columns=["country", "iso3c", "date", "Life Expectancy"],
    )
    out = derive_dn.derive({"biophysical": bio, "social": social})
    assert list(out.columns) == derive_dn.OUTPUT_COLUMNS
    assert len(out) == 5  # the empty US footprint cell is left out
    china_co2 = out[(out["economy_code"] == "chn") & (out["indicator"] == "CO2 Emissions")]
    assert china_co2["ratio"].tolist() == [0.9]
    bio.loc[0, "CO2 Emissions"] = -1
    with pytest.raises(ValueError, match="must not be negative"):
        derive_dn.derive({"biophysical": bio, "social": social})


from scripts import derive_pwt_consumption_share as derive_pwt  # noqa: E402


def _pwt_raw(rows):
    return pd.DataFrame(rows, columns=["isocode", "year", "csh_c"])


def test_pwt_derive_keeps_china_and_us_and_turns_fractions_into_percent():
    raw = _pwt_raw([("CHN", 2019, 0.3875), ("USA", 2019, 0.7032), ("GBR", 2019, 0.64), ("CHN", 1950, None)])
    out = derive_pwt.derive(raw)
    assert list(out.columns) == derive_pwt.OUTPUT_COLUMNS
    assert set(out["economy_code"]) == {"chn", "usa"}
    assert len(out) == 2  # the empty 1950 value is dropped, not filled
    assert out.set_index("economy_code").loc["chn", "household_consumption_pct_gdp_ppp"] == pytest.approx(
        38.75
    )


def test_pwt_derive_rejects_percent_input_and_missing_economies():
    with pytest.raises(ValueError, match="outside 0-1"):
        derive_pwt.derive(_pwt_raw([("CHN", 2019, 38.75), ("USA", 2019, 70.3)]))
    with pytest.raises(ValueError, match="economies not found"):
        derive_pwt.derive(_pwt_raw([("CHN", 2019, 0.38)]))


# --- every committed CSV, derived again from its raw input --------------------------------------

DERIVATIONS = {
    "household_consumption": derive_hc,
    "working_hours": derive_wh,
    "co2_emissions": derive_co2,
    "population": derive_pop,
    "material_footprint": derive_mf,
    "doughnut_indicators": derive_dn,
    "pwt_consumption_share": derive_pwt,
}


@pytest.mark.parametrize("name", DERIVATIONS)
def test_committed_csv_is_reproduced_from_raw(name):
    script = DERIVATIONS[name]
    raw_path = script.resolve(script.DEFAULT_RAW)
    if not raw_path.exists():  # a file, or a folder of sheets
        pytest.skip(f"raw input not on this machine: {raw_path}")
    fresh = script.derive(script.load_raw(raw_path))
    committed = pd.read_csv(ROOT / script.DEFAULT_OUT)
    pd.testing.assert_frame_equal(
        fresh.astype(committed.dtypes.to_dict()), committed, check_exact=False, rtol=1e-12
    )


# --- the benchmark's accounting (scripts/benchmark.py; its measurements are not tests) -----------

from scripts import benchmark  # noqa: E402


def test_each_step_of_a_visit_counts_the_bytes_received_by_its_end():
    sizes = [20_000, 30_000, 1_000, 279_000, 500]
    # First view: the page and its stylesheet; scrolling fetched a picture; touching, Vega and data.
    assert benchmark.wire_bytes(sizes, [2, 3, 5]) == [50_000, 51_000, 330_500]
    assert benchmark.wire_bytes(sizes, [2, 2, 2]) == [50_000] * 3


def test_the_visit_accounting_refuses_counts_that_cannot_be():
    with pytest.raises(ValueError, match="in order"):
        benchmark.wire_bytes([1, 2, 3], [2, 1, 3])
    with pytest.raises(ValueError, match="one response count per step"):
        benchmark.wire_bytes([1, 2, 3], [1, 3])
    with pytest.raises(ValueError, match="more responses"):
        benchmark.wire_bytes([1, 2], [1, 2, 3])


def test_a_page_fails_the_weight_target_on_what_it_takes_to_see_every_chart():
    light = benchmark.PageResult("book/01-buy-it.html", first_view_bytes=60_000)
    light.charts_seen_bytes, light.full_bytes = 120_000, 400_000
    heavy = benchmark.PageResult("book/01-buy-it.html", first_view_bytes=60_000)
    heavy.charts_seen_bytes, heavy.full_bytes = 340_000, 400_000
    verdicts = {
        page.charts_seen_bytes: dict((t, ok) for t, ok, _ in benchmark.page_checks(page))
        for page in (light, heavy)
    }
    seen_target = next(t for t in verdicts[120_000] if t.startswith("every chart seen"))
    assert verdicts[120_000][seen_target] and not verdicts[340_000][seen_target]


def test_lighthouse_lcp_and_layout_shift_have_their_own_targets():
    result = benchmark.PageResult("book/01-buy-it.html")
    result.lighthouse = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
    result.lighthouse |= {"lcp-ms": 1400, "cls": 0.002}
    failed = [target for target, ok, _ in benchmark.page_checks(result) if not ok and "Lighthouse" in target]
    assert failed == ["Lighthouse LCP <= 1.3 s", "Lighthouse CLS <= 0.0"]


def test_the_clean_build_may_grow_by_a_third_over_its_baseline():
    baseline = benchmark.BASELINE_CLEAN_BUILD_SECONDS
    assert benchmark.build_checks(baseline * 1.3)[1]
    assert not benchmark.build_checks(baseline * 1.34)[1]
