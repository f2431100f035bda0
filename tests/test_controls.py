"""One declaration per control: the page's Vega control and the notebook's widget are made from it.

Checks the declarations themselves (bad ones are refused with a message naming the control), that a
declaration's two forms agree, that each chapter page's chart and its notebook explorer start from
the same settings with the same bounds and labels, and that the shared explorer wiring turns a
model's ValueError into a message.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import pkgutil
import re
from pathlib import Path

import ipywidgets
import pytest

import seckill
from seckill import controls, data
from seckill.calibrations import carbon_budget, flash_sale_inputs, income_fit
from seckill.chapters import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08
from seckill.charts import render
from seckill.controls import Menu, Slider
from seckill.explorers import cohort, decoupling, explorer, flash_sale, growth, rebalancing, regulation
from seckill.explorers import scenarios as scenario_explorer
from seckill.explorers import value_chain as value_chain_explorer

PACKAGE = Path(seckill.__file__).parent


@pytest.fixture
def in_kernel(monkeypatch):
    """Explorers make widgets (as in Jupyter), not the static book's placeholder."""
    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)


@pytest.fixture
def shown(monkeypatch):
    """What explorers display, in order (the explorer imports ``display`` when it is called)."""
    items: list = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **_kw: items.extend(objs))
    return items


