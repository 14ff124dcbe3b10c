"""Organisation means over closed pulses, and the pulse list with its participation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from werkstressweek.accounts.models import Organisation

from ..models import SCALE, Pulse, PulseTeam, Response
from ..permissions import access_for
from ..suppression import padded
from .results import pulse_dimensions, results_available
from .tallies import closed_answer_counts


@dataclass
class TrendPoint:
    pulse: Pulse
    respondents: int | None
    means: dict[str, float | None]


def pulse_teams_headcounts(pulse_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    """{pulse: {team: headcount the pulse recorded}} in one query."""
    out: dict[int, dict[int, int]] = defaultdict(dict)
    for pulse_id, team_id, headcount in PulseTeam.objects.filter(pulse_id__in=pulse_ids).values_list(
        "pulse_id", "team_id", "headcount"
    ):
        out[pulse_id][team_id] = headcount
    return out


def pulse_trend(pulses: Sequence[Pulse]) -> tuple[list[str], list[TrendPoint]]:
    """Organisation means per dimension over closed pulses (oldest first), in three queries.

    A pulse that has not closed is left out; a pulse below its own k shows nothing; padded teams
    are left out of each point exactly as on the pulse's results page.
    """
    pulses = sorted((p for p in pulses if results_available(p)), key=lambda p: p.opens_at)
    if not pulses:
        return [], []
    ids = [p.pk for p in pulses]
    dims_by_pulse = pulse_dimensions(pulses)
    counts = closed_answer_counts(pulses)
    headcounts = pulse_teams_headcounts(ids)
    dims = list(dict.fromkeys(d for p in pulses for d in dims_by_pulse[p.pk]))
    by_pulse: dict[int, list[tuple[int, str, list[int]]]] = defaultdict(list)
    for (pulse_id, team_id, dim), row in counts.items():
        by_pulse[pulse_id].append((team_id, dim, row))
    points = []
    for pulse in pulses:
        rows = by_pulse.get(pulse.pk, [])
        n_questions = max(len(dims_by_pulse[pulse.pk]), 1)
        per_team: dict[int, int] = defaultdict(int)
        for team_id, _dim, row in rows:
            per_team[team_id] += sum(row)
        respondents = {t: a // n_questions for t, a in per_team.items()}
        excluded = padded(respondents, headcounts.get(pulse.pk, {}))
        n = sum(v for t, v in respondents.items() if t not in excluded)
        visible = n >= pulse.min_group_size
        totals = {d: [0] * len(SCALE) for d in dims}
        for team_id, dim, row in rows:
            if team_id not in excluded and dim in totals:
                totals[dim] = [x + y for x, y in zip(totals[dim], row, strict=True)]
        means: dict[str, float | None] = {}
        for d in dims:
            c = totals[d]
            means[d] = (
                sum(s * x for s, x in zip(SCALE, c, strict=True)) / sum(c) if visible and sum(c) else None
            )
        points.append(TrendPoint(pulse, n if visible else None, means))
    return dims, points


def trend_for_audience(pulses: Sequence[Pulse], *, role: str) -> tuple[list[str], list[TrendPoint]]:
    """The organisation trend for roles that see the organisation level; closed pulses only."""
    if not access_for(role).organisation:
        return [], []
    return pulse_trend(pulses)


def org_pulses(org: Organisation):
    return Pulse.objects.filter(organisation=org).order_by("-opens_at")


def closed_pulses(org: Organisation):
    """The pulses whose results exist: the only ones a comparison or trend may use."""
    return org_pulses(org).filter(closes_at__lte=timezone.now())


def pulses_with_participation(
    org: Organisation, *, pulse_ids: Collection[int] | None = None
) -> list[tuple[Pulse, int | None]]:
    """Pulses (all, or those of `pulse_ids`) with their respondent count (None below the pulse's
    k), padded teams left out.

    Three queries whatever the number of pulses. The count is participation, the one figure shown
    while a pulse is open.
    """
    pulses = org_pulses(org)
    if pulse_ids is not None:
        pulses = pulses.filter(pk__in=pulse_ids)
    pulses = list(pulses)
    ids = [p.pk for p in pulses]
    per_team: dict[int, dict[int, int]] = defaultdict(dict)
    for pulse_id, team_id, n in (
        Response.objects.filter(pulse_id__in=ids)
        .values("pulse_id", "team_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("pulse_id", "team_id", "n")
    ):
        per_team[pulse_id][team_id] = n
    headcounts = pulse_teams_headcounts(ids)
    out = []
    for p in pulses:
        respondents = per_team.get(p.pk, {})
        excluded = padded(respondents, headcounts.get(p.pk, {}))
        n = sum(v for t, v in respondents.items() if t not in excluded)
        out.append((p, n if n >= p.min_group_size else None))
    return out
