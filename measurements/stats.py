"""Student's t quantile and Welch's confidence interval, in plain Python (no SciPy needed).

The t distribution function uses the regularised incomplete beta function (continued fraction,
Numerical Recipes §6.4); the quantile is found by Newton steps kept inside a bisection bracket.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache


def _betacf(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_pdf(t: float, df: float) -> float:
    log = (
        math.lgamma((df + 1) / 2)
        - math.lgamma(df / 2)
        - 0.5 * math.log(df * math.pi)
        - (df + 1) / 2 * math.log1p(t * t / df)
    )
    return math.exp(log)


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with df (> 0, may be fractional) degrees of freedom."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must be in (0, 1) and df positive")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        lo, hi = hi, hi * 2.0
    x = (lo + hi) / 2.0
    for _ in range(200):
        f = t_cdf(x, df) - p
        if abs(f) < 1e-13:
            break
        if f < 0:
            lo = x
        else:
            hi = x
        step = f / t_pdf(x, df)
        nxt = x - step
        x = nxt if lo < nxt < hi else (lo + hi) / 2.0
        if hi - lo < 1e-12:
            break
    return x


@dataclass(frozen=True)
class Interval:
    difference: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """True when the interval excludes zero: there is a clear change."""
        return self.low > 0 or self.high < 0


def welch_interval(
    mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: int, level: float = 0.95
) -> Interval | None:
    """Confidence interval for mean2 − mean1 (Welch, unequal variances); None below 2 per group.

    var1/var2 are sample variances (n − 1 in the denominator).
    """
    if n1 < 2 or n2 < 2:
        return None
    diff = mean2 - mean1
    a, b = var1 / n1, var2 / n2
    se2 = a + b
    if se2 <= 0:
        return Interval(diff, diff, diff)
    df = se2 * se2 / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1))
    half = t_quantile(0.5 + level / 2.0, df) * math.sqrt(se2)
    return Interval(diff, diff - half, diff + half)
