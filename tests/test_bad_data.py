"""A broken data package stops the loader, the validator and the book build, naming what is wrong.

Each case breaks a copy of ``data/`` in one way (the real folder is never touched) and shows that

- the validator (:func:`seckill.validate_data.problems`) reports it, naming the file, and the line
  and field where there is one;
- the loader (:func:`seckill.data.load`), which notebooks on Binder and Colab use, refuses the
  table with the same message (for breakages of one table rather than of the package as a whole);
- the book build stops with that message and leaves no page behind: a real Sphinx application
  with the book's extension (``sitebuild.sphinxext``) runs on a one-page project that holds the
  broken copy, with a page of an "earlier build" planted in its output folder;
- and, for a few representative cases (marked ``build``), ``jupyter-book build`` of a copy of the
  whole book (its real ``_config.yml``, ``_toc.yml``, pages and notebooks) stops the same way.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from seckill import data, validate_data
from seckill.charts.render import BUILD_ENV_VAR
from sitebuild import builds

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


# Editing a copy --------------------------------------------------------------------------------


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def line_of(file_name: str, **match: str) -> int:
    """The CSV line (header = 1) of the first row of the real table whose cells equal ``match``."""
    rows = _rows(DATA_DIR / file_name)
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return number
    raise AssertionError(f"no row of {file_name} matches {match}")


def set_cell(file_name: str, line: int, field_name: str, value: str):
    def breaker(data_dir: Path) -> None:
        rows = _rows(data_dir / file_name)
        rows[line - 1][rows[0].index(field_name)] = value
        _write_rows(data_dir / file_name, rows)

    return breaker


def edit_text(file_name: str, change):
    def breaker(data_dir: Path) -> None:
        path = data_dir / file_name
        path.write_bytes(change(path.read_bytes()))

    return breaker


def edit_lines(file_name: str, change):
    """Apply ``change`` to the file's list of lines (without line ends)."""

    def breaker(data_dir: Path) -> None:
        path = data_dir / file_name
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(change(lines)), encoding="utf-8")

    return breaker


def edit_descriptor(change):
    def breaker(data_dir: Path) -> None:
        path = data_dir / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")

    return breaker


def schema_field(descriptor: dict, resource: str, name: str) -> dict:
    fields = next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]["fields"]
    return next(f for f in fields if f["name"] == name)


def duplicate_line(line: int):
    return lambda lines: lines[:line] + [lines[line - 1]] + lines[line:]


def drop_lines(predicate):
    return lambda lines: [line for line in lines if not predicate(line)]


# The cases -------------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    breaks: object  # a function of the copied data folder
    expected: list[str]  # the message names all of these (file; line and field where there are)
    loads: str | None  # the table the loader must refuse; None for a problem of the package as a whole
    extra: dict = field(default_factory=dict)


PARCELS_2016 = line_of("express_parcels.csv", year="2016")
PARCELS_2024 = line_of("express_parcels.csv", year="2024")
GMV_2016 = line_of("singles_day_gmv.csv", year="2016", platform="Alibaba")
JD_2019 = line_of("singles_day_gmv.csv", year="2019", platform="JD.com")
CHINA_2016 = line_of("population.csv", year="2016", economy_code="chn")
POLICY_CAMPAIGN = line_of("consumption_campaigns.csv", kind="policy")
SOURCE_OF_LINE_2 = _rows(DATA_DIR / "sources.csv")[1][0]

