"""Read side of pulses: results per team and dimension, comparison and trend.

Everything is counted in the database with one GROUP BY over answers (pulse, team, dimension,
score) that the covering index serves; means, distributions and favourable shares follow exactly
from those counts. Queries do not grow with the number of teams or responses.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count

from werkstressweek.accounts.models import Organisation, Role, Team

from .models import FAVOURABLE_FROM, SCALE, Answer, Pulse, PulseQuestion, Response, ResultSettings
from .stats import Interval, welch_interval
from .suppression import suppress_rounds

DEFAULT_RED_BELOW = Decimal("2.5")
DEFAULT_AMBER_BELOW = Decimal("3.5")
# Roles that see every team (hidden teams only as "fewer than k").
ALL_TEAM_ROLES = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)


@dataclass(frozen=True)
class Thresholds:
    red_below: float = float(DEFAULT_RED_BELOW)
    amber_below: float = float(DEFAULT_AMBER_BELOW)

    def light(self, mean: float | None) -> str:
        if mean is None:
            return "hidden"
        if mean < self.red_below:
            return "red"
        return "amber" if mean < self.amber_below else "green"


def thresholds_for(org: Organisation) -> Thresholds:
    """The organisation's traffic-light thresholds (no query when selected with the organisation)."""
    try:
        row = org.result_settings
    except ResultSettings.DoesNotExist:
        return Thresholds()
    return Thresholds(float(row.red_below), float(row.amber_below))


@dataclass
class Cell:
    """One group × dimension. Figures are None when the group is hidden."""

    n: int = 0
    mean: float | None = None
    variance: float | None = None
    distribution: tuple[int, ...] = ()
    favourable: float | None = None
    light: str = "hidden"

    @classmethod
    def from_counts(cls, counts: Sequence[int], thresholds: Thresholds) -> Cell:
        n = sum(counts)
        if n == 0:
            return cls()
        total = sum(score * c for score, c in zip(SCALE, counts, strict=True))
        squares = sum(score * score * c for score, c in zip(SCALE, counts, strict=True))
        mean = total / n
        variance = (squares - n * mean * mean) / (n - 1) if n > 1 else 0.0
        favourable = 100.0 * sum(c for s, c in zip(SCALE, counts, strict=True) if s >= FAVOURABLE_FROM) / n
        return cls(n, mean, max(variance, 0.0), tuple(counts), favourable, thresholds.light(mean))


@dataclass
class Group:
    """A team, or the organisation total (team None)."""

    team: Team | None
    name: str
    respondents: int
    headcount: int
    hidden: bool
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def participation(self) -> float | None:
        if self.hidden or not self.headcount:
            return None
        return min(100.0, 100.0 * self.respondents / self.headcount)

    @property
    def shown_respondents(self) -> int | None:
        return None if self.hidden else self.respondents


@dataclass
class PulseResults:
    pulse: Pulse
    k: int
    dimensions: list[str]
    teams: list[Group]
    total: Group | None
    thresholds: Thresholds

    def for_team(self, team_id: int) -> Group | None:
        return next((g for g in self.teams if g.team is not None and g.team.pk == team_id), None)


def pulse_dimensions(pulses: Iterable[Pulse]) -> dict[int, list[str]]:
    """Dimensions per pulse in question order, and the number of questions (one query)."""
    dims: dict[int, list[str]] = defaultdict(list)
    for pulse_id, dimension in (
        PulseQuestion.objects.filter(pulse__in=list(pulses))
        .order_by("pulse_id", "position", "pk")
        .values_list("pulse_id", "question__dimension")
    ):
        dims[pulse_id].append(dimension)
    return dims


