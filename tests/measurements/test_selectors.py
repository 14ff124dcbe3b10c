"""Aggregation against a plain-Python reference, suppression in results, comparison and trend."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from measurements import selectors, services
from measurements.models import PulseKind, Question
from werkstressweek.accounts.models import Role

from ..factories import TeamFactory
from .helpers import answer_randomly, close


def reference(questions, given):
    """Plain Python: per dimension the scores (reverse-coded flipped), mean, distribution, % 4–5."""
    by_dim: dict[str, list[int]] = {}
    for answers in given:
        for q in questions:
            value = answers[q.pk]
            by_dim.setdefault(q.dimension, []).append(6 - value if q.reverse_coded else value)
    out = {}
    for dim, scores in by_dim.items():
        out[dim] = (
            len(scores),
            sum(scores) / len(scores),
            tuple(scores.count(s) for s in range(1, 6)),
            100 * sum(s >= 4 for s in scores) / len(scores),
        )
    return out


@pytest.fixture
def teams(org, team):
    return [
        team,
        TeamFactory(organisation=org, name="B", headcount=15),
        TeamFactory(organisation=org, name="C", headcount=12),
    ]


@pytest.fixture
def mixed_pulse(make_pulse, teams):
    """Questions with a reverse-coded item and two items in one dimension."""
    bank = Question.objects.filter(organisation__isnull=True)
    chosen = [
        *bank.filter(dimension="workload")[:2],
        bank.filter(dimension="energy").first(),
        bank.filter(dimension="safety").first(),
    ]
    return make_pulse(questions=chosen, teams=teams, open_question="Wat helpt?")


def test_results_match_a_plain_python_reference(mixed_pulse, teams):
    questions = list(mixed_pulse.questions.all())
    given = {
        t.pk: answer_randomly(mixed_pulse, t, n, seed=t.pk) for t, n in zip(teams, (12, 9, 8), strict=True)
    }
    results = selectors.pulse_results(mixed_pulse)
    for group in results.teams:
        assert not group.hidden
        assert group.respondents == len(given[group.team.pk])
        expected = reference(questions, given[group.team.pk])
        for dim, (n, mean, dist, fav) in expected.items():
            cell = group.cells[dim]
            assert (cell.n, cell.distribution) == (n, dist)
            assert cell.mean == pytest.approx(mean)
            assert cell.favourable == pytest.approx(fav)
    everyone = [a for rows in given.values() for a in rows]
    for dim, (n, mean, dist, _fav) in reference(questions, everyone).items():
        assert results.total.cells[dim].n == n
        assert results.total.cells[dim].mean == pytest.approx(mean)
        assert results.total.cells[dim].distribution == dist
    assert results.total.respondents == 29
    assert results.dimensions == ["workload", "energy", "safety"]


def test_a_small_team_and_its_next_smallest_sibling_show_nothing(mixed_pulse, teams):
    a, b, c = teams
    answer_randomly(mixed_pulse, a, 20)
    answer_randomly(mixed_pulse, b, 3)
    answer_randomly(mixed_pulse, c, 8)
    results = selectors.pulse_results(mixed_pulse)
    shown = {g.name: g for g in results.teams}
    assert shown["B"].hidden and shown["C"].hidden and not shown[a.name].hidden
    for name in ("B", "C"):
        assert shown[name].participation is None and shown[name].shown_respondents is None
        assert all(cell.mean is None and cell.distribution == () for cell in shown[name].cells.values())
    assert not results.total.hidden and results.total.respondents == 31


def test_traffic_lights_follow_the_organisation_thresholds(mixed_pulse, teams):
    a, b, c = teams
    answer_randomly(mixed_pulse, a, 8, low=1, high=2)
    answer_randomly(mixed_pulse, b, 8, low=3, high=3)
    answer_randomly(mixed_pulse, c, 8, low=5, high=5)
    results = selectors.pulse_results(mixed_pulse)
    lights = {g.name: g.cells["energy"].light for g in results.teams}
    assert lights == {a.name: "red", "B": "amber", "C": "green"}


def test_the_number_of_queries_does_not_grow_with_teams_or_responses(
    make_pulse, org, questions, django_assert_max_num_queries
):
    few = make_pulse(teams=[TeamFactory(organisation=org)])
    many_teams = [TeamFactory(organisation=org) for _ in range(8)]
    many = make_pulse(teams=many_teams)
    for t in many_teams:
        answer_randomly(many, t, 7)
    for pulse in (few, many):
        with django_assert_max_num_queries(5):
            results = selectors.pulse_results(pulse)
            [g.cells for g in results.teams]


def test_roles_see_only_what_the_permission_table_allows(mixed_pulse, teams):
    for t in teams:
        answer_randomly(mixed_pulse, t, 8)
    close(mixed_pulse)

    def seen(role, team_ids=()):
        return selectors.results_for_audience(mixed_pulse, role=role, team_ids=team_ids)

    manager = seen(Role.MANAGER, [teams[1].pk])
    assert [g.name for g in manager.teams] == ["B"] and manager.total is not None
    ambassador = seen(Role.AMBASSADOR)
    assert ambassador.teams == [] and ambassador.total is not None
    assert len(seen(Role.WORKS_COUNCIL).teams) == 3 and len(seen(Role.CORE_TEAM).teams) == 3
    assert seen("stranger") is not None and seen("stranger").teams == [] and seen("stranger").total is None


def test_comments_appear_only_for_groups_of_at_least_k(mixed_pulse, teams):
    a, b, c = teams
    answer_randomly(mixed_pulse, a, 10, comment="Meer overleg")
    answer_randomly(mixed_pulse, b, 3, comment="Te druk")
    answer_randomly(mixed_pulse, c, 8)
    results = selectors.pulse_results(mixed_pulse)
    assert selectors.pulse_comments(results, team=a) == ["Meer overleg"] * 10
    assert selectors.pulse_comments(results, team=b) == []
    assert sorted(set(selectors.pulse_comments(results))) == ["Meer overleg", "Te druk"]


def test_comparison_hides_a_team_in_both_rounds_and_says_when_a_change_is_unclear(
    make_pulse, teams, questions
):
    a, b, c = teams
    now = timezone.now()
    before = make_pulse(teams=teams, kind=PulseKind.BASELINE)
    after = make_pulse(teams=teams, kind=PulseKind.FOLLOW_UP, opens_at=now - timedelta(hours=1))
    answer_randomly(before, a, 30, low=1, high=3, seed=2)
    answer_randomly(after, a, 30, low=3, high=5, seed=3)
    answer_randomly(before, b, 3)
    answer_randomly(after, b, 10)
    answer_randomly(before, c, 12, seed=4)
    answer_randomly(after, c, 12, seed=5)
    comparison = selectors.pulse_comparison(before, after)
    rows = {g.name: g for g in comparison.teams}
    assert rows["B"].hidden and rows["C"].hidden  # B below k in the baseline, C as next-smallest sibling
    assert all(ch.direction == "hidden" for ch in rows["B"].changes.values())
    dim = next(q.dimension for q in questions if not q.reverse_coded)
    change = rows[a.name].changes[dim]
    assert change.direction == "up"
    assert change.interval.low > 0
    assert change.after.mean - change.before.mean == pytest.approx(change.interval.difference)
    assert comparison.total.changes[dim].direction in ("up", "unclear")


def test_an_interval_containing_zero_is_reported_as_no_clear_change(make_pulse, teams):
    a = teams[0]
    before = make_pulse(teams=[a])
    after = make_pulse(teams=[a], kind=PulseKind.FOLLOW_UP)
    answer_randomly(before, a, 10, seed=7)
    answer_randomly(after, a, 10, seed=8)
    comparison = selectors.pulse_comparison(before, after)
    change = next(iter(comparison.teams[0].changes.values()))
    assert change.interval.low < 0 < change.interval.high
    assert change.direction == "unclear"


def test_the_trend_shows_organisation_means_per_pulse_and_nothing_below_k(make_pulse, teams):
    a = teams[0]
    first = make_pulse(teams=[a])
    second = make_pulse(teams=[a], kind=PulseKind.FOLLOW_UP)
    answer_randomly(first, a, 8, low=2, high=2)
    answer_randomly(second, a, 3, low=4, high=4)
    close(first, second)
    dims, points = selectors.pulse_trend([second, first])
    assert [p.pulse for p in points] == [first, second]
    assert all(points[0].means[d] in (2.0, 4.0) for d in dims)
    assert points[1].respondents is None and all(v is None for v in points[1].means.values())


def test_a_team_hidden_in_one_round_of_a_campaign_is_hidden_in_every_round(make_pulse, org, teams):
    from campaigns.models import Campaign

    campaign = Campaign.objects.create(
        organisation=org, name="Week", year=2026, week_start=timezone.localdate()
    )
    a, b, c = teams
    before = make_pulse(teams=teams, campaign=campaign)
    after = make_pulse(teams=teams, campaign=campaign, kind=PulseKind.FOLLOW_UP)
    during = make_pulse(teams=teams, campaign=campaign, kind=PulseKind.DURING)
    unrelated = make_pulse(teams=teams)
    rounds = ((before, (20, 3, 9)), (after, (20, 9, 9)), (during, (2, 9, 9)), (unrelated, (20, 9, 9)))
    for pulse, sizes in rounds:
        for team, n in zip(teams, sizes, strict=True):
            answer_randomly(pulse, team, n)
    services.pulse_close_now(pulse=before)
    hidden_after = {g.name for g in selectors.pulse_results(after).teams if g.hidden}
    assert hidden_after == {"B", "C"}  # B was below k in the baseline, C hides it in the baseline
    assert not any(g.hidden for g in selectors.pulse_results(unrelated).teams)
    # A round during the week stands on its own: its small team does not hide the finished rounds.
    assert a.name in {g.name for g in selectors.pulse_results(during).teams if g.hidden}
    assert {g.name for g in selectors.pulse_results(before).teams if g.hidden} == {"B", "C"}
