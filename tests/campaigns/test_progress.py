"""Plan progress from data: steps are done because their data exists, everywhere alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from campaigns import progress, selectors, services
from campaigns.models import Goal, PlanStep, Theme
from tests.factories import TeamFactory

from .factories import (
    ActivityFactory,
    AmbassadorFactory,
    CommunicationItemFactory,
    CoreTeamMemberFactory,
    GoalFactory,
    make_campaign,
)

ENOUGH = progress.CampaignCounts(
    themes=1,
    goals=1,
    core_team=3,
    ambassador_teams=2,
    activities=5,
    communications=4,
    resources=1,
    baseline_opened=True,
    followup_opened=True,
    agenda_published=True,
    measurement_planned=True,
    actions=3,
    retro_items=2,
)
NOT_ENOUGH = {
    "goals": {"themes": 0},
    "core-team": {"core_team": 0},
    "ambassadors": {"ambassador_teams": 1},
    "resources": {"resources": 0},
    "agenda": {"activities": 0},
    "communication": {"communications": 0},
    "baseline-pulse": {"baseline_opened": False},
    "publish-agenda": {"agenda_published": False},
    "followup-pulse": {"followup_opened": False},
    "team-retros": {"retro_items": 0},
    "actions": {"actions": 2},
}


@pytest.mark.parametrize("key", sorted(progress.STEP_RULES))
def test_each_data_step_is_done_only_when_its_data_is_there(key):
    from dataclasses import replace

    rule = progress.STEP_RULES[key]
    assert rule(ENOUGH).done and rule(ENOUGH).reason
    missing = rule(replace(ENOUGH, **NOT_ENOUGH[key]))
    assert not missing.done and missing.reason
    assert not rule(progress.CampaignCounts()).done


def _wizard_done(client, url) -> dict[str, bool]:
    response = client.get(url("wizard/review/"))
    return {key: bool(done) for key, _label, done in response.context["steps"]}


def _plan_step(client, url, key: str) -> PlanStep:
    weeks = client.get(url("plan/")).context["weeks"]
    return next(s for w in weeks for s in w.steps if s.key == key)


def test_ambassadors_count_as_done_only_from_two_different_teams(hr_client, campaign, url, org):
    team = TeamFactory(organisation=org)
    AmbassadorFactory(campaign=campaign, team=team)
    AmbassadorFactory(campaign=campaign, team=team)
    assert not _wizard_done(hr_client, url)["ambassadors"]
    step = _plan_step(hr_client, url, "ambassadors")
    assert not step.is_done and "1" in step.evidence.reason

    AmbassadorFactory(campaign=campaign, team=TeamFactory(organisation=org))
    assert _wizard_done(hr_client, url)["ambassadors"]
    step = _plan_step(hr_client, url, "ambassadors")
    assert step.is_done
    page = hr_client.get(url("plan/")).content.decode()
    assert escape(step.evidence.reason) in page


def test_the_wizard_the_plan_the_dashboard_and_the_list_agree(hr_client, campaign, url, org):
    theme = Theme.objects.first()
    services.campaign_set_themes(campaign=campaign, themes=[theme])
    GoalFactory(campaign=campaign)
    CoreTeamMemberFactory(campaign=campaign)
    ActivityFactory(campaign=campaign)
    wizard = _wizard_done(hr_client, url)
    assert wizard == {
        "goals": True,
        "team": True,
        "ambassadors": False,
        "agenda": True,
        "communication": False,
        "measurement": False,
        "review": False,
    }
    plan = hr_client.get(url("plan/")).context
    dashboard = hr_client.get(url()).context
    listed = next(
        c for c in hr_client.get(f"/o/{org.slug}/campaigns/").context["campaigns"] if c.pk == campaign.pk
    )
    assert plan["done"] == dashboard["done"] == listed.progress.done == 3
    assert plan["total"] == dashboard["total"] == listed.progress.total == campaign.steps.count()
    # What the wizard calls done is done on the plan too.
    for wizard_key, plan_key in (("goals", "goals"), ("team", "core-team"), ("agenda", "agenda")):
        assert _plan_step(hr_client, url, plan_key).is_done == wizard[wizard_key]


def test_a_pulse_that_opened_marks_the_baseline_step_done(hr_client, campaign, url, org, team):
    from measurements.models import Question
    from measurements.services import pulse_create

    assert not _plan_step(hr_client, url, "baseline-pulse").is_done
    now = timezone.now()
    pulse_create(
        org=org,
        title="Nulmeting",
        kind="baseline",
        questions=list(Question.objects.filter(organisation=None)[:3]),
        teams=[team],
        opens_at=now + dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=10),
        campaign=campaign,
    )
    assert not _plan_step(hr_client, url, "baseline-pulse").is_done  # planned, not opened
    campaign.pulses.update(opens_at=now - dt.timedelta(hours=1))
    assert _plan_step(hr_client, url, "baseline-pulse").is_done


def test_publishing_the_agenda_marks_its_step_done_and_messages_theirs(hr_client, campaign, url):
    CommunicationItemFactory(campaign=campaign)
    services.campaign_publish_agenda(campaign=campaign)
    assert _plan_step(hr_client, url, "publish-agenda").is_done
    assert _plan_step(hr_client, url, "communication").is_done
    assert _wizard_done(hr_client, url)["communication"]


def test_a_data_step_cannot_be_ticked_off_by_hand(hr_client, campaign, url):
    step = campaign.steps.get(template__key="ambassadors")
    with pytest.raises(ValidationError):
        services.plan_step_toggle(step=step, by=None)
    response = hr_client.post(url(f"plan/{step.pk}/toggle/"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    step.refresh_from_db()
    assert step.done_at is None
    assert not _plan_step(hr_client, url, "ambassadors").is_done
    # Manual steps still tick off.
    manual = campaign.steps.get(template__key="brief-ambassadors")
    hr_client.post(url(f"plan/{manual.pk}/toggle/"))
    assert _plan_step(hr_client, url, "brief-ambassadors").is_done


def test_applying_the_suggested_goals_twice_keeps_two_goals(hr_client, campaign, url):
    for _ in range(2):
        assert hr_client.post(url("wizard/goals/"), {"form": "suggested"}).status_code == 302
    assert campaign.goals.count() == 2
    assert sorted(campaign.goals.values_list("kpi_kind", flat=True)) == sorted(
        [Goal.KpiKind.PULSE_SCORE, Goal.KpiKind.PARTICIPATION]
    )


def test_a_third_goal_is_refused_with_a_message(hr_client, campaign, url):
    services.goals_apply_suggestion(campaign=campaign)
    response = hr_client.post(
        url("wizard/goals/"), {"form": "goal", "title": "Minder verzuim", "kpi_kind": "absenteeism"}
    )
    assert response.status_code == 422
    assert "at most 2 goals" in response.content.decode() or "hoogstens 2 doelen" in response.content.decode()
    assert campaign.goals.count() == 2
    with pytest.raises(ValidationError):
        services.goal_save(campaign=campaign, title="Nog een", kpi_kind="custom")


def test_one_suggested_goal_is_added_next_to_ones_own(campaign):
    GoalFactory(campaign=campaign, kpi_kind=Goal.KpiKind.PULSE_SCORE)
    added = services.goals_apply_suggestion(campaign=campaign)
    assert [g.kpi_kind for g in added] == [Goal.KpiKind.PARTICIPATION]
    assert campaign.goals.count() == 2


def test_the_campaign_list_counts_progress_in_a_fixed_number_of_queries(
    hr_client, org, django_assert_max_num_queries
):
    for i in range(6):
        campaign = make_campaign(org, name=f"Campagne {i}")
        AmbassadorFactory(campaign=campaign)
        ActivityFactory(campaign=campaign)
    with django_assert_max_num_queries(10):
        response = hr_client.get(f"/o/{org.slug}/campaigns/")
    assert all(c.progress.total == c.steps.count() for c in response.context["campaigns"])
    assert selectors.campaign_list(org=org)[0].progress.done == 1  # the agenda
