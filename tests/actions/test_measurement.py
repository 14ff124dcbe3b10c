"""A check-in shows what the latest closed pulse says about the action's dimension, respecting k."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from actions.measurement import latest_pulse_result
from measurements.models import Distribution, PulseKind, Question
from measurements.question_bank import seed
from measurements.services import pulse_close_now, pulse_create, pulse_submit
from werkstressweek.accounts.models import Role


@pytest.fixture
def questions(db):
    """A workload question first, then two of other dimensions (a pulse asks 3 to 5)."""
    seed(Question)
    bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
    workload = bank.filter(dimension="workload").first()
    others = list(bank.exclude(dimension="workload").order_by("dimension", "pk"))
    picked = [others[0], next(q for q in others if q.dimension != others[0].dimension)]
    return [workload, *picked]


@pytest.fixture
def make_closed_pulse(org, team, questions):
    def make(answers: int, score: int = 2, *, close: bool = True, title: str = "Nameting"):
        now = timezone.now()
        pulse = pulse_create(
            org=org,
            title=title,
            kind=PulseKind.FOLLOW_UP,
            questions=questions,
            teams=[team],
            opens_at=now - timedelta(days=2),
            closes_at=now + timedelta(days=5),
            distribution=Distribution.TEAM_LINK,
        )
        for _ in range(answers):
            pulse_submit(pulse=pulse, team=team, answers={q.pk: score for q in questions})
        if close:
            pulse_close_now(pulse=pulse)
        return pulse

    return make


def hr(org, hr_user):
    return hr_user.memberships.get(organisation=org)


def test_the_latest_closed_pulse_shows_the_teams_score_on_the_dimension(
    org, team, hr_user, make_action, make_closed_pulse, questions
):
    make_closed_pulse(answers=org.min_group_size, score=2)
    expected = 4.0 if questions[0].reverse_coded else 2.0  # stored so that higher is better
    action = make_action(level="team", team=team, measure_dimension="workload")
    result = latest_pulse_result(action=action, membership=hr(org, hr_user))
    assert result is not None and not result.hidden
    assert result.mean == pytest.approx(expected)


def test_a_group_below_k_is_not_shown(org, team, hr_user, make_action, make_closed_pulse):
    make_closed_pulse(answers=org.min_group_size - 1)
    action = make_action(level="team", team=team, measure_dimension="workload")
    result = latest_pulse_result(action=action, membership=hr(org, hr_user))
    assert result is not None and result.hidden and result.mean is None


def test_an_open_pulse_is_never_shown(org, team, hr_user, make_action, make_closed_pulse):
    make_closed_pulse(answers=org.min_group_size, close=False)
    action = make_action(level="team", team=team, measure_dimension="workload")
    assert latest_pulse_result(action=action, membership=hr(org, hr_user)) is None


def test_without_a_pulse_dimension_nothing_is_looked_up(org, hr_user, make_action, django_assert_num_queries):
    action = make_action()
    membership = hr(org, hr_user)
    with django_assert_num_queries(0):
        assert latest_pulse_result(action=action, membership=membership) is None


def test_the_check_in_page_shows_the_result(org, team, client_for, member_of, make_action, make_closed_pulse):
    make_closed_pulse(answers=org.min_group_size, score=3, title="Nameting november")
    action = make_action(level="team", team=team, measure_dimension="workload")
    manager = member_of(Role.MANAGER)
    checkin = action.checkins.get(day=30)
    html = (
        client_for(manager).get(f"/o/{org.slug}/actions/{action.pk}/check-ins/{checkin.pk}/").content.decode()
    )
    assert "Nameting november" in html and "3,0" in html
