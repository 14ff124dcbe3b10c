"""Before/after of two closed pulses per team and dimension, with Welch 95% intervals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from werkstressweek.accounts.models import Team

from ..models import Pulse, PulseKind
from ..permissions import access_for, sees_team
from ..stats import Interval, welch_interval
from .results import (
    Cell,
    Group,
    answer_counts,
    build,
    hidden_teams,
    other_rounds,
    pulse_dimensions,
    respondents_from_counts,
    results_available,
    thresholds_for,
)


@dataclass
class Change:
    before: Cell
    after: Cell
    interval: Interval | None

    @property
    def direction(self) -> str:
        """'up', 'down', 'unclear' (interval contains zero) or 'hidden'."""
        if self.before.mean is None or self.after.mean is None:
            return "hidden"
        if self.interval is None or not self.interval.clear:
            return "unclear"
        return "up" if self.interval.difference > 0 else "down"


@dataclass
class GroupComparison:
    team: Team | None
    name: str
    before: Group
    after: Group
    hidden: bool
    changes: dict[str, Change]


@dataclass
class Comparison:
    baseline: Pulse
    follow_up: Pulse
    k: int
    dimensions: list[str]
    total: GroupComparison | None
    teams: list[GroupComparison]


def pulse_comparison(baseline: Pulse, follow_up: Pulse) -> Comparison:
    """Before/after with one hidden set for both rounds.

    k is the larger of the two pulses' recorded k. A team padded in either round is hidden in both;
    each round's total leaves out only the teams padded in that round, so it equals the total on
    that pulse's own results page (no difference between two pages reveals a team).
    """
    k = max(baseline.min_group_size, follow_up.min_group_size)
    dims_by_pulse = pulse_dimensions([baseline, follow_up])
    dims_b, dims_f = dims_by_pulse[baseline.pk], dims_by_pulse[follow_up.pk]
    dims = [d for d in dict.fromkeys(dims_b) if d in set(dims_f)]
    teams = {
        t.pk: t for t in Team.objects.filter(pulses__in=[baseline, follow_up]).distinct().order_by("name")
    }
    counts = answer_counts([baseline.pk, follow_up.pk])
    resp_b = respondents_from_counts(counts, baseline.pk, teams, len(dims_b))
    resp_f = respondents_from_counts(counts, follow_up.pk, teams, len(dims_f))
    headcounts = {pk: t.headcount for pk, t in teams.items()}
    # What each pulse's own page hides with its own k, hidden here too (a page and the comparison
    # together must not show more of a round than either does alone).
    own_b, _ = hidden_teams([resp_b], headcounts, baseline.min_group_size)
    own_f, _ = hidden_teams([resp_f], headcounts, follow_up.min_group_size)
    hidden, padded_per_round = hidden_teams(
        [resp_b, resp_f, *other_rounds([baseline, follow_up])], headcounts, k, seed=own_b | own_f
    )
    thresholds = thresholds_for(baseline.organisation)
    team_list = list(teams.values())
    before = build(
        baseline, team_list, dims, counts, resp_b, hidden, thresholds, k, excluded=padded_per_round[0]
    )
    after = build(
        follow_up, team_list, dims, counts, resp_f, hidden, thresholds, k, excluded=padded_per_round[1]
    )

    def compare(b: Group, a: Group) -> GroupComparison:
        is_hidden = b.hidden or a.hidden
        changes = {}
        for d in dims:
            cb, ca = b.cells[d], a.cells[d]
            interval = None
            if not is_hidden and cb.mean is not None and ca.mean is not None:
                interval = welch_interval(
                    cb.mean, cb.variance or 0.0, cb.n, ca.mean, ca.variance or 0.0, ca.n
                )
            changes[d] = Change(cb if not is_hidden else Cell(), ca if not is_hidden else Cell(), interval)
        return GroupComparison(b.team, b.name, b, a, is_hidden, changes)

    return Comparison(
        baseline,
        follow_up,
        k,
        dims,
        compare(before.total, after.total),
        [compare(b, a) for b, a in zip(before.teams, after.teams, strict=True)],
    )


def comparison_for_audience(
    baseline: Pulse, follow_up: Pulse, *, role: str, team_ids: Iterable[int]
) -> tuple[Comparison, list[GroupComparison]] | None:
    """The comparison and the groups a role may see, or None unless both pulses have closed."""
    if not (results_available(baseline) and results_available(follow_up)):
        return None
    result = pulse_comparison(baseline, follow_up)
    access = access_for(role)
    own = set(team_ids)
    groups = [result.total] if access.organisation and result.total is not None else []
    groups.extend(g for g in result.teams if g.team is not None and sees_team(access, g.team.pk, own))
    return result, groups


def comparison_default_pair(
    pulses: Sequence[Pulse], *, preselect: Pulse | None = None
) -> tuple[Pulse | None, Pulse | None]:
    """The pair the comparison page opens with, from closed pulses (newest first).

    With a pulse preselected (the results page's "before and after" button) it is paired with the
    nearest earlier or later round of its own campaign: a follow-up with its baseline, a baseline
    with its follow-up. Otherwise the newest campaign with a closed baseline and follow-up; failing
    that, the two newest pulses. Always in time order: before, after.
    """
    ordered = sorted(pulses, key=lambda p: (p.opens_at, p.pk))
    if preselect is not None and preselect in ordered:
        same = [p for p in ordered if p.campaign_id == preselect.campaign_id and p != preselect]
        if preselect.kind == PulseKind.BASELINE:
            later = [p for p in same if p.opens_at > preselect.opens_at]
            after = next((p for p in later if p.kind == PulseKind.FOLLOW_UP), later[0] if later else None)
            if after is not None:
                return preselect, after
        earlier = [p for p in same if p.opens_at < preselect.opens_at]
        before = next((p for p in earlier if p.kind == PulseKind.BASELINE), earlier[-1] if earlier else None)
        if before is not None:
            return before, preselect
        others = [p for p in ordered if p != preselect]
        if others:
            other = others[-1]
            return (other, preselect) if other.opens_at < preselect.opens_at else (preselect, other)
    by_campaign: dict[int, dict[str, Pulse]] = {}
    for p in ordered:  # the last of each kind per campaign wins
        if p.campaign_id is not None:
            by_campaign.setdefault(p.campaign_id, {})[p.kind] = p
    pairs = [
        (kinds[PulseKind.BASELINE], kinds[PulseKind.FOLLOW_UP])
        for kinds in by_campaign.values()
        if PulseKind.BASELINE in kinds
        and PulseKind.FOLLOW_UP in kinds
        and kinds[PulseKind.BASELINE].opens_at < kinds[PulseKind.FOLLOW_UP].opens_at
    ]
    if pairs:
        return max(pairs, key=lambda pair: pair[1].opens_at)
    if len(ordered) >= 2:
        return ordered[-2], ordered[-1]
    return None, None


def comparison_order_error(baseline: Pulse | None, follow_up: Pulse | None) -> str | None:
    """Why this before/after pair is refused, or None: two different pulses, the earlier one first."""
    from django.utils.translation import gettext as _

    if baseline is None or follow_up is None:
        return None
    if baseline == follow_up:
        return _("Choose two different pulses.")
    if (baseline.opens_at, baseline.pk) > (follow_up.opens_at, follow_up.pk):
        return _("'Before' opened after 'After'. Choose the earlier pulse as 'Before', or swap them back.")
    return None