CASES = [
    Case(
        "negative value",
        set_cell("express_parcels.csv", PARCELS_2016, "parcels_bn", "-31.35"),
        ["express_parcels.csv", f"line {PARCELS_2016}", "field 'parcels_bn'", "below the minimum 0"],
        "express_parcels",
    ),
    Case(
        "NaN in a number",
        set_cell("singles_day_gmv.csv", GMV_2016, "gmv_rmb_bn", "NaN"),
        ["singles_day_gmv.csv", f"line {GMV_2016}", "field 'gmv_rmb_bn'", "not a finite number"],
        "singles_day_gmv",
    ),
    Case(
        "infinity in a number",
        set_cell("retail_sales.csv", 3, "value_rmb_bn", "inf"),
        ["retail_sales.csv", "line 3", "field 'value_rmb_bn'", "not a finite number"],
        "retail_sales",
    ),
    Case(
        "share above 100 %",
        set_cell("cnnic_users.csv", 2, "share_of_internet_users_pct", "129.31"),
        ["cnnic_users.csv", "line 2", "field 'share_of_internet_users_pct'", "above the maximum 100"],
        "cnnic_users",
    ),
    Case(
        "implausible year",
        set_cell("taobao_villages.csv", 2, "year", "1850"),
        ["taobao_villages.csv", "line 2", "field 'year'", "below the minimum 1950"],
        "taobao_villages",
    ),
    Case(
        "growth below -100 %",
        set_cell("us_shopping_days.csv", 3, "yoy_pct", "-122"),
        ["us_shopping_days.csv", "line 3", "field 'yoy_pct'", "below the minimum -100"],
        "us_shopping_days",
    ),
    Case(
        "duplicated row",
        edit_lines("express_parcels.csv", duplicate_line(PARCELS_2016)),
        ["express_parcels.csv", f"line {PARCELS_2016 + 1}", "primary key (year, source_id)"],
        "express_parcels",
    ),
    Case(
        "second headline row for a year",
        set_cell("singles_day_gmv.csv", JD_2019, "headline", "true"),
        ["singles_day_gmv.csv", f"line {JD_2019}", "field 'headline'", "a second row with headline = True"],
        "singles_day_gmv",
    ),
    Case(
        "no headline row for a year",
        set_cell("express_parcels.csv", PARCELS_2016, "headline", "false"),
        ["express_parcels.csv", f"line {PARCELS_2016}", "field 'headline'", "(year) = (2016) has headline"],
        "express_parcels",
    ),
    Case(
        "unknown source id",
        set_cell("cnnic_users.csv", 2, "source_id", "no-such-source"),
        ["cnnic_users.csv", "line 2", "field 'source_id'", "'no-such-source' is not in sources.csv"],
        "cnnic_users",
    ),
    Case(
        "value outside its enum",
        set_cell("live_commerce_market_size.csv", 3, "currency", "EUR"),
        ["live_commerce_market_size.csv", "line 3", "field 'currency'", "'EUR' is not one of"],
        "live_commerce_market_size",
    ),
    Case(
        "text in an integer field",
        set_cell("retail_sales.csv", 5, "year", "20x9"),
        ["retail_sales.csv", "line 5", "field 'year'", "'20x9' is not a valid integer"],
        "retail_sales",
    ),
    Case(
        "required cell empty",
        set_cell("us_shopping_days.csv", 2, "online_spend_usd_bn", ""),
        ["us_shopping_days.csv", "line 2", "field 'online_spend_usd_bn'", "a value is required"],
        "us_shopping_days",
    ),
    Case(
        "date breaking its pattern",
        set_cell("regulation_events.csv", 2, "date", "21 March 2021"),
        ["regulation_events.csv", "line 2", "field 'date'", "does not match the pattern"],
        "regulation_events",
    ),
    Case(
        "impossible date",
        set_cell("sources.csv", 2, "accessed", "2024-02-30"),
        ["sources.csv", "line 2", "field 'accessed'", "not a valid date"],
        "sources",
    ),
    Case(
        "source URL not http(s)",
        set_cell("sources.csv", 3, "url", "ftp://example.org/report.pdf"),
        ["sources.csv", "line 3", "field 'url'", "does not match the pattern"],
        "sources",
    ),
    Case(
        "duplicate source id",
        set_cell("sources.csv", 3, "source_id", SOURCE_OF_LINE_2),
        ["sources.csv", "line 3", "field 'source_id'", "is already on line 2"],
        "sources",
    ),
    Case(
        "label longer than a chart can show",
        set_cell("regulation_events.csv", 2, "event", "An event name far too long for the timeline's labels"),
        ["regulation_events.csv", "line 2", "field 'event'", "longer than 38 characters"],
        "regulation_events",
    ),
    Case(
        "boolean that is not true or false",
        set_cell("express_parcels.csv", 2, "headline", "yes"),
        ["express_parcels.csv", "line 2", "field 'headline'", "'yes' is not a valid boolean"],
        "express_parcels",
    ),
    Case(
        "row rule: duplicated row with an empty key cell",
        edit_lines("consumption_campaigns.csv", duplicate_line(POLICY_CAMPAIGN)),
        ["consumption_campaigns.csv", f"line {POLICY_CAMPAIGN + 1}", "(start_date, campaign, measure)"],
        "consumption_campaigns",
    ),
    Case(
        "a year missing from the population table (one economy)",
        edit_lines("population.csv", drop_lines(lambda line: line.startswith("2016,chn,"))),
        ["population.csv", "field 'year'", "no row for 2016 with (economy_code) = ('chn')"],
        "population",
    ),
    Case(
        "the latest year missing from the population table",
        edit_lines("population.csv", drop_lines(lambda line: line.startswith("2024,"))),
        ["express_parcels.csv", f"line {PARCELS_2024}", "field 'year'", "(2024) is not in population.csv"],
        "express_parcels",
    ),
    Case(
        "empty file",
        edit_text("gdp_growth_vintages.csv", lambda raw: b""),
        ["gdp_growth_vintages.csv: the file is empty"],
        "gdp_growth_vintages",
    ),
    Case(
        "header only",
        edit_text("carbon_budgets.csv", lambda raw: raw.split(b"\n")[0] + b"\n"),
        ["carbon_budgets.csv: the file has a header but no rows of data"],
        "carbon_budgets",
    ),
    Case(
        "UTF-8 byte-order mark",
        edit_text("wage_benchmarks.csv", lambda raw: b"\xef\xbb\xbf" + raw),
        ["wage_benchmarks.csv, line 1", "byte-order mark"],
        "wage_benchmarks",
    ),
    Case(
        "a byte that is not UTF-8",
        edit_text("streamer_counts.csv", lambda raw: raw.replace(b"hosts active", b"h\xe9tes active", 1)),
        ["streamer_counts.csv, line 2", "byte 0xe9 is not UTF-8"],
        "streamer_counts",
    ),
    Case(
        "blank line",
        edit_lines("live_sale_records.csv", lambda lines: lines[:3] + [""] + lines[3:]),
        ["live_sale_records.csv, line 4", "the line is blank"],
        "live_sale_records",
    ),
    Case(
        "a row with an extra cell",
        edit_lines("gdp_growth_vintages.csv", lambda lines: [*lines[:2], lines[2] + ",extra", *lines[3:]]),
        ["gdp_growth_vintages.csv, line 3", "expected 8 cells, found 9"],
        "gdp_growth_vintages",
    ),
    Case(
        "renamed column",
        edit_lines("retail_sales.csv", lambda lines: [lines[0].replace("value_rmb_bn", "value"), *lines[1:]]),
        ["retail_sales.csv, line 1", "does not match the schema fields"],
        "retail_sales",
    ),
    Case(
        "described file missing",
        lambda data_dir: (data_dir / "taobao_villages.csv").unlink(),
        ["taobao_villages.csv: the file does not exist"],
        "taobao_villages",
    ),
    Case(
        "CSV the package does not describe",
        lambda data_dir: shutil.copy(data_dir / "population.csv", data_dir / "population_2025.csv"),
        ["population_2025.csv", "datapackage.json does not describe it"],
        None,
    ),
    Case(
        "broken JSON",
        edit_text("datapackage.json", lambda raw: raw.replace(b'"resources": [', b'"resources" [', 1)),
        ["datapackage.json, line", "not valid JSON"],
        "sources",
    ),
    Case(
        "schema constraint the loader would ignore",
        edit_descriptor(
            lambda d: schema_field(d, "taobao_villages", "villages")["constraints"].update(exclusiveMinimum=0)
        ),
        ["datapackage.json, resource 'taobao_villages', field 'villages'", "exclusiveMinimum"],
        "taobao_villages",
    ),
]


