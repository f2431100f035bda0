"""The charts that compute their numbers in the browser, in headless Chromium: what each one shows
at its starting settings agrees with its "Show the numbers" table, computed in Python.

The tables are checked against the models in the chapter tests (test_ch02.py, test_ch03.py,
test_ch06.py, test_ch07.py, test_ch08.py, test_ch09.py); here the browser's read-outs and bar labels
are read at the controls' starting values and compared with the numbers in the table under the same
chart, at the precision the chart shows.
"""

from __future__ import annotations

import re

import pytest

from tests.details_table import number, read_table
from tests.site_check import draw_every_chart, open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]


def _cell(rows: list[list[str]], label: str, column: int) -> float:
    (row,) = [row for row in rows if row[0] == label]
    return number(row[column])


def _shown(pattern: str, text: str) -> list[float]:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not in the chart's text: {text[:300]!r}"
    return [number(group) for group in match.groups()]


def _flash_sale(text: str, caption: str, rows: list[list[str]]) -> None:
    (seconds,) = _shown(r"Sold out after ([0-9.,]+) seconds", text)
    assert seconds == _cell(rows, "Sold out", 1)
    (busiest,) = _shown(r"Busiest second: ([0-9,]+) orders", text)
    assert busiest == _cell(rows, "Link opens", 2)
    share, tried = _shown(r"Turned away: ([0-9]+)% of ([0-9,]+) who tried", text)
    assert f"turned away: {share:.0f}% of {tried:,.0f} who tried" in caption
    assert tried == _cell(rows, "Link closes", 3)  # everyone who tried, by the link's closing


def _stock_choice(text: str, caption: str, rows: list[list[str]]) -> None:
    for label in ("Sells out in 10 seconds", "Sells out in 1 minute"):
        (units,) = _shown(rf"{label}: ([0-9,]+) units", text)
        assert units == _cell(rows, label, 1)
    (most,) = _shown(r"Most that sells out at all: ([0-9,]+)", text)
    assert most == _cell(rows, "Most that sells out at all", 1)


def _rebalancing(text: str, caption: str, rows: list[list[str]]) -> None:
    years, around = _shown(r"Reached in ([0-9]+) years \(around ([0-9]{4})\)", text)
    assert f"reached in {years:.0f} years (around {around:.0f})" in caption
    (times,) = _shown(r"Then households buy ([0-9.]+) × the", text)
    assert f"buy {times:.1f} × the" in caption


def _budget(text: str, caption: str, rows: list[list[str]]) -> None:
    end, annual, change = _shown(r"(20[0-9]{2}): ([0-9.]+) Gt a year \(([+−-][0-9]+)% vs", text)
    assert annual == pytest.approx(_cell(rows, f"{end:.0f}", 1), abs=0.051)
    assert f"{end:.0f}: {annual:.1f} Gt a year ({change:+.0f}% vs" in caption
    (gone,) = _shown(r"50% budget gone in ([0-9]{4})", text)
    assert f"50% budget gone in {gone:.0f}" in caption
    (gone_row,) = [row for row in rows if row[3].startswith("50% chance")]
    assert number(gone_row[0]) == gone
    (needed,) = _shown(r"To fall: intensity −([0-9.]+)% a year", text)
    assert f"to fall: intensity −{needed:.1f}% a year" in caption


def _value_chain(text: str, caption: str, rows: list[list[str]]) -> None:
    per_item, share = _shown(r"Maker keeps ([0-9.,]+) yuan an item \(([0-9]+)%\)", text)
    assert per_item == pytest.approx(_cell(rows, "Maker's labour", 1), abs=0.006)
    assert share == pytest.approx(_cell(rows, "Maker's labour", 2), abs=0.51)
    (per_hour,) = _shown(r"= ([0-9.,]+) yuan an hour", text)
    assert f"{per_hour:.2f} yuan an hour" in caption


def _capacity(text: str, caption: str, rows: list[list[str]]) -> None:
    (days,) = _shown(r"All orders take ([0-9.,]+) working days", text)
    assert f"All orders take {days:.1f} working days" in caption
    deadline, unmade = _shown(r"Day ([0-9]+): ([0-9,]+) orders not made", text)
    assert f"on day {deadline:g}, {unmade:,.0f} orders are not made" in caption
    makers, hours = _shown(r"On time: ([0-9,]+) makers, or ([0-9.]+) h a day", text)
    assert f"{makers:,.0f} makers, or {hours:.1f} hours a day" in caption
    # The line at the deadline: the orders (the dashed line's label) less those not made.
    (orders,) = _shown(r"orders: ([0-9,]+)", text)
    assert _cell(rows, f"{deadline:g}", 1) == orders - unmade