# --------------------------------------------------------------------------- declarations


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Slider("rate", "Rate", "%", 10, 1, 1, 5), "rate: low (10) must be below high (1)"),
        (lambda: Slider("rate", "Rate", "%", 1, 1, 1, 1), "rate: low (1) must be below high (1)"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 0, 5), "rate: step must be positive"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, -1, 5), "rate: step must be positive"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 20, 5), "rate: step 20 is wider than the range"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 1, 11), "rate: starting value 11 is outside 0 to 10"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 1, -1), "rate: starting value -1 is outside 0 to 10"),
        (lambda: Slider("rate", "Rate", "%", 0, math.inf, 1, 1), "rate: high must be a finite number"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 1, math.nan), "rate: default must be a finite number"),
        (lambda: Slider("rate", "Rate", "%", 0, 10, 1, True), "rate: default must be a finite number"),
        (lambda: Slider("rate", "Rate", "%", "0", 10, 1, 5), "rate: low must be a finite number"),
        (lambda: Slider("growth rate", "Rate", "%", 0, 10, 1, 5), "control name 'growth rate'"),
        (lambda: Slider("2rate", "Rate", "%", 0, 10, 1, 5), "control name '2rate'"),
        (lambda: Slider("rate", " ", "%", 0, 10, 1, 5), "rate: a control needs a label"),
        (lambda: Menu("year", "Year", "", (2020, 2021), 2019), "year: starting value 2019 is not among"),
        (lambda: Menu("year", "Year", "", (2020,), 2020), "year: a menu needs at least two options"),
        (lambda: Menu("year", "Year", "", (2020, 2020), 2020), "year: an option appears twice"),
        (lambda: Menu("year", "Year", "", "ab", "a"), "year: options must be a sequence"),
        (lambda: Menu("year", "Year", "", (1, 2), 1, labels=("one",)), "year: 1 labels for 2 options"),
        (lambda: Menu("the year", "Year", "", (1, 2), 1), "control name 'the year'"),
    ],
)
def test_a_bad_declaration_is_refused_with_a_message_naming_the_control(make, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make()


def test_a_starting_value_from_the_data_is_required_before_either_form_is_made():
    later = Slider("orders", "Orders", "", 0, 500, 5, None)
    for make in (later.param, later.widget, lambda: controls.defaults([later])):
        with pytest.raises(ValueError, match="orders"):
            make()
    assert later.starting_at(120).param().param.to_dict()["value"] == 120
    with pytest.raises(ValueError, match="orders: starting value 600 is outside 0 to 500"):
        later.starting_at(600)
    with pytest.raises(ValueError, match="orders: starting value 600 is outside 0 to 500"):
        later.param(600)
    with pytest.raises(ValueError, match="orders: starting value 600 is outside 0 to 500"):
        later.widget(600)
    menu = Menu("year", "Year", "", (2020, 2021), 2020)
    with pytest.raises(ValueError, match="year: starting value 2019"):
        menu.starting_at(2019)
    with pytest.raises(ValueError, match="year: starting value 2019"):
        menu.widget(2019)


def test_defaults_are_the_starting_values_by_name_and_names_must_differ():
    a = Slider("a", "A", "", 0, 10, 1, 3)
    b = Menu("b", "B", "", ("x", "y"), "y")
    assert controls.defaults([a, b]) == {"a": 3, "b": "y"}
    with pytest.raises(ValueError, match="two controls share a name"):
        controls.defaults([a, dataclasses.replace(a, default=4)])


def test_the_label_reads_label_unit_and_note_leaving_out_empty_parts():
    assert Slider("a", "Viewers who order", "% a minute", 0, 1, 0.1, 1, note="assumption").text == (
        "Viewers who order, % a minute (assumption)"
    )
    assert Slider("a", "Items sold", "", 0, 1, 0.1, 1, note="assumption").text == "Items sold (assumption)"
    assert Slider("a", "Price", "yuan", 0, 1, 0.1, 1).text == "Price, yuan"
    assert Menu("a", "Start the curve in", "", (1, 2), 1).text == "Start the curve in"


def _module_controls() -> list[tuple[str, Slider | Menu]]:
    """Every control declared at module level in the package, alone or in a tuple or dict (once each,
    under the first name it is found by: a chapter importing a shared control does not repeat it)."""
    found, seen = [], set()
    for info in pkgutil.walk_packages(seckill.__path__, "seckill."):
        module = importlib.import_module(info.name)
        for attribute, value in vars(module).items():
            if isinstance(value, dict):
                candidates = [(f"{attribute}[{key}]", item) for key, item in value.items()]
            elif isinstance(value, tuple):
                candidates = [(f"{attribute}[{i}]", item) for i, item in enumerate(value)]
            else:
                candidates = [(attribute, value)]
            for name, candidate in candidates:
                if isinstance(candidate, Slider | Menu) and id(candidate) not in seen:
                    seen.add(id(candidate))
                    found.append((f"{info.name}.{name}", candidate))
    return found


DECLARED = _module_controls()


def _option_values(dropdown: ipywidgets.Dropdown) -> list:
    """A drop-down's values, whether its options are plain values or (label, value) pairs."""
    return [option[1] if isinstance(option, tuple) else option for option in dropdown.options]


EXAMPLES = [
    ("integers", Slider("n", "Sessions", "", 10, 2000, 10, 500)),
    ("a float step", Slider("x", "Rate", "% a year", -3, 6, 0.1, 2.2, note="scenario")),
    ("a float start", Slider("x", "Price", "yuan", 10, 500, 1, 99.0)),
    ("a start with many decimals", Slider("x", "Growth", "%", 0, 10, 0.5, 1 / 3)),
    ("a menu", Menu("m", "Link open for", "minutes", (2, 5, 10), 5, note="assumption")),
    ("a labelled menu", Menu("m", "Budget", "", (50, 67), 67, labels=("50 % chance", "67 % chance"))),
]


def test_the_package_declares_its_controls():
    names = {name for name, _control in DECLARED}
    # One from each floor that declares controls.
    assert "seckill.calibrations.flash_sale_inputs.AUDIENCE_M" in names
    assert "seckill.chapters.ch01.GROWTH_PCT" in names
    assert "seckill.explorers.flash_sale.SESSIONS" in names
    assert len(DECLARED) >= 60


@pytest.mark.parametrize(
    "control",
    [control for _name, control in DECLARED] + [control for _name, control in EXAMPLES],
    ids=[name for name, _control in DECLARED] + [name for name, _control in EXAMPLES],
)
def test_the_vega_param_and_the_widget_agree(control):
    if control.default is None:  # a start from the data: any value inside the bounds will do
        control = control.starting_at(control.low)
    spec = control.param().param.to_dict()
    bind = spec["bind"]
    made = control.widget()
    assert spec["name"] == control.name
    assert bind["name"] == f"{made.description}: " == f"{control.text}: "
    assert spec["value"] == made.value == control.default
    if isinstance(control, Slider):
        assert bind["input"] == "range"
        assert (bind["min"], bind["max"], bind["step"]) == (made.min, made.max, made.step)
        assert (made.min, made.max, made.step) == (control.low, control.high, control.step)
        assert made.continuous_update is False
        if control.whole_numbers:
            assert isinstance(made, ipywidgets.IntSlider)
        else:
            assert isinstance(made, ipywidgets.FloatSlider)
            # The read-out shows the step's decimals (and the start's, up to three).
            places = int(made.readout_format.strip(".f"))
            assert round(control.step, places) == pytest.approx(control.step)
            assert places <= controls.MAX_READOUT_DECIMALS
    else:
        assert bind["input"] == "select"
        assert bind["options"] == list(control.options) == _option_values(made)
        if control.labels:
            assert bind["labels"] == list(control.labels) == [label for label, _value in made.options]
        else:
            assert "labels" not in bind


def test_a_float_slider_reads_out_its_steps_decimals():
    assert Slider("x", "X", "", 0, 15, 0.1, 1.6).widget().readout_format == ".1f"
    assert Slider("x", "X", "", 0.1, 3.5, 0.01, 1.56).widget().readout_format == ".2f"
    assert Slider("x", "X", "", 0, 10, 0.5, 1 / 3).widget().readout_format == ".3f"
    assert Slider("x", "X", "", 1, 16, 1, 8.0).widget().readout_format == ".0f"


def test_no_chart_binds_a_control_except_through_a_declaration():
    """A bound Vega param made by hand would be a second declaration that can drift from the widget."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "controls.py"
        and any(call in path.read_text(encoding="utf-8") for call in ("binding_range(", "binding_select("))
    ]
    assert offenders == []


# --------------------------------------------------------------------------- the shared wiring


def test_explorer_shows_what_draw_returns_and_a_models_valueerror_as_a_message(in_kernel, shown):
    def draw(stock, minutes):
        if stock > 70:
            raise ValueError(f"stock must be at most 70; got {stock}")
        return [f"{stock} units for {minutes} minutes"]

    made = explorer(
        [Slider("stock", "Units", "", 0, 100, 10, 50), Menu("minutes", "Minutes", "", (2, 5), 5)],
        draw,
        failure="Cannot sell this",
    )
    assert isinstance(made, ipywidgets.VBox)
    box, output = made.children
    assert isinstance(output, ipywidgets.Output)
    stock, minutes = box.children
    assert shown == ["50 units for 5 minutes"]
    stock.value = 80
    assert shown[-1].data == "**Cannot sell this:** stock must be at most 70; got 80"
    minutes.value = 2
    assert shown[-1].data.startswith("**Cannot sell this:**")
    stock.value = 20
    assert shown[-1] == "20 units for 2 minutes"


def test_explorer_start_overrides_a_starting_value_and_names_must_exist(in_kernel, shown):
    rate = Slider("rate", "Rate", "%", 0, 10, 1, 5)
    made = explorer([rate], lambda rate: [rate], start={"rate": 7})
    assert made.children[0].children[0].value == 7 and shown == [7]
    with pytest.raises(ValueError, match="no control named"):
        explorer([rate], lambda rate: [rate], start={"rates": 7})
    with pytest.raises(ValueError, match="outside 0 to 10"):
        explorer([rate], lambda rate: [rate], start={"rate": 70})
    with pytest.raises(ValueError, match="two controls share a name"):
        explorer([rate, rate], lambda rate: [rate])


def test_explorer_lets_a_bug_through_rather_than_hide_it(in_kernel, shown):
    def draw(rate):
        raise KeyError("a bug, not a rejected setting")

    with pytest.raises(KeyError):
        explorer([Slider("rate", "Rate", "%", 0, 10, 1, 5)], draw)


def test_explorer_is_the_static_note_in_the_book(monkeypatch):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    note = explorer([Slider("rate", "Rate", "%", 0, 10, 1, 5)], lambda rate: [rate])
    assert "needs a live Python kernel" in note.data


# --------------------------------------------------------------------------- page and notebook


def _page_controls(*specs: dict) -> dict[str, dict]:
    """The bound params of the page's charts, by the label the reader sees."""
    found = {}
    for spec in specs:
        for param in spec.get("params", []):
            if "bind" in param:
                label = param["bind"]["name"].removesuffix(": ")
                found[label] = param
    return found


def _notebook_controls(made: ipywidgets.VBox) -> dict[str, ipywidgets.Widget]:
    """The explorer's widgets by their description (the layout is VBox([VBox(widgets), output]))."""
    box, output = made.children
    assert isinstance(output, ipywidgets.Output)
    return {widget.description: widget for widget in box.children}


def _assert_same_start(page: dict[str, dict], notebook: dict[str, ipywidgets.Widget], shared: int):
    """Every page control the notebook shares starts at the same value with the same bounds."""
    common = set(page) & set(notebook)
    assert len(common) == shared, f"shared {sorted(common)}; page {sorted(page)}; notebook {sorted(notebook)}"
    for label in sorted(common):
        param, widget = page[label], notebook[label]
        bind = param["bind"]
        assert param["value"] == widget.value, label
        if bind["input"] == "range":
            assert (bind["min"], bind["max"], bind["step"]) == (widget.min, widget.max, widget.step), label
        else:
            assert bind["options"] == _option_values(widget), label


def _not_a_failure(shown: list):
    """The explorer's first drawing at its starting settings is a result, not a refusal."""
    assert shown, "the explorer drew nothing"
    for item in shown:
        text = getattr(item, "data", "")
        assert not (isinstance(text, str) and text.startswith("**Cannot")), text


def test_chapter_1_page_and_notebook_start_from_the_same_growth_rate(in_kernel, shown):
    gmv = ch01.singles_day_table()
    page = _page_controls(ch01.growth_explorer_chart(gmv).to_dict())
    base = float(gmv.set_index("year").loc[2021, "gmv_rmb_bn"])
    made = growth.projection_explorer(
        base_year=2021, base_value_rmb_bn=base, target_rmb_bn=44_000.0, target_label="retail", source="test"
    )
    notebook = _notebook_controls(made)
    _assert_same_start(page, notebook, shared=1)
    assert notebook["Growth rate, % a year"].value == page["Growth rate, % a year"]["value"] == 50
    _not_a_failure(shown)


def test_chapter_2_page_and_notebook_start_from_the_same_sale(in_kernel, shown):
    lipstick = ch02.lipstick_table()
    page = _page_controls(
        ch02.flash_sale_explorer_chart(lipstick).to_dict(), ch02.stock_choice_chart(lipstick).to_dict()
    )
    notebook = _notebook_controls(flash_sale.sell_out_explorer())
    _assert_same_start(page, notebook, shared=len(flash_sale_inputs.SALE_CONTROLS))
    _not_a_failure(shown)


def test_chapter_3_page_and_notebook_start_from_the_same_value_chain_and_plan(in_kernel, shown):
    page = _page_controls(ch03.value_chain_explorer_chart().to_dict())
    notebook = _notebook_controls(value_chain_explorer.value_chain_explorer())
    _assert_same_start(page, notebook, shared=len(ch03.VALUE_CHAIN_CONTROLS))
    # The inputs the page holds fixed start in the notebook where the page fixes them.
    fixed = ch03.value_chain_defaults()
    for key, control in value_chain_explorer.EXTRA_VALUE_CHAIN_CONTROLS.items():
        assert notebook[control.text].value == fixed[key]
    page = _page_controls(ch03.capacity_explorer_chart().to_dict())
    notebook = _notebook_controls(value_chain_explorer.capacity_explorer())
    _assert_same_start(page, notebook, shared=len(ch03.CAPACITY_CONTROLS))
    _not_a_failure(shown)


def test_chapter_4_notebook_cohort_starts_from_the_pages_cohort(in_kernel, shown):
    """The page shows one run (no sliders); the notebook's explorer starts from that very run."""
    fit = income_fit.calibrate()
    wages = data.load("wage_benchmarks").query("area == 'Shanghai' and per == 'month'")
    page_cohort = ch04.default_cohort_inputs(fit, float(wages["value_rmb"].iloc[0]))
    made = cohort.cohort_explorer(page_cohort, benchmark_label="Shanghai's monthly minimum wage")
    notebook = _notebook_controls(made)
    assert len(notebook) == len(cohort.COHORT_CONTROLS)
    for control in cohort.COHORT_CONTROLS:
        widget = notebook[control.text]
        assert widget.value == getattr(page_cohort, control.name), control.name
        assert widget.min <= widget.value <= widget.max
    _not_a_failure(shown)


def test_chapter_5_page_and_notebook_start_from_the_same_period(in_kernel, shown):
    events, growth_table = ch05.events_table(), ch05.growth_table()
    page = _page_controls(ch05.timeline_chart(events, growth_table).to_dict())
    made = regulation.period_explorer(events, growth_table)
    notebook = _notebook_controls(made)
    _assert_same_start(page, notebook, shared=2)
    _not_a_failure(shown)
    # A "from" year after the "to" year: the page lists nothing, the notebook says why.
    notebook["From (year)"].value = 2023
    assert shown[-1].data.startswith("**No period:**") and "must not be after" in shown[-1].data


def test_chapter_6_page_and_notebook_start_from_the_same_rebalancing(in_kernel, shown):
    year, share = ch06.current_china_share()
    page = _page_controls(ch06.rebalancing_explorer_chart(year, share).to_dict())
    made = rebalancing.rebalancing_explorer(base_year=year, current_share_pct=share, source="test")
    notebook = _notebook_controls(made)
    _assert_same_start(page, notebook, shared=3)
    _not_a_failure(shown)
    # Growth rates at which the share never rises: the model's message, not a chart.
    notebook["GDP growth, % a year (assumption)"].value = 10
    assert shown[-1].data.startswith("**No answer:**")


def test_chapter_7_page_and_notebook_start_from_the_same_emissions_path(in_kernel, shown):
    defaults = carbon_budget.budget_defaults()
    page = _page_controls(ch07.budget_explorer_chart(defaults).to_dict())
    notebook = _notebook_controls(decoupling.scenario_explorer(defaults))
    _assert_same_start(page, notebook, shared=3)
    # The notebook's own controls: population at its last rate, the model's end year, a 50 % budget.
    assert notebook["Population, % a year"].value == round(100 * defaults["population_growth"], 1)
    end_year = notebook["Until year"]
    assert end_year.value == defaults["end_year"] and (end_year.value - end_year.min) % end_year.step == 0
    assert notebook["Budget"].value == 50
    _not_a_failure(shown)


def test_chapter_8_page_and_notebook_start_from_the_same_scenario(in_kernel, shown):
    base = ch08.baseline()
    trend = ch08.default_levers(base)
    page = _page_controls(ch08.scenario_explorer_chart(base, trend).to_dict())
    notebook = _notebook_controls(scenario_explorer.scenario_explorer(base, trend))
    _assert_same_start(page, notebook, shared=len(ch08.SCENARIO_CONTROLS))
    assert notebook["Packaging per parcel, grams"].value == trend.grams_per_parcel
    assert notebook["Report the year"].value == trend.end_year
    _not_a_failure(shown)


def test_a_drifted_notebook_control_would_be_caught():
    """The comparison itself fails when a notebook control starts elsewhere than the page's."""
    page = {"Rate, %": Slider("rate", "Rate", "%", 0, 10, 1, 5).param().param.to_dict()}
    drifted = {"Rate, %": Slider("rate", "Rate", "%", 0, 10, 1, 6).widget()}
    with pytest.raises(AssertionError):
        _assert_same_start(page, drifted, shared=1)
    moved = {"Rate, %": Slider("rate", "Rate", "%", 0, 20, 1, 5).widget()}
    with pytest.raises(AssertionError):
        _assert_same_start(page, moved, shared=1)
    relabelled = {"Rate, % a year": Slider("rate", "Rate", "% a year", 0, 10, 1, 5).widget()}
    with pytest.raises(AssertionError):
        _assert_same_start(page, relabelled, shared=1)
