"""A plain ``jupyter-book build .`` never publishes a stale page (sitebuild/freshness.py).

One copy of the book, cut down to Chapter 1's page and notebook plus two pages without code, is
built once and then edited and rebuilt step by step; each test checks one step's build. A page
re-runs when its own code, the data or the package changed, and only then.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests import book_copy
from tests.site_check import chart_specs

pytestmark = pytest.mark.build

CHAPTER = {"book/01-buy-it.md", "notebooks/01-buy-it.ipynb"}
SMALL_TOC = """\
format: jb-book
root: book/index
chapters:
- file: book/01-buy-it
  sections:
  - file: notebooks/01-buy-it
- file: book/glossary
- file: book/status
"""
# Tmall's 2010 Singles' Day sales, which Chapter 1's charts and tables show; the edited value
# appears nowhere in the chapter before the edit.
CSV = "data/singles_day_gmv.csv"
OLD_ROW, NEW_ROW = "2010,Alibaba,0.936,", "2010,Alibaba,0.947,"
OLD_VALUE, NEW_VALUE = "0.936", "0.947"
STUDENT = ("--config", "_config.student.yml", "--path-output", "_build/student")
# The stylesheet a page's first paint waits for (sitebuild/stylesheets.py), named by its content.
BUNDLE_LINK = re.compile(
    r'<link rel="stylesheet" href="([^"]*_static/styles/first-paint\.[0-9a-f]{12}\.css)"'
)
ADDED_RULE = ".seckill-chart { outline-offset: 1px; }"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _chart_values(site: Path, page: str) -> str:
    """Every chart spec on the page, as one JSON text."""
    return json.dumps(chart_specs(site / page))


def _chapter_pages(site: Path) -> dict[str, str]:
    return {
        page: (site / page).read_text(encoding="utf-8")
        for page in ("book/01-buy-it.html", "notebooks/01-buy-it.html")
    }


class Step:
    def __init__(self, work: Path, *args: str):
        started = time.perf_counter()
        self.log, self.executed = book_copy.build(work, *args)
        self.seconds = time.perf_counter() - started
        site = work / ("_build/student/_build/html" if args else "_build/html")
        self.pages = _chapter_pages(site)
        self.charts = {name: _chart_values(site, name) for name in self.pages}
        self.static_css = (site / "_static" / "seckill.css").read_text(encoding="utf-8")
        self.bundles = {
            name: BUNDLE_LINK.search(page).group(1).lstrip("./") for name, page in self.pages.items()
        }
        self.bundle_css = {
            name: (site / bundle).read_text(encoding="utf-8") for name, bundle in self.bundles.items()
        }
        self.page_notebook = (site / "_sources" / "book" / "01-buy-it.ipynb").read_bytes()


@pytest.fixture(scope="module")
def steps(tmp_path_factory) -> dict[str, Step]:
    work = tmp_path_factory.mktemp("fresh-builds")
    book_copy.copy_checkout(work)
    (work / "_toc.yml").write_text(SMALL_TOC, encoding="utf-8")
    steps = {"clean": Step(work), "unchanged": Step(work)}
    steps["student, clean"] = Step(work, *STUDENT)

    _edit(work / CSV, OLD_ROW, NEW_ROW)
    steps["csv edited"] = Step(work)
    steps["student, csv edited"] = Step(work, *STUDENT)

    css = work / "sitebuild" / "web" / "seckill.css"
    css.write_text(
        css.read_text(encoding="utf-8") + f"\n/* a rule added */\n{ADDED_RULE}\n", encoding="utf-8"
    )
    steps["sitebuild edited"] = Step(work)
    steps["sitebuild edited"].css_in_checkout = css.read_text(encoding="utf-8")

    notebook = work / "notebooks" / "01-buy-it.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in content["cells"] if c["cell_type"] == "code")
    cell["source"] = [*cell["source"], "\n# an edit to the notebook's code"]
    notebook.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    steps["notebook edited"] = Step(work)
    return steps


def test_a_clean_build_runs_each_page_with_code(steps):
    assert steps["clean"].executed == CHAPTER
    assert steps["student, clean"].executed == CHAPTER
    for name, page in steps["clean"].pages.items():
        assert OLD_VALUE in steps["clean"].charts[name] and NEW_VALUE not in page


def test_a_rebuild_with_nothing_changed_runs_and_reads_nothing(steps):
    assert steps["unchanged"].executed == set()
    assert "0 added, 0 changed, 0 removed" in steps["unchanged"].log


@pytest.mark.parametrize("edition", ["csv edited", "student, csv edited"])
def test_an_edited_csv_value_reaches_every_chart_and_table_that_shows_it(steps, edition):
    step = steps[edition]
    assert step.executed == CHAPTER
    for name, page in step.pages.items():
        charts = step.charts[name]
        assert NEW_VALUE in charts, f"{name}: the chart spec lacks the new value"
        assert f'<td class="seckill-num">{NEW_VALUE}</td>' in page, f"{name}: its table lacks it"
        assert OLD_VALUE not in page, f"{name} still shows the old value"


def test_an_edited_build_script_or_style_rereads_pages_without_running_them(steps):
    step = steps["sitebuild edited"]
    assert step.executed == set()
    assert "[config changed ('seckill_page_inputs')]" in step.log
    assert step.static_css == step.css_in_checkout
    # Pages ask for their first-paint stylesheet by a name made from its content, so browsers
    # fetch the new one, and it holds the added rule (for an element every chapter has).
    for name in step.pages:
        assert step.bundles[name] != steps["clean"].bundles[name], name
        assert "outline-offset: 1px" in step.bundle_css[name], name
        assert "outline-offset: 1px" not in steps["clean"].bundle_css[name], name


def test_a_pages_notebook_download_is_the_same_whether_it_ran_or_came_from_the_cache(steps):
    # The clean build ran Chapter 1's page; after the edit to sitebuild/ it came from the cache.
    assert steps["sitebuild edited"].page_notebook == steps["clean"].page_notebook


def test_an_edited_notebook_runs_that_notebook_only(steps):
    assert steps["notebook edited"].executed == {"notebooks/01-buy-it.ipynb"}
