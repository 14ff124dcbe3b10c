from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from actions.models import CheckIn, Progress, Status
from actions.services import action_update, checkin_dates, checkin_record, working_day
from tests.campaigns.factories import make_campaign
from tests.factories import OrganisationFactory, TeamFactory


def test_check_in_dates_are_30_60_and_90_days_after_the_base_date():
    # 2026-11-20 is the Friday of the week; +30 is Sunday 20 Dec, so the check-in moves to Monday.
    assert checkin_dates(base=dt.date(2026, 11, 20)) == [
        (30, dt.date(2026, 12, 21)),
        (60, dt.date(2027, 1, 19)),
        (90, dt.date(2027, 2, 18)),
    ]


@pytest.mark.parametrize("offset", range(14))
def test_a_check_in_never_falls_on_a_weekend(offset):
    day = dt.date(2026, 11, 2) + dt.timedelta(days=offset)
    moved = working_day(day)
    assert moved.weekday() < 5
    assert 0 <= (moved - day).days <= 2
    assert moved == day or day.weekday() >= 5


def test_check_ins_count_from_the_end_of_the_campaign_week(org, make_action):
    campaign = make_campaign(org)  # week of 16 November 2026, ending Friday 20 November
    action = make_action(campaign=campaign)
    assert [(c.day, c.due_on) for c in action.checkins.order_by("day")] == checkin_dates(
        base=dt.date(2026, 11, 20)
    )


def test_check_ins_count_from_the_start_date_without_a_campaign(make_action):
    action = make_action(start_date=dt.date(2026, 9, 1))
    assert [c.due_on for c in action.checkins.order_by("day")] == [
        dt.date(2026, 10, 1),
        dt.date(2026, 11, 2),  # 31 October is a Saturday
        dt.date(2026, 11, 30),
    ]


def test_a_new_start_date_moves_open_check_ins_but_not_recorded_ones(make_action, hr_user):
    action = make_action(start_date=dt.date(2026, 9, 1))
    first = action.checkins.get(day=30)
    checkin_record(checkin=first, progress=Progress.ON_TRACK, by=hr_user)
    action_update(action=action, start_date=dt.date(2026, 10, 1))
    dates = dict(action.checkins.values_list("day", "due_on"))
    assert dates == {30: dt.date(2026, 10, 1), 60: dt.date(2026, 11, 30), 90: dt.date(2026, 12, 30)}


def test_recording_a_check_in_keeps_who_and_when_and_starts_the_action(make_action, hr_user):
    action = make_action()
    checkin = action.checkins.get(day=30)
    checkin_record(
        checkin=checkin, progress=Progress.AT_RISK, note=" Te weinig tijd ", measured_value="2,9", by=hr_user
    )
    checkin.refresh_from_db()
    action.refresh_from_db()
    assert (checkin.progress, checkin.note, checkin.measured_value) == ("at_risk", "Te weinig tijd", "2,9")
    assert checkin.recorded_by == hr_user and checkin.recorded_at is not None
    assert action.status == Status.IN_PROGRESS


def test_a_check_in_without_progress_is_refused(make_action, hr_user):
    checkin = make_action().checkins.get(day=30)
    with pytest.raises(ValidationError):
        checkin_record(checkin=checkin, progress="", by=hr_user)
    assert not CheckIn.objects.filter(recorded_at__isnull=False).exists()


def test_a_team_action_needs_a_team(make_action):
    with pytest.raises(ValidationError) as exc:
        make_action(level="team")
    assert "team" in exc.value.error_dict


def test_another_organisations_team_is_refused(make_action):
    stranger = TeamFactory(organisation=OrganisationFactory(), name="Elders")
    with pytest.raises(ValidationError) as exc:
        make_action(level="team", team=stranger)
    assert "team" in exc.value.error_dict


def test_an_owner_outside_the_organisation_needs_a_name_and_an_e_mail_address(make_action):
    with pytest.raises(ValidationError) as exc:
        make_action(owner_membership=None, owner_name="Sanne de Groot")
    assert "owner_email" in exc.value.error_dict
    action = make_action(owner_membership=None, owner_name="Sanne de Groot", owner_email="sanne@arbo.example")
    assert action.owner_address == "sanne@arbo.example"


def test_the_deadline_cannot_be_before_the_start(make_action):
    with pytest.raises(ValidationError) as exc:
        make_action(start_date=dt.date(2026, 9, 1), deadline=dt.date(2026, 8, 1))
    assert "deadline" in exc.value.error_dict