def _parcels(text: str, caption: str, rows: list[list[str]]) -> None:
    total, per_person = _shown(r"Total ([0-9.,]+) Mt CO2e, ([0-9,]+) kg/person", text)
    assert total == pytest.approx(_cell(rows, "Total", 1), abs=0.051)
    assert per_person == pytest.approx(_cell(rows, "Total", 2), abs=0.51)
    new, unrecycled = _shown(r"Packaging ([0-9.,]+) Mt, ([0-9.,]+) Mt unrecycled", text)
    assert f"{new:.1f} Mt of new packaging, {unrecycled:.1f} Mt of it not recycled" in caption


def _scenarios(text: str, caption: str, rows: list[list[str]]) -> None:
    emitted, share = _shown(r"By [0-9]{4}: ([0-9.,]+) Mt, ([0-9,]+)% of the share", text)
    last, first = rows[-1][0], rows[0][0]
    assert emitted == pytest.approx(_cell(rows, last, 3), abs=0.51)
    assert f"{share:.0f}% of the parcels'" in caption
    (gone,) = _shown(r"The share is used up in ([0-9]{4})", text)
    assert f"used up in {gone:.0f}" in caption
    yearly, change = _shown(r"[0-9]{4}: ([0-9.,]+) Mt a year \(([+−-][0-9]+)% on", text)
    assert yearly == pytest.approx(_cell(rows, last, 2), abs=0.51)
    assert change == pytest.approx(100 * (_cell(rows, last, 2) / _cell(rows, first, 2) - 1), abs=1)
    (parcels,) = _shown(r"from ([0-9,]+) bn parcels a year", text)
    assert parcels == pytest.approx(_cell(rows, last, 1), abs=0.51)


def _cart(text: str, caption: str, rows: list[list[str]]) -> None:
    (you,) = _shown(r"Your parcels: ([0-9.,]+) kg CO2e", text)
    assert you == pytest.approx(_cell(rows, "Your parcels", 3), abs=0.051)
    (average,) = _shown(r"Average resident of China, [0-9]{4}: ([0-9.,]+) kg CO2e", text)
    assert average == pytest.approx(_cell(rows, rows[1][0], 3), abs=0.051)
    parcels, packaging = _shown(r"You: ([0-9,]+) parcels, ([0-9.,]+) kg new packaging", text)
    assert parcels == pytest.approx(_cell(rows, "Your parcels", 1), abs=0.51)
    assert packaging == pytest.approx(_cell(rows, "Your parcels", 2), abs=0.051)
    (share,) = _shown(r"= ([0-9.]+)% of CO2 per head", text)
    assert share == pytest.approx(_cell(rows, "Your parcels", 4), abs=0.051)


CHARTS = [
    ("book/02-flash-sale.html", "Try it: how fast does a flash sale", _flash_sale),
    ("book/02-flash-sale.html", "Same viewers, same eagerness", _stock_choice),
    ("book/03-selling-poverty-alleviation.html", "Try it: who gets what", _value_chain),
    ("book/03-selling-poverty-alleviation.html", "Try it: can hand-makers", _capacity),
    ("book/06-consumption-duty.html", "How long to raise the consumption share", _rebalancing),
    ("book/07-environment.html", "Parcel footprint calculator", _parcels),
    ("book/07-environment.html", "Growth against efficiency", _budget),
    ("book/08-beyond-growth.html", "Do China's parcels stay within their", _scenarios),
    ("book/09-conclusion.html", "Your cart's parcels", _cart),
]


@pytest.mark.parametrize(("page_path", "title", "check"), CHARTS, ids=[c[2].__name__[1:] for c in CHARTS])
def test_the_chart_at_its_starting_settings_shows_its_tables_numbers(
    built_site, site_url, browser, page_path, title, check
):
    context, page, problems = open_page(browser, site_url, page_path)
    try:
        draw_every_chart(page)
        found = [
            chart
            for chart in page.query_selector_all("div.seckill-chart")
            if chart.query_selector("details.seckill-chart-table > summary")
            .text_content()
            .startswith(f"Show the numbers: {title}")
        ]
        assert len(found) == 1, f"{len(found)} charts titled {title!r} on {page_path}"
        chart = found[0]
        text = " | ".join(chart.evaluate("c => [...c.querySelectorAll('svg text')].map(t => t.textContent)"))
        details = chart.query_selector("details.seckill-chart-table").evaluate("d => d.outerHTML")
    finally:
        context.close()
    caption, _headers, rows = read_table(details)
    check(text, caption, rows)
    assert not problems["exceptions"]
