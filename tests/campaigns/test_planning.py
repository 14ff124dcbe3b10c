from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from campaigns.models import Campaign, PlanStep, PlanStepTemplate, Theme
from campaigns.planning import off_weekend, step_date, week_of_work_stress
from campaigns.progress import STEP_RULES
from campaigns.services import (
    campaign_create,
    campaign_set_themes,
    campaign_update,
    plan_step_add,
    plan_step_reassign,
    plan_step_redate,
    plan_step_remove,
    plan_step_toggle,
)

from .factories import WEEK_2026, CoreTeamMemberFactory, make_campaign


def test_the_week_is_the_week_of_the_third_monday_of_november():
    assert week_of_work_stress(2026) == dt.date(2026, 11, 16)
    assert week_of_work_stress(2024) == dt.date(2024, 11, 18)
    assert week_of_work_stress(2027) == dt.date(2027, 11, 15)


def test_weekend_days_move_to_friday_before_the_week_and_to_monday_after_it():
    monday = WEEK_2026
    assert off_weekend(dt.date(2026, 11, 7), week_start=monday) == dt.date(2026, 11, 6)
    assert off_weekend(dt.date(2026, 11, 8), week_start=monday) == dt.date(2026, 11, 6)
    assert off_weekend(dt.date(2026, 11, 21), week_start=monday) == dt.date(2026, 11, 23)
    assert off_weekend(dt.date(2026, 11, 22), week_start=monday) == dt.date(2026, 11, 23)
    assert off_weekend(dt.date(2026, 11, 11), week_start=monday) == dt.date(2026, 11, 11)


@pytest.mark.parametrize("prep_weeks", [6, 7, 8])
def test_the_plan_runs_from_the_preparation_weeks_before_to_ninety_days_after(db, prep_weeks):
    campaign = make_campaign(prep_weeks=prep_weeks)
    steps = list(campaign.steps.select_related("template"))
    assert len(steps) == PlanStepTemplate.objects.count() >= 20
    dates = [s.due_on for s in steps]
    assert all(d.weekday() < 5 for d in dates), "no step falls on a weekend"
    first = min(dates)
    assert (
        WEEK_2026 - dt.timedelta(weeks=prep_weeks) <= first <= WEEK_2026 - dt.timedelta(weeks=prep_weeks - 1)
    )
    by_key = {s.template.key: s.due_on for s in steps}
    assert by_key["run-monday"] == WEEK_2026
    assert by_key["run-friday"] == dt.date(2026, 11, 20)
    # 90 days after the Monday is Sunday 14 February 2027, which moves to the Monday.
    assert by_key["checkin-90"] == dt.date(2027, 2, 15)
    assert by_key["followup-pulse"] > dt.date(2026, 11, 20)
    # the order of the template is kept
    ordered = [s.template.key for s in sorted(steps, key=lambda s: (s.due_on, s.order))]
    template_order = list(
        PlanStepTemplate.objects.order_by("offset_days", "order").values_list("key", flat=True)
    )
    assert ordered == template_order


def test_eight_weeks_starts_exactly_eight_weeks_before_and_six_weeks_compresses_the_preparation(db):
    eight = {s.template.key: s.due_on for s in make_campaign(prep_weeks=8).steps.select_related("template")}
    six = {s.template.key: s.due_on for s in make_campaign(prep_weeks=6).steps.select_related("template")}
    seven = {s.template.key: s.due_on for s in make_campaign(prep_weeks=7).steps.select_related("template")}
    assert eight["goals"] == dt.date(2026, 9, 21)
    assert six["goals"] == dt.date(2026, 10, 5)
    assert seven["goals"] == dt.date(2026, 9, 28)
    # compressed steps stay before the week and keep their order
    assert eight["goals"] < seven["goals"] < six["goals"] < six["publish-agenda"] < WEEK_2026
    assert six["checkin-30"] == eight["checkin-30"]


def test_compressed_steps_that_land_on_a_weekend_move_to_the_friday_before():
    # -49 days * 7/8 = -43: Sunday 4 October 2026; -42 * 7/8 = -37: Saturday 10 October 2026
    assert step_date(offset_days=-49, week_start=WEEK_2026, prep_weeks=7) == dt.date(2026, 10, 2)
    assert step_date(offset_days=-42, week_start=WEEK_2026, prep_weeks=7) == dt.date(2026, 10, 9)
    # -3 * 6/8 rounds to -2: Saturday 14 November 2026
    assert step_date(offset_days=-3, week_start=WEEK_2026, prep_weeks=6) == dt.date(2026, 11, 13)


def test_a_campaign_must_start_on_a_monday(db, org):
    with pytest.raises(ValidationError) as exc:
        campaign_create(org=org, name="x", year=2026, week_start=dt.date(2026, 11, 17))
    assert "week_start" in exc.value.error_dict
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("weeks", [5, 9])
def test_preparation_is_six_to_eight_weeks(db, org, weeks):
    with pytest.raises(ValidationError):
        campaign_create(org=org, name="x", year=2026, week_start=WEEK_2026, prep_weeks=weeks)


