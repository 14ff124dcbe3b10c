"""Participation: how many answered, the one figure of a pulse that has not closed (DESIGN.md §5.3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Count

from ..models import Pulse, Response
from ..permissions import Scope, access_for
from .results import PulseResults, Thresholds, build, hidden_teams, pulse_layout


def participation(pulse: Pulse) -> PulseResults:
    """How many answered, per team and in total, with no scores at all: the only figure of an open
    pulse. The same rule everywhere (pages, exports, code lists): a team's count is shown only from
    the pulse's k (and not when hiding it protects a smaller team), otherwise "< k"."""
    k = pulse.min_group_size
    _dims, teams = pulse_layout(pulse)
    rows = (
        Response.objects.filter(pulse=pulse)
        .values("team_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("team_id", "n")
    )
    respondents = {t.pk: 0 for t in teams} | dict(rows)
    headcounts = {t.pk: t.headcount for t in teams}
    hidden, padded_per_round = hidden_teams([respondents], headcounts, k)
    return build(pulse, teams, [], {}, respondents, hidden, Thresholds(), k, excluded=padded_per_round[0])


def participation_for_audience(pulse: Pulse, *, role: str, team_ids: Iterable[int]) -> PulseResults:
    """Participation a role may see: the organisation total for everyone, teams per the table."""
    access = access_for(role)
    own = set(team_ids)
    full = participation(pulse)
    scope = access.participation
    return replace(
        full,
        teams=[
            g
            for g in full.teams
            if scope == Scope.ALL or (scope == Scope.OWN and g.team is not None and g.team.pk in own)
        ],
        padded_teams=full.padded_teams if scope == Scope.ALL else [],
    )
