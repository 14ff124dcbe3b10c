"""Read side of pulses (STYLE.md: selectors), split by theme; import from here.

Views and exports use the `*_for_audience` functions: they refuse a pulse that has not closed and
cut the figures down to the permission table (measurements/permissions.py).
"""

from __future__ import annotations

from .comparison import (
    Change,
    Comparison,
    GroupComparison,
    comparison_default_pair,
    comparison_for_audience,
    comparison_order_error,
    pulse_comparison,
)
from .participation import participation, participation_for_audience
from .results import (
    Cell,
    Group,
    PulseResults,
    Thresholds,
    answer_counts,
    comments_for_audience,
    other_rounds,
    pulse_comments,
    pulse_dimensions,
    pulse_results,
    results_available,
    results_for_audience,
    scope_results,
    thresholds_for,
)
from .trend import (
    TrendPoint,
    closed_pulses,
    org_pulses,
    pulse_trend,
    pulses_with_participation,
    trend_for_audience,
)

__all__ = [
    "Cell",
    "Change",
    "Comparison",
    "Group",
    "GroupComparison",
    "PulseResults",
    "Thresholds",
    "TrendPoint",
    "answer_counts",
    "closed_pulses",
    "comments_for_audience",
    "comparison_default_pair",
    "comparison_for_audience",
    "comparison_order_error",
    "org_pulses",
    "other_rounds",
    "participation",
    "participation_for_audience",
    "pulse_comments",
    "pulse_comparison",
    "pulse_dimensions",
    "pulse_results",
    "pulse_trend",
    "pulses_with_participation",
    "results_available",
    "results_for_audience",
    "scope_results",
    "thresholds_for",
    "trend_for_audience",
]
