"""Student's t quantile and Welch's interval against table values and a worked example."""

from __future__ import annotations

import pytest

from measurements.stats import betainc, t_cdf, t_quantile, welch_interval


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.706),
        (0.975, 2, 4.303),
        (0.975, 5, 2.571),
        (0.975, 10, 2.228),
        (0.975, 18, 2.101),
        (0.975, 30, 2.042),
        (0.975, 120, 1.980),
        (0.975, 1e7, 1.960),
        (0.95, 10, 1.812),
        (0.995, 20, 2.845),
    ],
)
def test_the_t_quantile_matches_the_table(p, df, expected):
    assert t_quantile(p, df) == pytest.approx(expected, abs=1e-3)


def test_the_t_quantile_is_symmetric_and_inverts_the_distribution_function():
    assert t_quantile(0.025, 7.3) == pytest.approx(-t_quantile(0.975, 7.3))
    assert t_cdf(t_quantile(0.9, 3.7), 3.7) == pytest.approx(0.9, abs=1e-10)
    assert betainc(2, 3, 0.4) == pytest.approx(0.5248, abs=1e-4)


def test_welch_interval_matches_a_worked_example():
    # Equal variances and sizes give df = 2(n - 1) = 18; se = sqrt(1/10 + 1/10); t = 2.1009.
    interval = welch_interval(3.0, 1.0, 10, 3.5, 1.0, 10)
    assert interval.difference == pytest.approx(0.5)
    assert interval.low == pytest.approx(0.5 - 2.10092 * 0.447214, abs=1e-4)
    assert interval.high == pytest.approx(1.4396, abs=1e-4)
    assert not interval.clear


def test_welch_interval_with_unequal_variances():
    # Welch–Satterthwaite df = (0.5 + 0.1)^2 / (0.5^2/9 + 0.1^2/19) = 12.72; t(0.975, 12.72) = 2.1652
    # (between the table's 2.179 for 12 and 2.160 for 13); se = sqrt(0.6) = 0.7746.
    interval = welch_interval(3.0, 5.0, 10, 4.2, 2.0, 20)
    assert interval.low == pytest.approx(1.2 - 2.1652 * 0.6**0.5, abs=1e-3)
    assert interval.high == pytest.approx(1.2 + 2.1652 * 0.6**0.5, abs=1e-3)
    assert not interval.clear
    assert welch_interval(3.0, 0.5, 40, 3.6, 0.5, 40).clear


def test_welch_needs_two_answers_per_group():
    assert welch_interval(3.0, 0.0, 1, 4.0, 1.0, 10) is None
