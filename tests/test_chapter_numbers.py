"""The numbers each chapter page quotes: all from its chapter's ``chapter_numbers()``, all usable.

A page's text pastes numbers with ``{glue:text}`name:.1f``; the page's hidden first cell glues
``chNN.chapter_numbers()`` through :func:`seckill.pages.glue_numbers`, and no hidden cell does
more than a few lines of work. Spot checks recompute some values straight from the CSV files in
``data/`` with pandas, without going through the package.
"""

from __future__ import annotations

import ast
import functools
import importlib
import math
import re
import sys
import types
from numbers import Real
from pathlib import Path

import pandas as pd
import pytest

from seckill import pages

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
DATA = ROOT / "data"
CHAPTER_PAGES = sorted(BOOK.glob("[0-9][0-9]-*.md"))
MAX_HIDDEN_CELL_LINES = 15


def chapter_of(page: Path) -> str:
    """``book/07-environment.md`` -> ``ch07``."""
    return "ch" + page.name[:2]


@functools.cache
def numbers_of(chapter: str) -> dict:
    return importlib.import_module(f"seckill.chapters.{chapter}").chapter_numbers()


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv")


# --------------------------------------------------------------------------- reading the pages

# Roles: {glue}`key`, {glue:text}`key:.1f`, {glue:any}`doc::key` ...; directives: ```{glue:figure} key
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`(?:[^`]*?::)?([A-Za-z_]\w*)[^`]*`")
GLUE_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{glue(?::\w+)?\}\s+(?:\S*?::)?([A-Za-z_]\w*)", re.M)
CODE_CELL = re.compile(r"^(?P<fence>`{3,})\{code-cell\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def glue_keys(text: str) -> set[str]:
    """Every glue name the page's text uses."""
    return set(GLUE_ROLE.findall(text)) | set(GLUE_DIRECTIVE.findall(text))


def code_cells(text: str) -> list[tuple[set[str], str]]:
    """Each code cell of a MyST page as (tags, code), in page order."""
    cells = []
    for match in CODE_CELL.finditer(text):
        lines = match.group("body").split("\n")
        options: list[str] = []
        if lines and lines[0].strip() == "---":  # options as a YAML block
            end = lines.index("---", 1)
            options, lines = lines[1:end], lines[end + 1 :]
        else:  # options as ":key: value" lines
            while lines and lines[0].startswith(":"):
                options.append(lines.pop(0))
        tags: set[str] = set()
        for option in options:
            found = re.match(r"\s*:?tags:?\s*\[(.*)\]", option)
            if found:
                tags |= {tag.strip().strip("'\"") for tag in found.group(1).split(",") if tag.strip()}
        cells.append((tags, "\n".join(lines)))
    return cells


def non_blank_lines(code: str) -> int:
    return sum(1 for line in code.splitlines() if line.strip())


def glue_numbers_argument(code: str) -> str | None:
    """The chapter whose ``chapter_numbers()`` the code hands to ``pages.glue_numbers``, if any."""
    for node in ast.walk(ast.parse(code)):
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == "pages.glue_numbers"
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Call)
            and not node.args[0].args
        ):
            called = ast.unparse(node.args[0].func)
            found = re.fullmatch(r"(ch\d\d)\.chapter_numbers", called)
            if found:
                return found.group(1)
    return None


def test_the_page_readers_see_what_the_pages_hold():
    """The parsers find a known role, directive, hidden cell and glue call (so the tests can fail)."""
    text = (
        "Sales rose {glue:text}`gmv_2019_rmb_bn:,.1f` and {glue}`plain` and {glue:any}`other::x`.\n"
        "```{glue:figure} a_figure\n```\n"
        "```{code-cell} ipython3\n:tags: [remove-cell]\n\nfrom seckill import pages\n\n"
        "pages.glue_numbers(ch05.chapter_numbers())\n```\n"
        "````{code-cell} ipython3\n---\ntags: [remove-input, hide-output]\n---\nch05.chart()\n````\n"
    )
    assert glue_keys(text) == {"gmv_2019_rmb_bn", "plain", "x", "a_figure"}
    cells = code_cells(text)
    assert [tags for tags, _ in cells] == [{"remove-cell"}, {"remove-input", "hide-output"}]
    assert non_blank_lines(cells[0][1]) == 2
    assert glue_numbers_argument(cells[0][1]) == "ch05"
    assert glue_numbers_argument("pages.glue_numbers(numbers)") is None
    assert glue_numbers_argument("pages.glue_numbers(ch05.growth_table())") is None


# --------------------------------------------------------------------------- (1) names, (2) values