@pytest.fixture(params=CASES, ids=[case.id for case in CASES])
def case(request) -> Case:
    return request.param


def broken_book(tmp_path: Path, case: Case) -> Path:
    """A one-page project holding a broken copy of the data package as ``data/``."""
    project = tmp_path / "book"
    shutil.copytree(DATA_DIR, project / "data")
    case.breaks(project / "data")
    (project / "conf.py").write_text('extensions = ["sitebuild.sphinxext"]\nroot_doc = "index"\n')
    (project / "index.rst").write_text("One page\n========\n\nText.\n")
    return project


def names_all(message: str, expected: list[str]) -> bool:
    return all(part in message for part in expected)


def test_there_are_at_least_twenty_distinct_breakages():
    assert len({case.id for case in CASES}) == len(CASES) >= 20


def test_the_real_data_package_passes_every_check():
    """The counterpart of every case below: without the breakage, nothing is reported."""
    assert validate_data.problems(DATA_DIR) == []


def test_the_validator_names_the_file_line_and_field(tmp_path, case):
    project = broken_book(tmp_path, case)
    found = validate_data.problems(project / "data")
    assert any(names_all(message, case.expected) for message in found), found


def test_the_loader_refuses_the_table_with_the_same_message(tmp_path, case):
    if case.loads is None:
        pytest.skip("a problem of the package as a whole, not of a table the loader reads")
    project = broken_book(tmp_path, case)
    with pytest.raises(data.DataValidationError) as refused:
        data.load(case.loads, project / "data")
    assert any(names_all(line, case.expected) for line in str(refused.value).splitlines()), refused.value


def _sphinx_build(project: Path, monkeypatch) -> Path:
    """Build ``project`` with a real Sphinx application and the book's extension; return the output."""
    from sphinx.application import Sphinx

    # The extension marks the process as a book build; monkeypatch undoes that after the test (it
    # restores what it set itself, so set the variable first), keeping it out of the other tests.
    monkeypatch.setenv(BUILD_ENV_VAR, "0")
    outdir = project / "_build" / "html"
    app = Sphinx(
        str(project),
        str(project),
        str(outdir),
        str(project / "_build" / ".doctrees"),
        "html",
        status=io.StringIO(),
        warning=io.StringIO(),
        freshenv=True,
    )
    app.build()
    return outdir


