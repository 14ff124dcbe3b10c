"""A manager logs in, finds their team's action on the plan of action and records the 30-day check-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from actions.models import CheckIn
from actions.services import action_create
from tests.factories import MembershipFactory, TeamFactory, UserFactory
from werkstressweek.accounts.models import Role

pytestmark = pytest.mark.e2e


def test_a_manager_records_the_30_day_check_in_of_their_teams_action(page, visit, axe, org, hr_user, team):
    manager = UserFactory(email="mirjam@e2e.nl", name="Mirjam Manager")
    MembershipFactory(organisation=org, user=manager, role=Role.MANAGER, teams=[team])
    other = TeamFactory(organisation=org, name="ICT")
    hr = hr_user.memberships.get(organisation=org)
    today = dt.date.today()
    action = action_create(
        org=org,
        by=hr_user,
        title="Vaste pauzetijden op de afdeling",
        level="team",
        team=team,
        owner_membership=hr,
        start_date=today - dt.timedelta(days=33),
        deadline=today + dt.timedelta(days=60),
        measure_what="Pauzes genomen",
    )
    action_create(
        org=org,
        by=hr_user,
        title="Actie van een ander team",
        level="team",
        team=other,
        owner_membership=hr,
        start_date=today,
        deadline=today + dt.timedelta(days=60),
    )
    checkin = action.checkins.get(day=30)

    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(manager.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)

    # The plan of action from the menu: only this team's action, with its overdue check-in.
    page.locator(f"nav a[href='/o/{org.slug}/actions/']").click()
    expect(page).to_have_url(re.compile(r"/actions/$"))
    axe(page)
    row = page.locator(f"#action-{action.pk}")
    expect(row).to_be_visible()
    expect(page.get_by_text("Actie van een ander team")).to_have_count(0)
    row.get_by_role("link", name="Vaste pauzetijden op de afdeling").click()
    expect(page).to_have_url(re.compile(rf"/actions/{action.pk}/$"))
    axe(page)

    page.locator(f"a[href$='/check-ins/{checkin.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/check-ins/{checkin.pk}/$"))
    axe(page)
    page.locator("input[name=progress][value=at_risk]").check()
    page.fill("input[name=measured_value]", "60%")
    page.fill("textarea[name=note]", "Pauzes schieten erbij in bij drukte.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/actions/{action.pk}/$"))
    axe(page)
    expect(page.get_by_text("Pauzes schieten erbij in bij drukte.")).to_be_visible()

    checkin = CheckIn.objects.get(pk=checkin.pk)
    assert (checkin.progress, checkin.measured_value, checkin.recorded_by) == ("at_risk", "60%", manager)
