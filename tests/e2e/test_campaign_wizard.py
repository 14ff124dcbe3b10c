"""Browser test: HR logs in and completes the wizard to a campaign with an agenda and a plan."""

from __future__ import annotations

import os
import re

import pytest

from campaigns.catalogue import catalogue_seed
from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory
from werkstressweek.accounts.models import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"


@pytest.fixture
def page(live_server, settings, monkeypatch):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The live server is session-wide and may have built its middleware before the test settings
    # (no HTTPS redirect) applied; rebuild it with the settings of this test.
    settings.SECURE_SSL_REDIRECT = False
    handler = live_server.thread.httpd.get_app()
    while hasattr(handler, "application"):
        handler = handler.application
    handler.load_middleware()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def test_hr_plans_a_campaign_from_start_to_agenda_and_plan(live_server, page):
    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org = OrganisationFactory(name="Zorggroep E2E", slug="e2e")
    wards = TeamFactory(organisation=org, name="Verpleging", work_pattern="shift")
    ict = TeamFactory(organisation=org, name="ICT", work_pattern="remote")
    hr = UserFactory(email="hr@e2e.nl", name="Hanna HR")
    MembershipFactory(organisation=org, user=hr, role=Role.HR)
    MembershipFactory(
        organisation=org, user=UserFactory(email="mgr@e2e.nl", name="Mo Manager"), role=Role.MANAGER
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "hr@e2e.nl")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/o/e2e/|/accounts/|/$"))

    # Start: the dates of this year's week are filled in already.
    page.goto(f"{live_server.url}/o/e2e/campaigns/new/")
    assert page.input_value("input[name=week_start]")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/wizard/goals/$"))

    # 1. Goals and themes
    page.locator("input[name=themes]").nth(0).check()
    page.locator("input[name=themes]").nth(1).check()
    page.click("form:has(input[name=form][value=themes]) button[type=submit]")
    page.wait_for_url(re.compile(r"/wizard/goals/$"))
    page.fill("input[name=title]", "Minder ervaren werkdruk")
    page.select_option("select[name=kpi_kind]", "pulse_score")
    page.click("form:has(input[name=form][value=goal]) button[type=submit]")
    page.get_by_text("Minder ervaren werkdruk").first.wait_for()
    page.click("a.btn-primary:has-text('Volgende stap')")

    # 2. Core team: accept the suggestion (you as host, a manager)
    page.wait_for_url(re.compile(r"/wizard/team/$"))
    page.click("form:has(input[name=form][value=suggested]) button")
    page.get_by_text("Mo Manager").first.wait_for()
    page.click("a.btn-primary:has-text('Volgende stap')")

    # 3. Ambassadors from two teams; a missing name keeps the chosen team and explains
    page.wait_for_url(re.compile(r"/wizard/ambassadors/$"))
    page.select_option("select[name=team]", str(wards.pk))
    page.click("form:has(select[name=team]) button[type=submit]")
    page.locator(".invalid-feedback").first.wait_for()
    assert page.input_value("select[name=team]") == str(wards.pk)
    page.fill("input[name=name]", "Fatima")
    page.click("form:has(select[name=team]) button[type=submit]")
    page.get_by_text("Fatima").first.wait_for()
    page.fill("input[name=name]", "Joris")
    page.select_option("select[name=team]", str(ict.pk))
    page.click("form:has(select[name=team]) button[type=submit]")
    page.get_by_text("Joris").first.wait_for()
    page.click("a.btn-primary:has-text('Volgende stap')")

    # 4. Agenda: use the suggested agenda
    page.wait_for_url(re.compile(r"/wizard/agenda/$"))
    page.click("form:has(input[name=form][value=suggested]) button")
    page.get_by_text("Kick-off bij de ochtenddienst").first.wait_for()
    page.click("a.btn-primary:has-text('Volgende stap')")

    # 5. Communication: use the suggested cadence
    page.wait_for_url(re.compile(r"/wizard/communication/$"))
    page.click("form:has(input[name=form][value=suggested]) button")
    page.get_by_text("Managersbrief").first.wait_for()
    page.click("a.btn-primary:has-text('Volgende stap')")

    # 6. Measurement plan: suggested dates are filled in; add the RI&E link and save
    page.wait_for_url(re.compile(r"/wizard/measurement/$"))
    assert page.input_value("input[name=baseline_date]")
    page.fill("textarea[name=rie_psa_link]", "Werkdruk uit de RI&E 2026")
    page.click("main form button[type=submit]")

    # 7. Review: publish the agenda
    page.wait_for_url(re.compile(r"/wizard/review/$"))
    page.click("form[action$='agenda-link/'] button")
    page.wait_for_url(re.compile(r"/wizard/review/$"))
    campaign = Campaign.objects.get(organisation=org)
    assert campaign.public_token

    # The plan: tick off a step without a page reload.
    page.goto(f"{live_server.url}/o/e2e/campaigns/{campaign.pk}/plan/")
    page.evaluate("window.__marker = 'same page'")
    first = campaign.steps.order_by("due_on", "order").first()
    page.click(f"#step-{first.pk} button")
    page.locator(f"#step-{first.pk} button[aria-pressed=true]").wait_for()
    assert page.evaluate("window.__marker") == "same page"
    assert "1 van" in page.inner_text("#plan-progress")

    # The employee's view: the public agenda and its calendar feed.
    page.goto(f"{live_server.url}/agenda/{campaign.public_token}/")
    assert "Kick-off Week van de Werkstress" in page.content()

    campaign.refresh_from_db()
    assert campaign.themes.count() == 2 and campaign.goals.count() == 1
    assert campaign.core_team.filter(role="manager").exists()
    assert campaign.ambassadors.values("team").distinct().count() == 2
    assert campaign.activities.filter(audience="shift").exists()
    assert campaign.communications.filter(phase="after").exists()
    assert campaign.steps.filter(done_at__isnull=False).count() == 1