def test_the_database_refuses_preparation_outside_six_to_eight_weeks(db, org):
    campaign = make_campaign(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(prep_weeks=4)


def test_at_most_two_themes(db):
    campaign = make_campaign()
    themes = list(Theme.objects.all()[:3])
    assert len(Theme.objects.all()) == 7
    campaign_set_themes(campaign=campaign, themes=themes[:2])
    with pytest.raises(ValidationError):
        campaign_set_themes(campaign=campaign, themes=themes)
    assert campaign.themes.count() == 2


def test_themes_have_dutch_and_english_names(db):
    from django.utils import translation

    theme = Theme.objects.get(slug="werk-privebalans")
    with translation.override("nl"):
        assert theme.name == "Werk-privébalans"
    with translation.override("en"):
        assert theme.name == "Work-life balance"


def _manual_step(campaign):
    """A plan step without data behind it: only those are ticked off by hand."""
    return campaign.steps.exclude(template__key__in=STEP_RULES).order_by("due_on", "pk").first()


def test_a_step_is_ticked_off_and_back(db, hr_user):
    step = _manual_step(make_campaign())
    plan_step_toggle(step=step, by=hr_user)
    step.refresh_from_db()
    assert step.is_done and step.done_by == hr_user
    plan_step_toggle(step=step, by=hr_user)
    step.refresh_from_db()
    assert not step.is_done


def test_a_step_can_be_redated_but_not_to_a_weekend(db):
    step = make_campaign().steps.first()
    plan_step_redate(step=step, due_on=dt.date(2026, 10, 1))
    step.refresh_from_db()
    assert step.due_on == dt.date(2026, 10, 1)
    with pytest.raises(ValidationError):
        plan_step_redate(step=step, due_on=dt.date(2026, 10, 3))


def test_a_step_is_reassigned_only_within_the_core_team(db):
    campaign = make_campaign()
    other = make_campaign()
    step = campaign.steps.first()
    member = CoreTeamMemberFactory(campaign=campaign)
    plan_step_reassign(step=step, owner=member)
    assert PlanStep.objects.get(pk=step.pk).owner == member
    with pytest.raises(ValidationError):
        plan_step_reassign(step=step, owner=CoreTeamMemberFactory(campaign=other))


def test_steps_are_added_on_a_working_day_and_removed(db):
    campaign = make_campaign()
    total = campaign.steps.count()
    step = plan_step_add(campaign=campaign, title="Fruitmand bestellen", due_on=dt.date(2026, 11, 7))
    assert step.due_on == dt.date(2026, 11, 6)
    assert campaign.steps.count() == total + 1
    plan_step_remove(step=step)
    assert campaign.steps.count() == total
    with pytest.raises(ValidationError):
        plan_step_add(campaign=campaign, title="  ", due_on=dt.date(2026, 11, 6))


def test_moving_the_week_redates_open_template_steps_but_not_done_ones(db, hr_user):
    campaign = make_campaign()
    done = _manual_step(campaign)
    due_on = done.due_on
    plan_step_toggle(step=done, by=hr_user)
    campaign_update(campaign=campaign, week_start=dt.date(2026, 11, 23))
    assert campaign.steps.get(template__key="run-monday").due_on == dt.date(2026, 11, 23)
    done.refresh_from_db()
    assert done.due_on == due_on


def test_overdue_steps_are_the_open_ones_in_the_past(db, hr_user):
    step = _manual_step(make_campaign())
    assert step.is_overdue(today=step.due_on + dt.timedelta(days=1))
    assert not step.is_overdue(today=step.due_on)
    plan_step_toggle(step=step, by=hr_user)
    assert not step.is_overdue(today=step.due_on + dt.timedelta(days=1))


def test_moving_the_week_moves_agenda_messages_and_pulses_at_the_same_local_time(db):
    from django.utils import timezone

    from campaigns.services import (
        agenda_apply_suggestion,
        campaign_set_measurement_plan,
        communication_apply_suggestion,
    )

    campaign = make_campaign()
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset())
    communication_apply_suggestion(campaign=campaign)
    campaign_set_measurement_plan(
        campaign=campaign,
        baseline_date=dt.date(2026, 10, 19),
        followup_date=dt.date(2026, 11, 23),
        pulse_cadence="none",
        rie_psa_link="",
    )
    first_message = campaign.communications.order_by("planned_on").first().planned_on
    # Four weeks earlier, into summer time (which ends on 25 October 2026): still 09:00 local time.
    campaign_update(campaign=campaign, week_start=dt.date(2026, 10, 19))
    kickoff = campaign.activities.get(kind__slug="kick-off")
    local = timezone.localtime(kickoff.starts_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2026, 10, 19), 9, 0)
    assert local.utcoffset() == dt.timedelta(hours=2)
    assert campaign.communications.order_by("planned_on").first().planned_on == first_message - dt.timedelta(
        weeks=4
    )
    campaign.refresh_from_db()
    assert campaign.baseline_date == dt.date(2026, 9, 21) and campaign.followup_date == dt.date(2026, 10, 26)