def test_there_is_a_page_for_every_chapter():
    assert [chapter_of(page) for page in CHAPTER_PAGES] == [f"ch{n:02d}" for n in range(1, 10)]


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.name)
def test_every_name_the_text_glues_comes_from_chapter_numbers(page):
    used = glue_keys(page.read_text(encoding="utf-8"))
    assert used, f"{page.name} quotes no glued numbers: the page reader may be broken"
    missing = used - set(numbers_of(chapter_of(page)))
    assert not missing, (
        f"{page.name} uses glue names {chapter_of(page)}.chapter_numbers() lacks: {sorted(missing)}"
    )


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.name)
def test_every_value_is_a_finite_number_or_a_text(page):
    numbers = numbers_of(chapter_of(page))
    assert numbers
    for name, value in numbers.items():
        assert isinstance(name, str) and name.isidentifier(), name
        if isinstance(value, str):
            assert value.strip(), f"{name} is an empty text"
        else:
            assert isinstance(value, Real) and not isinstance(value, bool), f"{name} = {value!r}"
            # A numpy scalar is a Real too, but MyST-NB cannot format its text/plain form
            # ('np.float64(0.6)') and the build stops: only Python's own int and float are glued.
            assert type(value) in (int, float), f"{name} = {value!r} is a {type(value).__name__}"
            assert math.isfinite(value), f"{name} = {value!r}"


# --------------------------------------------------------------------------- (3) the hidden cells


@pytest.mark.parametrize("page", sorted(BOOK.glob("*.md")), ids=lambda p: p.name)
def test_no_hidden_cell_is_longer_than_a_few_lines(page):
    for tags, code in code_cells(page.read_text(encoding="utf-8")):
        if "remove-cell" in tags:
            lines = non_blank_lines(code)
            assert lines <= MAX_HIDDEN_CELL_LINES, (
                f"{page.name}: a hidden cell of {lines} lines; compute its numbers in chapter_numbers()"
            )


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.name)
def test_the_first_cell_glues_the_chapters_numbers_and_nothing_else_glues(page):
    cells = code_cells(page.read_text(encoding="utf-8"))
    tags, first = cells[0]
    assert "remove-cell" in tags, f"{page.name}: the first cell should be hidden"
    assert glue_numbers_argument(first) == chapter_of(page), (
        f"{page.name}: the first cell should call pages.glue_numbers({chapter_of(page)}.chapter_numbers())"
    )
    assert "from seckill import pages" in first
    for _tags, code in cells:
        assert "myst_nb" not in code and not re.search(r"(?<![.\w])glue\(", code), (
            f"{page.name}: a cell glues on its own; put the number in chapter_numbers()"
        )


# --------------------------------------------------------------------------- (4) from the raw data


def test_chapter_1_numbers_agree_with_the_csv_files():
    numbers = numbers_of("ch01")
    gmv = csv("singles_day_gmv")
    alibaba = gmv[(gmv["platform"] == "Alibaba") & gmv["headline"]].set_index("year")["gmv_rmb_bn"]
    assert numbers["gmv_2019_rmb_bn"] == pytest.approx(alibaba[2019])
    assert numbers["cagr_2014_2019_pct"] == pytest.approx(
        100 * ((alibaba[2019] / alibaba[2014]) ** (1 / 5) - 1)
    )
    assert numbers["doubling_2014_2019_years"] == pytest.approx(
        math.log(2) / math.log(1 + numbers["cagr_2014_2019_pct"] / 100)
    )
    retail = csv("retail_sales")
    total = retail[retail["measure"] == "total_retail_sales_consumer_goods"].set_index("year")["value_rmb_bn"]
    assert numbers["total_retail_2019_rmb_tn"] == pytest.approx(total[2019] / 1000)
    assert numbers["sd_share_of_retail_2019_pct"] == pytest.approx(100 * alibaba[2019] / total[2019])
    assert numbers["wall_ratio"] == pytest.approx(total[2021] / alibaba[2021])
    market = csv("live_commerce_market_size")
    full_2020 = market[
        (market["currency"] == "RMB") & (market["year"] == 2020) & (market["period"] == "full year")
    ]
    assert numbers["market_2020_n_estimates"] == len(full_2020) > 1
    assert numbers["market_2020_high_rmb_bn"] == pytest.approx(full_2020["value"].max())
    cnnic = csv("cnnic_users").set_index("survey_date")
    assert numbers["viewers_2022_06_m"] == pytest.approx(cnnic.loc["2022-06", "livestream_ecommerce_users_m"])


def test_chapter_2_numbers_agree_with_the_csv_files():
    numbers = numbers_of("ch02")
    records = csv("live_sale_records")
    lipstick = records[(records["event"] == "Lipstick sales record") & (records["metric"] == "units_sold")]
    fastest = lipstick.sort_values("duration_min").iloc[0]
    assert numbers["lipstick_units"] == pytest.approx(fastest["value"])
    assert numbers["lipstick_fast_rate"] == pytest.approx(fastest["value"] / (fastest["duration_min"] * 60))
    by_id = records.set_index("record_id")
    products = by_id.loc["li-2021-presale-products"]
    assert numbers["products_2021"] == pytest.approx(float(products["value"]))
    assert numbers["minutes_per_product_2021"] == pytest.approx(
        products["duration_min"] / float(products["value"])
    )
    assert numbers["alibaba_peak_orders"] == pytest.approx(
        float(by_id.loc["alibaba-2019-sd-peak-orders", "value"])
    )
    jiemian = by_id.loc["li-2021-presale-sales-jiemian"]
    assert numbers["li_2021_sales_per_hour_rmb_m"] == pytest.approx(
        1000 * float(jiemian["value"]) / (jiemian["duration_min"] / 60)
    )


