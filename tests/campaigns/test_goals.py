"""Goals measured from data (campaigns/goals.py): each KPI kind takes its value from its own source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns import signups
from campaigns.goals import goal_reached, goal_rows
from campaigns.models import Goal
from measurements.models import Answer, PulseKind
from tests.measurements.helpers import answer_randomly, close

from .factories import ActivityFactory, GoalFactory


@pytest.fixture
def make_pulse(org, team, questions):
    from measurements.services import pulse_create

    def make(campaign, kind=PulseKind.FOLLOW_UP, **overrides):
        now = timezone.now()
        args = {
            "org": org,
            "title": "Nameting",
            "kind": kind,
            "questions": questions,
            "teams": [team],
            "opens_at": now - dt.timedelta(days=1),
            "closes_at": now + dt.timedelta(days=6),
            "campaign": campaign,
        }
        args.update(overrides)
        return pulse_create(**args)

    return make


def _row(campaign, goal, role="hr"):
    return next(r for r in goal_rows(campaign=campaign, role=role) if r.goal.pk == goal.pk)


def test_activity_participation_rises_with_sign_ups(campaign):
    goal = GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PARTICIPATION, target=60, unit="%")
    start = timezone.now() + dt.timedelta(days=1)
    activity = ActivityFactory(campaign=campaign, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    assert _row(campaign, goal).measured == 0
    for _ in range(7):
        signups.signup_create(activity=activity)
    row = _row(campaign, goal)
    assert row.measured == pytest.approx(10.0)  # 7 of 70 people
    assert row.reached is False
    assert "7" in row.source and "70" in row.source


def test_pulse_participation_comes_from_the_latest_opened_pulse_of_the_campaign(campaign, make_pulse, team):
    goal = GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_PARTICIPATION, target=50, unit="%")
    pulse = make_pulse(campaign, kind=PulseKind.BASELINE)
    make_pulse(  # planned, not opened: not the source yet
        campaign,
        opens_at=timezone.now() + dt.timedelta(days=5),
        closes_at=timezone.now() + dt.timedelta(days=9),
    )
    answer_randomly(pulse, team, 15)
    row = _row(campaign, goal)
    assert row.measured == pytest.approx(50.0)  # 15 of 30
    assert row.reached is True


def test_pulse_participation_below_k_is_not_shown(campaign, make_pulse, team):
    goal = GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_PARTICIPATION, target=50)
    answer_randomly(make_pulse(campaign), team, 3)
    assert _row(campaign, goal).measured is None


def test_pulse_score_is_the_organisation_mean_of_the_closed_follow_up(campaign, make_pulse, team, questions):
    dimension = questions[0].dimension
    goal = GoalFactory(
        campaign=campaign,
        kpi_kind=Goal.KpiKind.PULSE_SCORE,
        dimension=dimension,
        baseline=Decimal("3.0"),
        target=Decimal("3.5"),
    )
    baseline = make_pulse(campaign, kind=PulseKind.BASELINE)
    answer_randomly(baseline, team, 8, seed=2)
    follow_up = make_pulse(campaign)
    answer_randomly(follow_up, team, 8, seed=3)
    assert _row(campaign, goal).measured is None  # not closed yet: no figure of an open pulse
    close(baseline, follow_up)

    scores = list(Answer.objects.filter(pulse=follow_up, dimension=dimension).values_list("score", flat=True))
    row = _row(campaign, goal)
    assert row.measured == pytest.approx(sum(scores) / len(scores))
    assert row.reached is (round(row.measured, 2) >= 3.5)
    assert row.as_of == timezone.localtime(follow_up.closes_at).date()


def test_pulse_score_respects_k(campaign, make_pulse, team, questions):
    goal = GoalFactory(
        campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_SCORE, dimension=questions[0].dimension, target=3
    )
    follow_up = make_pulse(campaign)
    answer_randomly(follow_up, team, 4)
    close(follow_up)
    row = _row(campaign, goal)
    assert row.measured is None and row.reached is None


def test_a_manual_value_with_its_date_and_lower_is_better(campaign):
    goal = GoalFactory(
        campaign=campaign,
        kpi_kind=Goal.KpiKind.ABSENTEEISM,
        baseline=Decimal("6.5"),
        target=Decimal("5.5"),
        manual_value=Decimal("5.2"),
        manual_on=dt.date(2026, 12, 1),
    )
    row = _row(campaign, goal)
    assert (row.measured, row.as_of, row.reached) == (5.2, dt.date(2026, 12, 1), True)


def test_reached_follows_the_direction_from_baseline_to_target():
    assert goal_reached(baseline=3.4, target=3.8, measured=3.8) is True
    assert goal_reached(baseline=3.4, target=3.8, measured=3.79) is False
    assert goal_reached(baseline=6.0, target=5.0, measured=5.5) is False
    assert goal_reached(baseline=None, target=60, measured=None) is None


def test_goal_rows_run_a_bounded_number_of_queries(
    campaign, make_pulse, team, questions, django_assert_max_num_queries
):
    follow_up = make_pulse(campaign)
    answer_randomly(follow_up, team, 8)
    close(follow_up)
    for kind in (Goal.KpiKind.PARTICIPATION, Goal.KpiKind.PULSE_PARTICIPATION, Goal.KpiKind.CUSTOM):
        GoalFactory(campaign=campaign, kpi_kind=kind)
    for q in questions:
        GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_SCORE, dimension=q.dimension)
    with django_assert_max_num_queries(14):
        rows = goal_rows(campaign=campaign, role="hr")
    assert len(rows) == 6
    for q in questions:
        GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_SCORE, dimension=q.dimension)
    with django_assert_max_num_queries(14):
        assert len(goal_rows(campaign=campaign, role="hr")) == 9


def test_the_campaign_page_shows_the_measured_value(hr_client, campaign, url):
    goal = GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.CUSTOM, target=10, manual_value=12)
    page = hr_client.get(url()).content.decode()
    assert f'data-testid="goal-measured-{goal.pk}"' in page
    assert "12" in page.split(f'data-testid="goal-measured-{goal.pk}"')[1][:40]
