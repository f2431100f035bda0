"""Winner-take-all incomes: heavy-tailed distributions, Lorenz curves and concentration measures.

Chapter 4 asks how unequal streamers' incomes are. Surveys publish only a few income bands
("67.9 % earn under 3,000 yuan a month"), so the chapter fits a **lognormal** distribution to
them and reads off what bands cannot show directly: the Lorenz curve, the Gini coefficient, the
shares of the top 1 % and 10 %, and the gap between the median and the mean.

A lognormal income X has ln X ~ Normal(mu, sigma). Its median is exp(mu), its mean
exp(mu + sigma² / 2), and everything about *concentration* depends on sigma alone:

- Lorenz curve: L(p) = Phi(Phi⁻¹(p) − sigma), the share of all income earned by the poorest p;
- Gini coefficient: 2 Phi(sigma / √2) − 1;
- share of the top fraction q: 1 − L(1 − q).

Incomes are yuan a month (``_rmb_month``); shares and probabilities are fractions unless a name
ends in ``_pct``. Every function checks its inputs and raises ``ValueError`` naming the bad one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from seckill.i18n import mark, tr
from seckill.models.checks import require_between, require_finite, require_positive, shown

_STANDARD_NORMAL = NormalDist()

# The chapter's calibration must reproduce every published band share within this many
# percentage points; a fit that misses by more is not used.
CALIBRATION_TOLERANCE_PP = 1.0

# Bounds for the shape parameter. Below 0.05 incomes are practically equal; above 4 the top 1 %
# would earn more than 95 % of all income, beyond anything surveys report.
MIN_SIGMA = 0.05
MAX_SIGMA = 4.0
# Bounds for mu, the log of the median income in yuan a month: from 1 yuan to e^25 (about 7e10)
# yuan. Wider than any survey, and narrow enough that the mean exp(mu + sigma² / 2) stays finite.
MIN_MU = 0.0
MAX_MU = 25.0
# Incomes a band edge or a calibration point may name, in yuan a month.
MAX_INCOME_RMB_MONTH = 1e12


def check_sigma(sigma: float, name: str = "sigma") -> float:
    """The spread of log income, :data:`MIN_SIGMA` to :data:`MAX_SIGMA`; else a ``ValueError`` naming it."""
    sigma = require_finite(name, sigma)
    if not MIN_SIGMA <= sigma <= MAX_SIGMA:
        raise ValueError(
            tr("{name} (spread of log income) must be between {low} and {high}; got {sigma!r}").format(
                name=name, low=MIN_SIGMA, high=MAX_SIGMA, sigma=sigma
            )
        )
    return sigma


def check_mu(mu: float, name: str = "mu") -> float:
    """The log of the median income (log yuan a month), from :data:`MIN_MU` to :data:`MAX_MU`."""
    return require_between(name, mu, MIN_MU, MAX_MU, what=mark("the log of a median income in yuan a month"))


def _check_income(name: str, value: object) -> float:
    value = require_positive(name, value)
    return require_between(name, value, 0, MAX_INCOME_RMB_MONTH, what=mark("an income in yuan a month"))


# A fraction "strictly between 0 and 1" goes through the inverse normal, which needs 1 − q to
# differ from 1: it is kept at least a billionth away from either end (finer than any income data).
MIN_OPEN_FRACTION = 1e-9


def _check_fraction(name: str, value: float, *, open_interval: bool = True) -> float:
    value = require_finite(name, value)
    low = MIN_OPEN_FRACTION if open_interval else 0.0
    if not low <= value <= 1 - low:
        message = (
            tr("{name} must be a fraction strictly between 0 and 1 ({low:g} to 1 - {low:g}); got {value!r}")
            if open_interval
            else tr("{name} must be a fraction between 0 and 1; got {value!r}")
        )
        raise ValueError(message.format(name=name, low=low, value=value))
    return value


def _grid(p: float | Sequence[float] | np.ndarray, name: str = "p") -> np.ndarray:
    if isinstance(p, str | bytes):
        raise ValueError(f"{name} must be a population share or a sequence of them; got {shown(p)}")
    raw = np.asarray(p, dtype=object)
    if raw.ndim == 0:
        return np.asarray(_check_fraction(name, raw.item(), open_interval=False))
    values = np.empty(raw.shape, dtype=float)
    for index, value in np.ndenumerate(raw):
        label = f"{name}[{', '.join(str(i) for i in index)}]"
        values[index] = _check_fraction(label, value, open_interval=False)
    return values


# --------------------------------------------------------------------------- lognormal


@dataclass(frozen=True)
class LognormalFit:
    """A lognormal income distribution fitted to published income bands.

    ``mu`` and ``sigma`` are the mean and standard deviation of log income (log yuan a month);
    ``points`` are the (income, share below) pairs the fit used, ``fitted_below`` the fitted
    shares at the same incomes, and ``max_error_pp`` the largest miss in percentage points.
    """

    mu: float
    sigma: float
    points: tuple[tuple[float, float], ...]
    fitted_below: tuple[float, ...]
    max_error_pp: float

    def __post_init__(self) -> None:
        check_mu(self.mu)
        check_sigma(self.sigma)
        if not isinstance(self.points, tuple) or len(self.points) < 2:
            raise ValueError(
                f"points must be a tuple of two or more (income, share) pairs; got {shown(self.points)}"
            )
        if not isinstance(self.fitted_below, tuple) or len(self.fitted_below) != len(self.points):
            raise ValueError("fitted_below must be a tuple with one fitted share per point")
        for index, share in enumerate(self.fitted_below):
            _check_fraction(f"fitted_below[{index}]", share, open_interval=False)
        require_between("max_error_pp", self.max_error_pp, 0, 100)

    @property
    def median_rmb_month(self) -> float:
        return math.exp(self.mu)

    @property
    def mean_rmb_month(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2)


def lognormal_share_below(income_rmb_month: float, mu: float, sigma: float) -> float:
    """Fraction of people earning less than ``income_rmb_month``: Phi((ln x − mu) / sigma)."""
    income = _check_income("income_rmb_month", income_rmb_month)
    mu = check_mu(mu)
    sigma = check_sigma(sigma)
    return _STANDARD_NORMAL.cdf((math.log(income) - mu) / sigma)


def lognormal_band_share(
    lower_rmb_month: float | None, upper_rmb_month: float | None, mu: float, sigma: float
):
    """Fraction of people whose income lies in [lower, upper); ``None`` means no edge on that side."""
    mu, sigma = check_mu(mu), check_sigma(sigma)
    if lower_rmb_month is not None:
        lower_rmb_month = _check_income("lower_rmb_month", lower_rmb_month)
    if upper_rmb_month is not None:
        upper_rmb_month = _check_income("upper_rmb_month", upper_rmb_month)
    below_upper = 1.0 if upper_rmb_month is None else lognormal_share_below(upper_rmb_month, mu, sigma)
    below_lower = 0.0 if lower_rmb_month is None else lognormal_share_below(lower_rmb_month, mu, sigma)
    if below_upper < below_lower or (
        lower_rmb_month is not None and upper_rmb_month is not None and upper_rmb_month < lower_rmb_month
    ):
        raise ValueError(
            tr("upper_rmb_month ({upper}) must be above lower_rmb_month ({lower})").format(
                upper=upper_rmb_month, lower=lower_rmb_month
            )
        )
    return below_upper - below_lower


def calibrate_lognormal(points: Iterable[tuple[float, float]]) -> LognormalFit:
    """Fit mu and sigma to published (income, share of people below that income) pairs.

    Each pair says ln(income) = mu + sigma · Phi⁻¹(share): a straight line on "probability paper".
    The fit is the least-squares line through the pairs, exact when there are two. Shares must be
    fractions strictly between 0 and 1 and must rise with income (a survey cannot have more people
    below 3,000 yuan than below 8,000).
    """
    if isinstance(points, str | bytes) or not isinstance(points, Iterable):
        raise ValueError(f"points must be (income, share below) pairs; got {shown(points)}")
    pairs = []
    for index, point in enumerate(points):
        if isinstance(point, str | bytes) or not isinstance(point, Sequence) or len(point) != 2:
            raise ValueError(
                tr("points[{index}] must be an (income, share below) pair; got {point}").format(
                    index=index, point=shown(point)
                )
            )
        income, share = point
        pairs.append(
            (
                # Names of the pair's two numbers, in the reader's language: a message shows them.
                _check_income(tr("points[{index}] income").format(index=index), income),
                _check_fraction(tr("points[{index}] share below").format(index=index), share),
            )
        )
    pairs.sort()
    if len({x for x, _ in pairs}) < 2:
        raise ValueError(
            tr("{name} must give shares at two or more different incomes to fit mu and sigma").format(
                name="points"
            )
        )
    for (x1, s1), (x2, s2) in zip(pairs[:-1], pairs[1:], strict=True):
        if s2 <= s1:
            raise ValueError(
                tr(
                    "share below must rise with income: {s1:.3f} below {x1:,.0f} but {s2:.3f} below {x2:,.0f}"
                ).format(s1=s1, x1=x1, s2=s2, x2=x2)
            )
    z = np.array([_STANDARD_NORMAL.inv_cdf(s) for _, s in pairs])
    log_income = np.log([x for x, _ in pairs])
    sigma, mu = np.polyfit(z, log_income, 1)
    try:
        sigma, mu = check_sigma(float(sigma)), check_mu(float(mu))
    except ValueError as error:
        raise ValueError(
            tr("points give no lognormal the book can use: {error}").format(error=error)
        ) from None
    fitted = tuple(_STANDARD_NORMAL.cdf((math.log(x) - mu) / sigma) for x, _ in pairs)
    error = max(abs(f - s) for f, (_, s) in zip(fitted, pairs, strict=True)) * 100
    return LognormalFit(float(mu), sigma, tuple(pairs), fitted, float(error))


def lognormal_lorenz(p: float | Sequence[float] | np.ndarray, sigma: float) -> np.ndarray:
    """Share of all income earned by the poorest fraction ``p``: Phi(Phi⁻¹(p) − sigma).

    L(0) = 0 and L(1) = 1 exactly; in between the curve rises and bends upward (convex).
    """
    sigma = check_sigma(sigma)
    p = _grid(p)
    out = np.empty_like(p)
    for index, value in np.ndenumerate(p):
        if value <= 0:
            out[index] = 0.0
        elif value >= 1:
            out[index] = 1.0
        else:
            out[index] = _STANDARD_NORMAL.cdf(_STANDARD_NORMAL.inv_cdf(value) - sigma)
    return out


def lognormal_gini(sigma: float) -> float:
    """Gini coefficient of a lognormal: 2 Phi(sigma / √2) − 1 (0 = equal, 1 = one person has all)."""
    sigma = check_sigma(sigma)
    return 2 * _STANDARD_NORMAL.cdf(sigma / math.sqrt(2)) - 1


def lognormal_top_share(top_fraction: float, sigma: float) -> float:
    """Share of all income earned by the richest ``top_fraction`` (0.01 for the top 1 %)."""
    top_fraction = _check_fraction("top_fraction", top_fraction)
    sigma = check_sigma(sigma)
    return 1 - _STANDARD_NORMAL.cdf(_STANDARD_NORMAL.inv_cdf(1 - top_fraction) - sigma)


def mean_to_median_ratio(sigma: float) -> float:
    """How many times the mean exceeds the median: exp(sigma² / 2)."""
    return math.exp(check_sigma(sigma) ** 2 / 2)


def sigma_for_top_share(top_fraction: float, share: float) -> float:
    """The sigma at which the richest ``top_fraction`` earn ``share`` of all income.

    Inverts :func:`lognormal_top_share`: sigma = Phi⁻¹(1 − q) − Phi⁻¹(1 − share). Used to ask what a
    claim such as "the top 1 % take 80 %" would imply.
    """
    top_fraction = _check_fraction("top_fraction", top_fraction)
    share = _check_fraction("share", share)
    if share <= top_fraction:
        raise ValueError(
            tr("share ({share}) must exceed top_fraction ({top_fraction}) for unequal incomes").format(
                share=share, top_fraction=top_fraction
            )
        )
    sigma = _STANDARD_NORMAL.inv_cdf(1 - top_fraction) - _STANDARD_NORMAL.inv_cdf(1 - share)
    if not MIN_SIGMA <= sigma <= MAX_SIGMA:
        raise ValueError(
            tr(
                "top_fraction {top_fraction!r} earning share {share!r} implies sigma {sigma:.3g}, outside "
                "{low} to {high}: incomes nearly equal or more unequal than any survey reports"
            ).format(top_fraction=top_fraction, share=share, sigma=sigma, low=MIN_SIGMA, high=MAX_SIGMA)
        )
    return sigma


def concentration_summary(mu: float, sigma: float) -> dict[str, float]:
    """The chapter's headline numbers for one lognormal: median, mean, Gini, top-1 % and top-10 % shares."""
    mu = check_mu(mu)
    sigma = check_sigma(sigma)
    return {
        "median_rmb_month": math.exp(mu),
        "mean_rmb_month": math.exp(mu + sigma**2 / 2),
        "mean_to_median": mean_to_median_ratio(sigma),
        "gini": lognormal_gini(sigma),
        "top1_share": lognormal_top_share(0.01, sigma),
        "top10_share": lognormal_top_share(0.10, sigma),
        "bottom50_share": float(lognormal_lorenz(0.5, sigma)),
    }
