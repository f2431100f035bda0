"""Chapter 4's notebook exercises: counts of streamers, a newcomer's month, and inequality."""

from __future__ import annotations

from seckill import data
from seckill.calibrations import income_fit
from seckill.chapters import ch04
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import incomes, streamer


def _counts_m() -> list[float]:
    return sorted(float(count) for count in data.load("streamer_counts")["count_m"].dropna())


def _newcomer(viewers_per_hour: float) -> dict[str, float]:
    fit = income_fit.calibrate()
    month = streamer.MonthInputs(
        viewers_per_hour=viewers_per_hour, conversion_pct=1.0, sales_sigma=round(fit.sigma, 2)
    )
    benchmarks = ch04.hourly_benchmarks_table().set_index("benchmark")
    wage = float(benchmarks.loc[ch04.REFERENCE_BENCHMARK, "rmb_per_hour"])
    return streamer.net_income(month, benchmark_rmb_per_hour=wage)


def _gini(survey: str | None = None) -> float:
    fit = income_fit.calibrate() if survey is None else income_fit.calibrate(survey)
    return incomes.lognormal_gini(fit.sigma)


largest_count = NumberExercise(
    expected=lambda: _counts_m()[-1],
    unit=mark("million"),
    hint_text=mark(
        "Take the largest value in the count_m column of data.load('streamer_counts'); it is "
        "already in millions."
    ),
    mistakes=lambda: [
        (
            _counts_m()[-1] * 1e6,
            tr("that is in single accounts; the column is in millions, so give it as it is."),
        ),
        (_counts_m()[0], tr("that is the smallest count; the question asks for the largest.")),
    ],
)

median_net_at_400_viewers = NumberExercise(
    expected=lambda: _newcomer(400)["median_net_rmb_per_hour"],
    unit=mark("yuan an hour"),
    hint_text=mark(
        "Make streamer.MonthInputs(viewers_per_hour=400, conversion_pct=1.0, "
        "sales_sigma=round(fit.sigma, 2)) and read median_net_rmb_per_hour from streamer.net_income."
    ),
    mistakes=lambda: [
        (_newcomer(200)["median_net_rmb_per_hour"], tr("that is with 200 viewers an hour; use 400.")),
        (
            _newcomer(400)["expected_net_rmb_per_hour"],
            tr("that is the average newcomer; the typical (median) one earns less."),
        ),
    ],
)

gini_capa = NumberExercise(
    expected=_gini,
    unit=mark("(Gini, 0 to 1)"),
    hint_text=mark("incomes.lognormal_gini(fit.sigma) with fit = income_fit.calibrate()."),
    mistakes=lambda: [
        (_gini() * 100, tr("that is on a 0-100 scale; give the Gini coefficient between 0 and 1.")),
        (
            _gini(income_fit.COMPARISON_SURVEY),
            tr("that is the Momo survey's fit; use the chapter's own (CAPA)."),
        ),
    ],
)
