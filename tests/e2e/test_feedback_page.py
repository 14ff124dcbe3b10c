"""An employee opens the published feedback link on a phone: readable, no login, no cookies."""

from __future__ import annotations

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
    from measurements.demo import FOLLOW_UP_TITLE
    from measurements.models import Pulse
    from werkstressweek.accounts import demo as account_demo
    from werkstressweek.documents.feedback import feedback_publish

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    measurement_demo.load(org=org, users=users)
    actions_demo.load(org=org, users=users)
    pulse = Pulse.objects.get(organisation=org, title=FOLLOW_UP_TITLE)
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