def test_the_book_build_stops_with_the_message_and_publishes_nothing(tmp_path, case, monkeypatch):
    from sitebuild.sphinxext import DataPackageError

    project = broken_book(tmp_path, case)
    earlier = project / "_build" / "html"
    earlier.mkdir(parents=True)
    (earlier / "index.html").write_text("<p>a page of an earlier build</p>")
    (earlier / "_static").mkdir()
    with pytest.raises(DataPackageError) as stopped:
        _sphinx_build(project, monkeypatch)
    assert any(names_all(line, case.expected) for line in str(stopped.value).splitlines()), stopped.value
    assert list(earlier.rglob("*")) == [], "a failed build left files in the output folder"


def test_a_valid_copy_builds_and_publishes(tmp_path, monkeypatch):
    """The build the cases above stop: with the data intact the same project is built and published."""
    project = broken_book(tmp_path, Case("intact", lambda data_dir: None, [], None))
    outdir = _sphinx_build(project, monkeypatch)
    assert (outdir / "index.html").is_file()
    assert (outdir / "data" / "datapackage.json").is_file()
    # The build marked this process as a book build; the tests after this one must not see that.
    assert os.environ[BUILD_ENV_VAR] == "1"
    monkeypatch.undo()
    assert os.environ.get(BUILD_ENV_VAR) != "1"


# The real build, end to end, for a few cases ---------------------------------------------------

BOOK_FILES = ["_config.yml", "_toc.yml", "book", "notebooks", "sitebuild"]
END_TO_END = [
    "duplicated row",
    "NaN in a number",
    "UTF-8 byte-order mark",
    "CSV the package does not describe",
]


@pytest.fixture(scope="module")
def whole_book_builds(tmp_path_factory) -> dict[str, tuple[Path, builds.Finished]]:
    """For each case of END_TO_END, ``jupyter-book build`` of a copy of the whole book with that
    breakage and a page of an earlier build in its output folder: (the copy, the build's result).

    The copies are built side by side: each build stops at its first event, so most of its time
    is starting Python, Sphinx and the extensions, which the two cores do two at a time.
    """
    started = {}
    for case_id in END_TO_END:
        case = next(c for c in CASES if c.id == case_id)
        book = tmp_path_factory.mktemp("broken-book") / "book"
        book.mkdir()
        for name in BOOK_FILES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, book / name, ignore=shutil.ignore_patterns("__pycache__", "_build"))
            else:
                shutil.copy2(source, book / name)
        shutil.copytree(DATA_DIR, book / "data")
        case.breaks(book / "data")
        site = book / "_build" / "html"
        site.mkdir(parents=True)
        (site / "index.html").write_text("<p>a page of an earlier build</p>")
        # The log outside the copy's _build, which the test checks is left empty of a site.
        log_file = book.parent / "build.log"
        started[case_id] = (book, builds.Build(case_id, builds.STRICT, cwd=book, log_file=log_file))
    return {case_id: (book, build.wait(timeout=600)) for case_id, (book, build) in started.items()}


@pytest.mark.build
@pytest.mark.parametrize("case_id", END_TO_END)
def test_jupyter_book_build_of_the_whole_book_stops_and_publishes_nothing(whole_book_builds, case_id):
    case = next(c for c in CASES if c.id == case_id)
    book, result = whole_book_builds[case_id]
    log = result.log
    assert result.returncode != 0, log
    assert "The data package has problems; the book was not built" in log
    assert any(names_all(line, case.expected) for line in log.splitlines()), log
    site = book / "_build" / "html"
    assert [p for p in site.rglob("*") if p.is_file()] == [], "a failed build left a site behind"
    assert not (book / "_build" / ".jupyter_cache").exists(), "a notebook was executed"


def test_a_field_that_allows_nan_and_infinity_says_so(tmp_path):
    """The one way past the finite-number check: the field declares it (no field of the book does)."""
    project = broken_book(tmp_path, next(c for c in CASES if c.id == "NaN in a number"))
    edit_descriptor(lambda d: schema_field(d, "singles_day_gmv", "gmv_rmb_bn").update(allowNonFinite=True))(
        project / "data"
    )
    gmv = data.load("singles_day_gmv", project / "data")
    assert gmv["gmv_rmb_bn"].isna().sum() > data.load("singles_day_gmv", DATA_DIR)["gmv_rmb_bn"].isna().sum()
