"""The data package: valid against its schema, every row traced to a source, bad data caught."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from seckill import data, validate_data

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def test_data_package_is_valid_and_every_row_has_a_resolvable_source():
    assert validate_data.problems(DATA_DIR) == []


def test_every_csv_in_data_is_described_by_the_package():
    described = {r["path"] for r in data.read_descriptor(DATA_DIR)["resources"]}
    on_disk = {p.name for p in DATA_DIR.glob("*.csv")}
    assert on_disk == described


def test_every_field_has_a_short_title_or_a_description_short_enough_to_be_a_header():
    """Tables of a chart's numbers head a column the chart gives no title with the field's title, or
    with its description when that is short (seckill.charts.tables.field_header)."""
    from seckill.charts import tables

    untitled = [
        f"{resource['name']}.{field['name']}: {field.get('description', '')!r}"
        for resource in data.read_descriptor(DATA_DIR)["resources"]
        for field in resource["schema"]["fields"]
        if not tables.field_header(field)
    ]
    assert not untitled, (
        "give these fields a short 'title' (true to the description, with units):\n" + "\n".join(untitled)
    )


def test_every_resource_loads_with_schema_types():
    for resource in data.read_descriptor(DATA_DIR)["resources"]:
        frame = data.load(resource["name"], DATA_DIR)
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]]
        assert len(frame) > 0
    gmv = data.load("singles_day_gmv", DATA_DIR)
    assert str(gmv["year"].dtype) == "Int64"
    assert str(gmv["gmv_rmb_bn"].dtype) == "Float64"
    assert str(gmv["headline"].dtype) == "boolean"


def test_every_resource_has_a_primary_key_or_a_uniqueness_rule():
    """So a duplicated row is refused, never stacked into a bar; tables that mark headline rows say
    how many a year may have (seckill.data checks both)."""
    for resource in data.read_descriptor(DATA_DIR)["resources"]:
        schema = resource["schema"]
        rules = schema.get("rowRules", [])
        assert schema.get("primaryKey") or any("unique" in rule for rule in rules), resource["name"]
        if any(f["name"] == "headline" for f in schema["fields"]):
            assert {"onePer": ["year"], "where": {"headline": True}} in rules, resource["name"]


def test_one_headline_alibaba_row_per_year():
    gmv = data.load("singles_day_gmv", DATA_DIR)
    headline = gmv[gmv["headline"]]
    assert set(headline["platform"]) == {"Alibaba"}
    assert not headline["year"].duplicated().any()


def test_sources_all_have_web_addresses():
    table = data.sources(DATA_DIR)
    assert table["url"].str.match(r"^https?://").all()


def _broken_copy(tmp_path: Path, file_name: str, line: int, field: str, value: str) -> Path:
    """Copy the data folder and set one cell (by CSV line number and field name) to ``value``."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / file_name
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(field)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return copy


def test_a_malformed_number_is_reported_with_file_line_and_field(tmp_path):
    copy = _broken_copy(tmp_path, "singles_day_gmv.csv", 4, "gmv_rmb_bn", "lots")
    messages = validate_data.problems(copy)
    assert len(messages) == 1
    assert "singles_day_gmv.csv" in messages[0]
    assert "line 4" in messages[0]
    assert "'gmv_rmb_bn'" in messages[0]


def test_a_value_outside_its_enum_is_reported(tmp_path):
    copy = _broken_copy(tmp_path, "live_commerce_market_size.csv", 3, "currency", "EUR")
    messages = validate_data.problems(copy)
    assert any("live_commerce_market_size.csv" in m and "line 3" in m and "'currency'" in m for m in messages)


def test_an_unknown_source_id_is_reported(tmp_path):
    copy = _broken_copy(tmp_path, "cnnic_users.csv", 2, "source_id", "no-such-source")
    messages = validate_data.problems(copy)
    assert messages == ["cnnic_users.csv, line 2, field 'source_id': 'no-such-source' is not in sources.csv"]


def test_one_bad_id_in_a_list_of_sources_is_reported(tmp_path):
    gmv = pd.read_csv(DATA_DIR / "singles_day_gmv.csv", dtype=str)
    line = int(gmv.index[gmv["source_id"].str.contains(";", na=False)][0]) + 2
    good = gmv["source_id"].iloc[line - 2].split(";")[0]
    copy = _broken_copy(tmp_path, "singles_day_gmv.csv", line, "source_id", f"{good};typo-id")
    messages = validate_data.problems(copy)
    assert messages == [
        f"singles_day_gmv.csv, line {line}, field 'source_id': 'typo-id' is not in sources.csv"
    ]


def test_the_loader_also_names_file_line_and_field(tmp_path):
    copy = _broken_copy(tmp_path, "retail_sales.csv", 5, "year", "20x9")
    with pytest.raises(data.DataValidationError, match=r"retail_sales.csv, line 5, field 'year'"):
        data.load("retail_sales", copy)


def test_a_missing_required_value_is_reported(tmp_path):
    copy = _broken_copy(tmp_path, "us_shopping_days.csv", 2, "online_spend_usd_bn", "")
    messages = validate_data.problems(copy)
    assert any("us_shopping_days.csv" in m and "line 2" in m and "online_spend_usd_bn" in m for m in messages)


def test_command_line_exit_status(tmp_path, capsys):
    assert validate_data.main([str(DATA_DIR)]) == 0
    copy = _broken_copy(tmp_path, "singles_day_gmv.csv", 2, "year", "last year")
    assert validate_data.main([str(copy)]) == 1
    assert "singles_day_gmv.csv, line 2, field 'year'" in capsys.readouterr().err


def test_cite_gives_publisher_and_year():
    line = data.cite("chinadaily-2011-11-12", DATA_DIR)
    assert line == "China Daily, 2011"
