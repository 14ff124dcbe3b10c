"""An employee opens the published feedback link on a phone: readable, no login, no cookies."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from werkstressweek.accounts.models import Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def published(transactional_db):
    from actions import demo as actions_demo
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, PlanStepTemplate, Theme
    from measurements import demo as measurement_demo
    from measurements.selectors import closed_pulses
    from werkstressweek.accounts import demo as account_demo
    from werkstressweek.documents.feedback import feedback_publish

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    measurement_demo.load(org=org, users=users)
    actions_demo.load(org=org, users=users)
    pulse = closed_pulses(org).filter(kind="follow_up").first()
    return feedback_publish(org=org, pulse=pulse, by=users[Role.HR], include_teams=True)


def test_an_employee_reads_the_feedback_page_on_a_phone(phone_page, visit, published):
    visit(phone_page, f"/feedback/{published.token}/")
    expect(phone_page.get_by_role("heading", name="Wat je ons vertelde")).to_be_visible()
    expect(phone_page.get_by_role("heading", name="Wat we gaan doen")).to_be_visible()
    expect(phone_page.get_by_text("Vaste pauzetijden en een stille ruimte op de afdeling")).to_be_visible()
    # Nothing wider than the screen except the team table, which scrolls inside its own box.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    assert phone_page.context.cookies() == []
    phone_page.screenshot(path="/tmp/feedback-phone.png", full_page=True)


def test_hr_publishes_the_feedback_page_and_the_link_works(page, visit, axe, published):
    from werkstressweek.accounts.demo import DEMO_PASSWORD
    from werkstressweek.documents.feedback import feedback_unpublish

    pulse = published.pulse
    feedback_unpublish(org=pulse.organisation, pulse=pulse, by=None)
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill("hr@demo.nl")
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    axe(page)
    visit(page, f"/o/{pulse.organisation.slug}/reports/feedback/")
    item = page.locator(".list-group-item", has_text=pulse.title)
    item.get_by_label(re.compile("teams", re.I)).check()
    item.get_by_role("button", name="Publiceren").click()
    axe(page)
    link = page.locator(".list-group-item", has_text=pulse.title).get_by_label("Link voor medewerkers")
    url = link.input_value()
    assert "/feedback/" in url
    visit(page, urlsplit(url).path)
    expect(page.get_by_role("heading", name="Per team")).to_be_visible()
