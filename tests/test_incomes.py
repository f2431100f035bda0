"""The winner-take-all income model: known values, identities, calibration and clear errors."""

import math

import numpy as np
import pytest

from seckill.calibrations import income_fit
from seckill.chapters import ch04
from seckill.models import incomes

GRID = np.linspace(0, 1, 201)


@pytest.mark.parametrize("sigma", [0.05, 0.5, 1.0, 1.56, 2.5, 4.0])
def test_gini_is_between_zero_and_one(sigma):
    assert 0 < incomes.lognormal_gini(sigma) < 1


def test_gini_rises_with_the_spread():
    ginis = [incomes.lognormal_gini(s) for s in (0.1, 0.5, 1.0, 2.0, 3.0)]
    assert ginis == sorted(ginis)


def test_gini_of_a_known_lognormal():
    # sigma = sqrt(2) * Phi^-1(0.75) gives Gini = 2 * 0.75 - 1 = 0.5 exactly.
    sigma = math.sqrt(2) * 0.6744897501960817
    assert incomes.lognormal_gini(sigma) == pytest.approx(0.5, abs=1e-12)


@pytest.mark.parametrize("sigma", [0.3, 1.56, 3.0])
def test_lorenz_curve_runs_from_corner_to_corner_monotone_and_convex(sigma):
    curve = incomes.lognormal_lorenz(GRID, sigma)
    assert curve[0] == 0.0 and curve[-1] == 1.0
    steps = np.diff(curve)
    assert np.all(steps >= 0), "a Lorenz curve never falls"
    assert np.all(np.diff(steps) >= -1e-12), "a Lorenz curve bends upward (convex)"
    assert np.all(curve <= GRID + 1e-12), "it never rises above the line of equality"


@pytest.mark.parametrize("sigma", [0.5, 1.56])
def test_gini_is_twice_the_area_between_equality_and_lorenz(sigma):
    fine = np.linspace(0, 1, 20001)
    curve = incomes.lognormal_lorenz(fine, sigma)
    area = np.sum((fine[1:] - fine[:-1]) * ((fine[1:] - curve[1:]) + (fine[:-1] - curve[:-1])) / 2)
    assert 2 * area == pytest.approx(incomes.lognormal_gini(sigma), abs=2e-3)


def test_top_share_is_one_minus_the_lorenz_curve():
    sigma = 1.2
    assert incomes.lognormal_top_share(0.1, sigma) == pytest.approx(1 - incomes.lognormal_lorenz(0.9, sigma))


def test_top_one_percent_of_equal_incomes_would_earn_one_percent():
    assert incomes.lognormal_top_share(0.01, incomes.MIN_SIGMA) == pytest.approx(0.01, rel=0.2)


def test_sigma_for_top_share_inverts_the_top_share():
    sigma = incomes.sigma_for_top_share(0.01, 0.8)
    assert incomes.lognormal_top_share(0.01, sigma) == pytest.approx(0.8)


def test_mean_exceeds_median_by_exp_half_sigma_squared():
    summary = incomes.concentration_summary(mu=math.log(2000), sigma=1.0)
    assert summary["median_rmb_month"] == pytest.approx(2000)
    assert summary["mean_rmb_month"] / summary["median_rmb_month"] == pytest.approx(math.exp(0.5))


def test_a_large_sample_has_the_analytic_gini_and_top_share():
    rng = np.random.default_rng(4)
    sample = np.sort(np.exp(rng.normal(7.0, 1.0, 400_000)))
    # Gini of a sorted sample: 2 Σ i·x_i / (n Σ x) − (n + 1) / n, ranks i from 1.
    n = sample.size
    gini = 2 * np.sum(np.arange(1, n + 1) * sample) / (n * sample.sum()) - (n + 1) / n
    assert gini == pytest.approx(incomes.lognormal_gini(1.0), abs=0.005)
    top_tenth = sample[-(n // 10) :].sum() / sample.sum()
    assert top_tenth == pytest.approx(incomes.lognormal_top_share(0.1, 1.0), abs=0.01)


def test_calibration_recovers_a_known_distribution():
    mu, sigma = 7.5, 1.2
    points = [(x, incomes.lognormal_share_below(x, mu, sigma)) for x in (1000, 3000, 8000, 20000)]
    fit = incomes.calibrate_lognormal(points)
    assert fit.mu == pytest.approx(mu) and fit.sigma == pytest.approx(sigma)
    assert fit.max_error_pp < 1e-9


def test_calibration_is_a_least_squares_compromise_for_inconsistent_points():
    fit = incomes.calibrate_lognormal([(1000, 0.30), (3000, 0.70), (8000, 0.80)])
    assert 0 < fit.max_error_pp < 10


def test_chapter_calibration_reproduces_every_published_band_within_tolerance():
    fit = income_fit.calibrate()
    check = ch04.band_check_table(fit)
    assert set(check["status"]) == {"published", "derived"}
    assert (check["error_pp"].abs() <= incomes.CALIBRATION_TOLERANCE_PP).all(), check
    assert check["fitted_pct"].sum() == pytest.approx(100.0)


def test_band_shares_of_a_fit_add_up_to_one():
    edges = [None, 1000.0, 3000.0, 8000.0, None]
    shares = [
        incomes.lognormal_band_share(lo, hi, 7.0, 1.5) for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    ]
    assert sum(shares) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([(3000, 0.68)], "two or more different incomes"),
        ([(3000, 0.68), (3000, 0.7)], "two or more different incomes"),
        ([(3000, 0.68), (8000, 0.5)], "must rise with income"),
        ([(3000, 0.0), (8000, 0.5)], "strictly between 0 and 1"),
        ([(3000, 68.0), (8000, 86.0)], "strictly between 0 and 1"),
        ([(-5, 0.2), (8000, 0.5)], "income must be greater than zero"),
    ],
)
def test_calibration_rejects_bad_points(points, message):
    with pytest.raises(ValueError, match=message):
        incomes.calibrate_lognormal(points)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: incomes.lognormal_gini(0.0), "sigma"),
        (lambda: incomes.lognormal_gini(math.nan), "sigma must be finite"),
        (lambda: incomes.lognormal_lorenz([0.5, 1.2], 1.0), "between 0 and 1"),
        (lambda: incomes.lognormal_top_share(1.0, 1.0), "top_fraction"),
        (lambda: incomes.sigma_for_top_share(0.1, 0.05), "must exceed top_fraction"),
        (lambda: incomes.lognormal_band_share(8000, 3000, 7.0, 1.0), "must be above"),
    ],
)
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
