"""Goals measured from data: where each goal's measured value comes from, and whether it is reached.

One selector for every page that shows goals (campaign page, organisation home, evaluation report):
`goal_rows` returns one row per goal with baseline, target, measured value, source and as-of date.
The goal's KPI kind decides the source:

- participation in activities: places taken (attendance where counted, sign-ups otherwise)
  against the organisation's headcount;
- pulse participation: answers of the campaign's latest opened pulse against its teams' headcount
  (the one figure shown while a pulse is open);
- pulse score: the organisation mean of the goal's dimension in the campaign's latest closed
  follow-up pulse, only when the organisation total has at least k answers and the role may see it;
- anything else (absenteeism, …): the value typed in with its date.

Queries are bounded per campaign: each source is computed at most once, however many goals use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from measurements import selectors as pulse_selectors
from measurements.models import Dimension, Pulse, PulseKind

from .models import Campaign, Goal
from .signups import activity_participation


@dataclass
class GoalRow:
    goal: Goal
    baseline: float | None
    target: float | None
    measured: float | None
    source: str
    as_of: dt.date | None
    reached: bool | None  # None: no target or nothing measured yet
    unit: str

    @property
    def lower_is_better(self) -> bool:
        return _lower_is_better(self.baseline, self.target)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _lower_is_better(baseline: float | None, target: float | None) -> bool:
    return baseline is not None and target is not None and target < baseline


def goal_reached(*, baseline: float | None, target: float | None, measured: float | None) -> bool | None:
    """Reached when the measured value is at or past the target, in the direction baseline → target."""
    if target is None or measured is None:
        return None
    if _lower_is_better(baseline, target):
        return round(measured, 2) <= target
    return round(measured, 2) >= target


class _Sources:
    """Each source computed once per campaign (the goals of one campaign share it)."""

    def __init__(self, campaign: Campaign, role: str) -> None:
        self.campaign = campaign
        self.role = role
        self._cache: dict[str, object] = {}

    def _once(self, key: str, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def activities(self) -> tuple[float | None, str, dt.date | None]:
        def compute():
            p = activity_participation(campaign=self.campaign)
            labels = {
                "attendance": _("attendance against headcount"),
                "signups": _("sign-ups against headcount"),
                "mixed": _("attendance where counted, otherwise sign-ups, against headcount"),
            }
            recorded = self.campaign.activities.aggregate(at=Max("attendance__recorded_at"))["at"]
            as_of = timezone.localdate()
            if p.source == "attendance" and recorded is not None:
                as_of = timezone.localtime(recorded).date()
            if p.percent is None:
                return None, _("no headcount entered for the teams"), None
            source = _("%(people)d of %(headcount)d people: %(how)s") % {
                "people": p.people,
                "headcount": p.headcount,
                "how": labels[p.source],
            }
            return p.percent, source, as_of

        return self._once("activities", compute)

    def _pulses(self) -> list[Pulse]:
        return self._once(
            "pulses",
            lambda: list(
                self.campaign.pulses.select_related("organisation__result_settings").order_by(
                    "-opens_at", "-pk"
                )
            ),
        )

    def pulse_participation(self) -> tuple[float | None, str, dt.date | None]:
        def compute():
            now = timezone.now()
            opened = [p for p in self._pulses() if p.opens_at <= now]
            if not opened:
                return None, _("no pulse of this campaign has opened yet"), None
            pulse = opened[0]
            total = pulse_selectors.participation(pulse).total
            if total is None or total.participation is None:
                return (
                    None,
                    _("%(pulse)s: too few answers to show, or no headcount") % {"pulse": pulse.title},
                    None,
                )
            as_of = timezone.localdate() if pulse.is_open(now) else timezone.localtime(pulse.closes_at).date()
            source = _("%(pulse)s: %(n)d answers") % {"pulse": pulse.title, "n": total.respondents}
            return total.participation, source, as_of

        return self._once("pulse_participation", compute)

    def pulse_score(self, dimension: str) -> tuple[float | None, str, dt.date | None]:
        if not dimension:
            return None, _("choose the pulse dimension of this goal"), None

        def results():
            follow_ups = [
                p
                for p in self._pulses()
                if p.kind == PulseKind.FOLLOW_UP and pulse_selectors.results_available(p)
            ]
            if not follow_ups:
                return None
            pulse = follow_ups[0]
            return pulse, pulse_selectors.results_for_audience(pulse, role=self.role, team_ids=[])

        found = self._once("follow_up", results)
        label = Dimension(dimension).label if dimension in Dimension.values else dimension
        if found is None:
            return (
                None,
                _("%(dimension)s: waiting for the follow-up pulse to close") % {"dimension": label},
                None,
            )
        pulse, res = found
        total = res.total if res is not None else None
        cell = total.cells.get(dimension) if total is not None and not total.hidden else None
        if cell is None or cell.mean is None:
            reason = (
                _("%(dimension)s in %(pulse)s: not shown (fewer than %(k)d answers, or not asked)")
                if total is not None
                else _("%(dimension)s in %(pulse)s: not visible for your role")
            )
            return None, reason % {"dimension": label, "pulse": pulse.title, "k": pulse.min_group_size}, None
        source = _("%(dimension)s, organisation mean in %(pulse)s") % {
            "dimension": label,
            "pulse": pulse.title,
        }
        return cell.mean, source, timezone.localtime(pulse.closes_at).date()


def goal_rows(*, campaign: Campaign, role: str, goals: list[Goal] | None = None) -> list[GoalRow]:
    """One row per goal of the campaign: baseline, target, measured value, source, as-of, reached."""
    sources = _Sources(campaign, role)
    rows = []
    for goal in goals if goals is not None else list(campaign.goals.all()):
        kind = goal.kpi_kind
        if kind == Goal.KpiKind.PARTICIPATION:
            measured, source, as_of = sources.activities()
        elif kind == Goal.KpiKind.PULSE_PARTICIPATION:
            measured, source, as_of = sources.pulse_participation()
        elif kind == Goal.KpiKind.PULSE_SCORE:
            measured, source, as_of = sources.pulse_score(goal.dimension)
        else:
            measured, as_of = _float(goal.manual_value), goal.manual_on
            source = _("entered by hand") if measured is not None else _("not entered yet")
        baseline, target = _float(goal.baseline), _float(goal.target)
        rows.append(
            GoalRow(
                goal=goal,
                baseline=baseline,
                target=target,
                measured=measured,
                source=source,
                as_of=as_of,
                reached=goal_reached(baseline=baseline, target=target, measured=measured),
                unit=goal.unit,
            )
        )
    return rows