def test_chapter_5_numbers_agree_with_the_csv_files():
    numbers = numbers_of("ch05")
    events = csv("regulation_events")
    assert numbers["n_events"] == len(events)
    dates = pd.to_datetime(events["date"])
    assert numbers["n_2021"] == int((dates.dt.year == 2021).sum())
    by_event = events.set_index("event")
    adopted = pd.Timestamp(by_event.loc["E-Commerce Law adopted", "date"])
    assert numbers["law_adopted"] == f"{adopted.day} {adopted.month_name()} {adopted.year}"
    alibaba = by_event.loc["Alibaba fined 18.2 bn yuan"]
    assert numbers["alibaba_fine_share_pct"] == pytest.approx(
        100 * alibaba["amount_rmb_bn"] / alibaba["fine_basis_rmb_bn"]
    )
    complaints = csv("live_commerce_complaints").set_index("year")
    assert numbers["complaints_2024_n"] == complaints.loc[2024, "complaints"]


def test_chapter_6_numbers_agree_with_the_csv_files():
    numbers = numbers_of("ch06")
    shares = csv("household_consumption_share")
    china = shares[shares["economy_code"] == "chn"].dropna(subset=["household_consumption_pct_gdp"])
    latest = china.sort_values("year").iloc[-1]
    assert numbers["base_year"] == latest["year"]
    assert numbers["china_wb"] == pytest.approx(latest["household_consumption_pct_gdp"])
    campaigns = csv("consumption_campaigns")
    hangzhou = campaigns[campaigns["campaign"] == "Hangzhou vouchers, first four rounds"]
    subsidy = hangzhou[hangzhou["measure"].str.startswith("government subsidy")]["value_rmb_bn"].iloc[0]
    spending = hangzhou[hangzhou["measure"].str.startswith("spending")]["value_rmb_bn"].iloc[0]
    assert numbers["hangzhou_ratio"] == pytest.approx(spending / subsidy)
    vintages = csv("gdp_growth_vintages")
    prelim = vintages[(vintages["year"] == 2020) & (vintages["estimate"] == "preliminary")]["gdp_growth_pct"]
    assert numbers["gdp_2020_prelim"] == pytest.approx(prelim.iloc[0])


def test_chapter_7_numbers_agree_with_the_csv_files():
    numbers = numbers_of("ch07")
    parcels = csv("express_parcels")
    headline = parcels[parcels["headline"]].set_index("year")["parcels_bn"]
    assert numbers["parcels_last_bn"] == pytest.approx(headline[headline.index.max()])
    assert numbers["parcels_ratio_2024_2018"] == pytest.approx(headline[2024] / headline[2018])
    co2 = csv("co2_emissions")
    china = co2[co2["economy_code"] == "chn"].set_index("year")
    year = int(co2.dropna(subset=["co2_consumption_mt"])["year"].max())
    assert numbers["pp_chn_cons"] == pytest.approx(china.loc[year, "co2_consumption_t_per_person"])
    assert numbers["chn_cons_share_pct"] == pytest.approx(
        100 * china.loc[year, "co2_consumption_mt"] / china.loc[year, "co2_territorial_mt"]
    )
    footprint = csv("material_footprint")
    last = footprint[footprint["year"] == footprint["year"].max()].set_index("economy_code")
    assert numbers["mf_chn_wld_ratio"] == pytest.approx(
        last.loc["chn", "material_footprint_t_per_person"]
        / last.loc["wld", "material_footprint_t_per_person"]
    )
    budgets = csv("carbon_budgets")
    ar6 = budgets[(budgets["estimate"] == "IPCC AR6 WG1") & (budgets["probability_pct"] == 50)]
    assert numbers["ar6_budget_gt"] == pytest.approx(ar6["budget_gtco2"].iloc[0])


# --------------------------------------------------------------------------- (5) glue_numbers


@pytest.fixture
def glued(monkeypatch) -> dict:
    """A stand-in for MyST-NB: ``glue`` records what it is given, so no book build is needed."""
    calls: dict = {}
    fake = types.ModuleType("myst_nb")

    def glue(name, value, display=True):
        assert display is False
        calls[name] = value

    fake.glue = glue
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    return calls


@pytest.mark.parametrize("bad", [float("nan"), math.inf, -math.inf, None, True, "", "  "])
def test_glue_numbers_rejects_what_cannot_be_quoted(glued, bad):
    with pytest.raises(ValueError, match="broken"):
        pages.glue_numbers({"fine": 1.5, "broken": bad})
    assert glued == {}, "nothing is glued when one value is bad"


def test_glue_numbers_glues_numbers_and_texts_and_returns_them(glued):
    numbers = {"share_pct": 12.5, "count": 3, "date": "31 August 2018"}
    assert pages.glue_numbers(numbers) is numbers
    assert glued == numbers
    assert isinstance(glued["count"], int)
    assert repr(glued["date"]) == "31 August 2018", "texts are glued without quotes"
