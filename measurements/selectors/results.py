"""Results of one pulse per team and dimension, participation, comments — and what each role sees.

Everything is counted in the database with one GROUP BY over answers (pulse, team, dimension,
score) that the covering index serves; means, distributions and favourable shares follow exactly
from those counts. Queries do not grow with the number of teams or responses.

Rules (DESIGN.md §5) applied here, once: no figure of a pulse that has not closed (only
participation); k is the one recorded on the pulse; teams with more respondents than headcount
(padding) are hidden and left out of every total; suppression is shared with the rounds a pulse is
compared with. Views reach results only through the `*_for_audience` functions.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from werkstressweek.accounts.models import Organisation, Team

from ..models import (
    FAVOURABLE_FROM,
    SCALE,
    Answer,
    Pulse,
    PulseKind,
    PulseQuestion,
    PulseTeam,
    Question,
    Response,
    ResultSettings,
)
from ..permissions import Scope, access_for, sees_team
from ..suppression import padded, suppress_rounds

DEFAULT_RED_BELOW = Decimal("2.5")
DEFAULT_AMBER_BELOW = Decimal("3.5")


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


def results_available(pulse: Pulse, now=None) -> bool:
    """Figures of a pulse exist only once it has closed (a change between two looks is one answer)."""
    return pulse.state(now) == "closed"


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
    padded: bool = False  # more respondents than headcount: never shown, left out of totals

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
    padded_teams: list[str] = field(default_factory=list)  # names, for HR's explanation
    excluded: frozenset[int] = frozenset()  # padded team ids, left out of every total (never scoped)

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


def respondents_from_counts(
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


def build(
    pulse: Pulse,
    teams: list[Team],
    dims: list[str],
    counts: dict[tuple, list[int]],
    respondents: dict[int, int],
    hidden: set[int],
    thresholds: Thresholds,
    k: int,
    *,
    excluded: set[int] = frozenset(),
    headcounts: Mapping[int, int] | None = None,
) -> PulseResults:
    """Groups and the organisation total; `excluded` (padded) teams are hidden and not in the total.

    `headcounts` are the ones the pulse recorded, when `teams` do not carry them already.
    """
    heads = {t.pk: t.headcount for t in teams} if headcounts is None else headcounts
    groups: list[Group] = []
    total_cells: dict[str, list[int]] = {d: [0] * len(SCALE) for d in dims}
    for team in teams:
        is_hidden = team.pk in hidden or team.pk in excluded
        cells = {}
        for d in dims:
            c = counts.get((pulse.pk, team.pk, d), [0] * len(SCALE))
            if team.pk not in excluded:
                total_cells[d] = _merge(total_cells[d], c)
            cells[d] = Cell() if is_hidden else Cell.from_counts(c, thresholds)
        groups.append(
            Group(
                team,
                team.name,
                respondents.get(team.pk, 0),
                heads.get(team.pk, 0),
                is_hidden,
                cells,
                padded=team.pk in excluded,
            )
        )
    counted = [t for t in teams if t.pk not in excluded]
    total_n = sum(respondents.get(t.pk, 0) for t in counted)
    total_hidden = total_n < k
    total = Group(
        None,
        pulse.organisation.name,
        total_n,
        sum(heads.get(t.pk, 0) for t in counted),
        total_hidden,
        {d: Cell() if total_hidden else Cell.from_counts(c, thresholds) for d, c in total_cells.items()},
    )
    padded_names = [g.name for g in groups if g.padded]
    return PulseResults(pulse, k, dims, groups, total, thresholds, padded_names, frozenset(excluded))


COMPARED_KINDS = (PulseKind.BASELINE, PulseKind.FOLLOW_UP)


def other_rounds(pulses: Sequence[Pulse]) -> tuple[list[dict[int, int]], list[dict[int, int]]]:
    """Respondents per team in the other before/after rounds of the same campaign(s), and the
    headcounts those rounds recorded, in one GROUP BY.

    Suppression of a baseline or follow-up is decided over the campaign's closed baselines and
    follow-ups together, so that a team hidden in the baseline is hidden in the follow-up too and
    comparing the two pages reveals nothing. Pulses during the week and recurring pulses stand on
    their own.
    """
    campaign_ids = {p.campaign_id for p in pulses if p.campaign_id and p.kind in COMPARED_KINDS}
    if not campaign_ids:
        return [], []
    rows = (
        Response.objects.filter(
            pulse__campaign_id__in=campaign_ids,
            pulse__kind__in=COMPARED_KINDS,
            pulse__closes_at__lte=timezone.now(),
            pulse__pulse_teams__team_id=F("team_id"),
        )
        .exclude(pulse_id__in=[p.pk for p in pulses])
        .values("pulse_id", "team_id", "pulse__pulse_teams__headcount")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("pulse_id", "team_id", "pulse__pulse_teams__headcount", "n")
    )
    rounds: dict[int, dict[int, int]] = defaultdict(dict)
    headcounts: dict[int, dict[int, int]] = defaultdict(dict)
    for pulse_id, team_id, headcount, n in rows:
        rounds[pulse_id][team_id] = n
        headcounts[pulse_id][team_id] = headcount
    return list(rounds.values()), [headcounts[p] for p in rounds]


def hidden_teams(
    rounds: Sequence[dict[int, int]],
    headcounts: Mapping[int, int] | Sequence[Mapping[int, int]],
    k: int,
    *,
    seed: Iterable[int] = (),
) -> tuple[set[int], list[set[int]]]:
    """One hidden set over compared rounds, and per round the padded teams left out of its total.

    `headcounts` are the ones each round recorded (one mapping per round), or one for all rounds.

    A team padded in any round is hidden in all of them; in the round where it is padded its
    respondents count for nothing (they are not in that round's total either). `seed` are teams
    hidden already on another page of the same round, so that every view of a round hides at least
    what its own page hides and no two views together show more than one of them.
    """
    per_round = [headcounts] * len(rounds) if isinstance(headcounts, Mapping) else headcounts
    padded_per_round = [padded(r, h) for r, h in zip(rounds, per_round, strict=True)]
    clean = [
        {t: n for t, n in r.items() if t not in p} for r, p in zip(rounds, padded_per_round, strict=True)
    ]
    also = set().union(*padded_per_round) if padded_per_round else set()
    return suppress_rounds(clean, k, hidden=also | set(seed)), padded_per_round


def pulse_layout(pulse: Pulse) -> tuple[list[str], list[Team]]:
    """The pulse's dimensions (question order) and teams (by name, each with the headcount the
    pulse recorded), in one round trip."""
    sql = f"""
        SELECT 0, pq.position, pq.id, q.dimension, 0 FROM {PulseQuestion._meta.db_table} pq
        JOIN {Question._meta.db_table} q ON q.id = pq.question_id WHERE pq.pulse_id = %s
        UNION ALL
        SELECT 1, 0, t.id, t.name, pt.headcount FROM {PulseTeam._meta.db_table} pt
        JOIN {Team._meta.db_table} t ON t.id = pt.team_id WHERE pt.pulse_id = %s
    """  # noqa: S608 - table names only, no user input
    with connection.cursor() as cursor:
        cursor.execute(sql, [pulse.pk, pulse.pk])
        rows = cursor.fetchall()
    dims = [row[3] for row in sorted((r for r in rows if r[0] == 0), key=lambda r: (r[1], r[2]))]
    teams = sorted(
        (
            Team(pk=row[2], name=row[3], headcount=row[4], organisation=pulse.organisation)
            for row in rows
            if row[0] == 1
        ),
        key=lambda t: t.name,
    )
    return dims, teams


def pulse_results(pulse: Pulse) -> PulseResults:
    """All results of one pulse with suppression and padding applied (k recorded on the pulse).

    For views and exports use `results_for_audience`, which also refuses a pulse still open.
    """
    from .tallies import closed_answer_counts  # tallies builds on this module

    k = pulse.min_group_size
    dims, teams = pulse_layout(pulse)
    counts = closed_answer_counts([pulse])  # kept once the pulse has closed
    respondents = respondents_from_counts(counts, pulse.pk, [t.pk for t in teams], len(dims))
    headcounts = {t.pk: t.headcount for t in teams}
    rounds, round_headcounts = other_rounds([pulse])
    hidden, padded_per_round = hidden_teams([respondents, *rounds], [headcounts, *round_headcounts], k)
    return build(
        pulse,
        teams,
        list(dict.fromkeys(dims)),
        counts,
        respondents,
        hidden,
        thresholds_for(pulse.organisation),
        k,
        excluded=padded_per_round[0],
    )


# --- What each role sees ---------------------------------------------------------------------------


def scope_results(results: PulseResults, *, role: str, team_ids: Iterable[int]) -> PulseResults:
    """Cut full results down to what the permission table allows a role."""
    access = access_for(role)
    own = set(team_ids)
    return replace(
        results,
        teams=[g for g in results.teams if g.team is not None and sees_team(access, g.team.pk, own)],
        total=results.total if access.organisation else None,
        padded_teams=results.padded_teams if access.teams == Scope.ALL else [],
    )


def results_for_audience(pulse: Pulse, *, role: str, team_ids: Iterable[int]) -> PulseResults | None:
    """The results a role may see, or None while the pulse has not closed."""
    if not results_available(pulse):
        return None
    return scope_results(pulse_results(pulse), role=role, team_ids=team_ids)


def pulse_comments(results: PulseResults, *, team: Team | None = None) -> list[str]:
    """Open comments of a visible group, shuffled, without dates or team labels.

    The organisation's comments leave out padded teams, like its figures.
    """
    group = results.total if team is None else results.for_team(team.pk)
    if group is None or group.hidden or not results.pulse.open_question:
        return []
    qs = Response.objects.filter(pulse=results.pulse).exclude(comment="")
    if team is not None:
        qs = qs.filter(team=team)
    elif results.excluded:
        qs = qs.exclude(team_id__in=results.excluded)
    comments = list(qs.values_list("comment", flat=True))
    random.SystemRandom().shuffle(comments)
    return comments


def comments_for_audience(
    results: PulseResults, *, role: str, team_ids: Iterable[int], team: Team | None = None
) -> list[str]:
    """Comments a role may read: of the organisation or any visible team (ALL), own teams (OWN)."""
    access = access_for(role)
    if access.comments == Scope.NONE:
        return []
    if access.comments == Scope.OWN and (team is None or team.pk not in set(team_ids)):
        return []
    return pulse_comments(results, team=team)
