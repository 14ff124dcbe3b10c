"""An employee signs up for an activity from the public agenda; HR sees the goal's measured
participation rise (issue 9, item 13)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import ActivityKind, ActivitySignup, Goal, PlanStepTemplate, Theme
from campaigns.services import campaign_publish_agenda
from tests.campaigns.factories import ActivityFactory, GoalFactory, make_campaign

pytestmark = pytest.mark.e2e


@pytest.fixture
def campaign(org, team):
    from campaigns.catalogue import catalogue_seed

    if not PlanStepTemplate.objects.exists():  # a transactional test elsewhere may have flushed them
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    campaign = make_campaign(org)
    start = timezone.now() + dt.timedelta(days=3)
    ActivityFactory(
        campaign=campaign,
        title="Wandeloverleg",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=12,
        location="Hoofdingang",
    )
    campaign_publish_agenda(campaign=campaign)
    campaign.refresh_from_db()
    return campaign


def test_an_employee_signs_up_and_hr_sees_the_goals_participation_rise(
    page, phone_page, visit, axe, hr_user, org, team, campaign
):
    goal = GoalFactory(
        campaign=campaign, title="60% doet mee", kpi_kind=Goal.KpiKind.PARTICIPATION, target=60, unit="%"
    )
    measured = page.get_by_test_id(f"goal-measured-{goal.pk}")

    # HR logs in and opens the campaign: nobody has signed up yet.
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(hr_user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)
    dashboard = reverse("campaigns:dashboard", kwargs={"org_slug": org.slug, "campaign_id": campaign.pk})
    visit(page, dashboard)
    expect(measured).to_have_text(re.compile(r"^0\s*%$"))

    # An employee opens the public agenda on a phone and signs up, with a name and a team.
    visit(phone_page, reverse("public_agenda", kwargs={"token": campaign.public_token}))
    phone_page.get_by_role("link", name=re.compile("(Aanmelden|Sign up).*Wandeloverleg")).click()
    axe(phone_page)
    phone_page.get_by_label(re.compile("naam|name", re.I)).fill("Fatima")
    phone_page.get_by_label(re.compile("team", re.I)).select_option(label=team.name)
    phone_page.get_by_role("button", name=re.compile("Aanmelden|Sign up")).click()
    expect(phone_page).to_have_url(re.compile(r"/signup/[\w-]+/$"))
    axe(phone_page)
    expect(phone_page.get_by_test_id("signup-status")).to_contain_text("Fatima")
    expect(phone_page.get_by_role("link", name=re.compile("agenda", re.I)).first).to_be_visible()
    signup = ActivitySignup.objects.get()
    assert (signup.name, signup.team_id, signup.status) == ("Fatima", team.pk, "confirmed")

    # HR reloads the campaign: 1 of the 30 people of the organisation takes part.
    visit(page, dashboard)
    expect(measured).to_have_text(re.compile(r"^3[.,]33\s*%$"))
    page.get_by_role("link", name=re.compile("Aanmeldingen|Sign-ups")).click()
    axe(page)
    expect(page.get_by_test_id(f"signed-up-{signup.activity_id}")).to_have_text("1")