def answer_counts(pulse_ids: Sequence[int], *, by_team: bool = True) -> dict[tuple, list[int]]:
    """{(pulse, team, dimension): [count of score 1..5]} in one GROUP BY over answers.

    Plain SQL on purpose: the covering index answers it alone, and skipping the ORM's per-row
    conversion keeps the dashboard within a small factor of the bare query (bench/aggregation.py).
    """
    if not pulse_ids:
        return {}
    columns = "pulse_id, team_id, dimension, score" if by_team else "pulse_id, dimension, score"
    placeholders = ", ".join(["%s"] * len(pulse_ids))
    sql = (
        f"SELECT {columns}, COUNT(*) FROM {Answer._meta.db_table} "  # noqa: S608 - no user input
        f"WHERE pulse_id IN ({placeholders}) GROUP BY {columns}"
    )
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(SCALE))
    with connection.cursor() as cursor:
        cursor.execute(sql, list(pulse_ids))
        for *key, score, n in cursor.fetchall():
            counts[tuple(key)][score - 1] = n
    return counts


def _respondents(
    counts: dict[tuple, list[int]], pulse_id: int, team_ids: Iterable[int], n_questions: int
) -> dict[int, int]:
    """Respondents per team: every response answers every question of its pulse."""
    answers: dict[int, int] = defaultdict(int)
    for (p, team_id, _dim), c in counts.items():
        if p == pulse_id:
            answers[team_id] += sum(c)
    return {t: answers.get(t, 0) // max(n_questions, 1) for t in team_ids}


def _merge(a: Sequence[int], b: Sequence[int]) -> list[int]:
    return [x + y for x, y in zip(a, b, strict=True)]


def _build(
    pulse: Pulse,
    teams: list[Team],
    dims: list[str],
    counts: dict[tuple, list[int]],
    respondents: dict[int, int],
    hidden: set[int],
    thresholds: Thresholds,
    k: int,
) -> PulseResults:
    groups: list[Group] = []
    total_cells: dict[str, list[int]] = {d: [0] * len(SCALE) for d in dims}
    for team in teams:
        is_hidden = team.pk in hidden
        cells = {}
        for d in dims:
            c = counts.get((pulse.pk, team.pk, d), [0] * len(SCALE))
            total_cells[d] = _merge(total_cells[d], c)
            cells[d] = Cell() if is_hidden else Cell.from_counts(c, thresholds)
        groups.append(Group(team, team.name, respondents.get(team.pk, 0), team.headcount, is_hidden, cells))
    total_n = sum(respondents.values())
    total_hidden = total_n < k
    total = Group(
        None,
        pulse.organisation.name,
        total_n,
        sum(t.headcount for t in teams),
        total_hidden,
        {d: Cell() if total_hidden else Cell.from_counts(c, thresholds) for d, c in total_cells.items()},
    )
    return PulseResults(pulse, k, dims, groups, total, thresholds)


def other_rounds(pulses: Sequence[Pulse]) -> list[dict[int, int]]:
    """Respondents per team in the other pulses of the same campaign(s), one GROUP BY.

    Suppression is decided over all rounds of a campaign together, so that a team hidden in the
    baseline is hidden in the follow-up too, and comparing the rounds' pages reveals nothing.
    """
    campaign_ids = {p.campaign_id for p in pulses if p.campaign_id}
    if not campaign_ids:
        return []
    rows = (
        Response.objects.filter(pulse__campaign_id__in=campaign_ids)
        .exclude(pulse_id__in=[p.pk for p in pulses])
        .values("pulse_id", "team_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("pulse_id", "team_id", "n")
    )
    rounds: dict[int, dict[int, int]] = defaultdict(dict)
    for pulse_id, team_id, n in rows:
        rounds[pulse_id][team_id] = n
    return list(rounds.values())


def pulse_results(pulse: Pulse, *, also_hide: Iterable[int] = ()) -> PulseResults:
    """Results of one pulse per team and for the organisation, with suppression applied."""
    org = pulse.organisation
    k = org.min_group_size
    dims = pulse_dimensions([pulse])[pulse.pk]
    teams = list(pulse.teams.order_by("name"))
    counts = answer_counts([pulse.pk])
    respondents = _respondents(counts, pulse.pk, [t.pk for t in teams], len(dims))
    hidden = suppress_rounds([respondents, *other_rounds([pulse])], k) | set(also_hide)
    return _build(
        pulse, teams, list(dict.fromkeys(dims)), counts, respondents, hidden, thresholds_for(org), k
    )


def participation(pulse: Pulse) -> PulseResults:
    """Live participation: respondents per team with the same suppression (no scores needed)."""
    return pulse_results(pulse)


def results_for_role(results: PulseResults, *, role: str, team_ids: Iterable[int]) -> PulseResults:
    """What a role may see: managers their own teams, ambassadors the organisation only."""
    if role in ALL_TEAM_ROLES:
        return results
    if role == Role.MANAGER:
        own = set(team_ids)
        return PulseResults(
            results.pulse,
            results.k,
            results.dimensions,
            [g for g in results.teams if g.team is not None and g.team.pk in own],
            None,
            results.thresholds,
        )
    return PulseResults(results.pulse, results.k, results.dimensions, [], results.total, results.thresholds)


def pulse_comments(results: PulseResults, *, team: Team | None = None) -> list[str]:
    """Open comments of a visible group, shuffled, without dates or team labels."""
    group = results.total if team is None else results.for_team(team.pk)
    if group is None or group.hidden or not results.pulse.open_question:
        return []
    qs = Response.objects.filter(pulse=results.pulse).exclude(comment="")
    if team is not None:
        qs = qs.filter(team=team)
    comments = list(qs.values_list("comment", flat=True))
    random.SystemRandom().shuffle(comments)
    return comments


# --- Comparison and trend -------------------------------------------------------------------------


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
    """Before/after per team and dimension with Welch 95% intervals; one hidden set for both rounds."""
    org = baseline.organisation
    k = org.min_group_size
    dims_by_pulse = pulse_dimensions([baseline, follow_up])
    dims_b, dims_f = dims_by_pulse[baseline.pk], dims_by_pulse[follow_up.pk]
    dims = [d for d in dict.fromkeys(dims_b) if d in set(dims_f)]
    teams = {
        t.pk: t for t in Team.objects.filter(pulses__in=[baseline, follow_up]).distinct().order_by("name")
    }
    counts = answer_counts([baseline.pk, follow_up.pk])
    resp_b = _respondents(counts, baseline.pk, teams, len(dims_b))
    resp_f = _respondents(counts, follow_up.pk, teams, len(dims_f))
    hidden = suppress_rounds([resp_b, resp_f, *other_rounds([baseline, follow_up])], k)
    thresholds = thresholds_for(org)
    team_list = list(teams.values())
    before = _build(baseline, team_list, dims, counts, resp_b, hidden, thresholds, k)
    after = _build(follow_up, team_list, dims, counts, resp_f, hidden, thresholds, k)

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


@dataclass
class TrendPoint:
    pulse: Pulse
    respondents: int | None
    means: dict[str, float | None]


def pulse_trend(pulses: Sequence[Pulse]) -> tuple[list[str], list[TrendPoint]]:
    """Organisation means per dimension over pulses (oldest first); a pulse below k shows nothing."""
    pulses = sorted(pulses, key=lambda p: p.opens_at)
    if not pulses:
        return [], []
    dims_by_pulse = pulse_dimensions(pulses)
    counts = answer_counts([p.pk for p in pulses], by_team=False)
    dims = list(dict.fromkeys(d for p in pulses for d in dims_by_pulse[p.pk]))
    points = []
    for pulse in pulses:
        pdims = dims_by_pulse[pulse.pk]
        answers = sum(sum(counts.get((pulse.pk, d), [0])) for d in set(pdims))
        n = answers // max(len(pdims), 1)
        visible = n >= pulse.organisation.min_group_size
        means: dict[str, float | None] = {}
        for d in dims:
            c = counts.get((pulse.pk, d))
            means[d] = (
                sum(s * x for s, x in zip(SCALE, c, strict=True)) / sum(c)
                if visible and c and sum(c)
                else None
            )
        points.append(TrendPoint(pulse, n if visible else None, means))
    return dims, points


def org_pulses(org: Organisation):
    return Pulse.objects.filter(organisation=org).order_by("-opens_at")


def pulses_with_participation(org: Organisation) -> list[tuple[Pulse, int | None]]:
    """Pulses of the organisation with their respondent count (None below k) in two queries."""
    pulses = list(org_pulses(org).annotate(n_responses=Count("responses", distinct=True)))
    k = org.min_group_size
    return [(p, p.n_responses if p.n_responses >= k else None) for p in pulses]
