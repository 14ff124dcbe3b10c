"""HR logs in and completes the wizard to a campaign with an agenda and a plan; an employee opens
the public agenda on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign
from campaigns.progress import STEP_RULES
from campaigns.selectors import plan_progress
from tests.factories import MembershipFactory, TeamFactory, UserFactory
from werkstressweek.accounts.models import Role

pytestmark = pytest.mark.e2e

NEXT = ":is(a, button).btn-primary:has-text('Volgende stap')"


def test_hr_plans_a_campaign_from_start_to_agenda_and_plan(page, phone_page, visit, axe, hr_user, org):
    wards = TeamFactory(organisation=org, name="Verpleging", work_pattern="shift")
    ict = TeamFactory(organisation=org, name="ICT", work_pattern="remote")
    MembershipFactory(
        organisation=org, user=UserFactory(email="mgr@e2e.nl", name="Mo Manager"), role=Role.MANAGER
    )

    def submit(selector: str, url: str | None = None) -> None:
        page.click(selector)
        if url:
            expect(page).to_have_url(re.compile(url))
        page.wait_for_load_state()
        axe(page)

    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(hr_user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    submit("main button", rf"/o/{org.slug}/$")

    # Start from the campaign list: the dates of this year's week are filled in already.
    page.get_by_role("link", name="Campagnes").first.click()
    expect(page).to_have_url(re.compile(r"/campaigns/$"))
    axe(page)
    submit("main a.btn-primary", r"/campaigns/new/$")
    assert page.input_value("input[name=week_start]")
    submit("main button[type=submit]", r"/wizard/goals/$")

    # 1. Goals and themes
    page.locator("input[name=themes]").nth(0).check()
    page.locator("input[name=themes]").nth(1).check()
    submit("button[name=form][value=themes]")
    page.fill("input[name=title]", "Minder ervaren werkdruk")
    page.select_option("select[name=kpi_kind]", "pulse_score")
    submit("button[name=form][value=goal]")
    expect(page.get_by_role("link", name="Minder ervaren werkdruk")).to_be_visible()
    submit(NEXT, r"/wizard/team/$")

    # 2. Core team: accept the suggestion (you as host, a manager)
    submit("form:has(input[name=form][value=suggested]) button")
    expect(page.get_by_text("Mo Manager").first).to_be_visible()
    submit(NEXT, r"/wizard/ambassadors/$")

    # 3. Ambassadors from two teams; a missing name keeps the chosen team and explains
    page.select_option("select[name=team]", str(wards.pk))
    submit("form:has(select[name=team]) button[type=submit]")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert page.input_value("select[name=team]") == str(wards.pk)
    page.fill("input[name=name]", "Fatima")
    submit("form:has(select[name=team]) button[type=submit]")
    page.fill("input[name=name]", "Joris")
    page.select_option("select[name=team]", str(ict.pk))
    submit("form:has(select[name=team]) button[type=submit]")
    expect(page.get_by_text("Joris · ICT")).to_be_visible()
    submit(NEXT, r"/wizard/agenda/$")

    # 4. Agenda: use the suggested agenda, with variants for shift and remote teams
    submit("form:has(input[name=form][value=suggested]) button")
    expect(page.get_by_text("Kick-off bij de ochtenddienst").first).to_be_visible()
    submit(NEXT, r"/wizard/communication/$")

    # 5. Communication: use the suggested cadence
    submit("form:has(input[name=form][value=suggested]) button")
    expect(page.get_by_role("link", name=re.compile("Managersbrief")).first).to_be_visible()
    submit(NEXT, r"/wizard/measurement/$")

    # 6. Measurement plan: suggested dates are filled in; add the RI&E link and save
    assert page.input_value("input[name=baseline_date]")
    page.fill("textarea[name=rie_psa_link]", "Werkdruk uit de RI&E 2026")
    submit("main form button[type=submit]", r"/wizard/review/$")

    # 7. Review: publish the agenda for employees
    submit("form[action$='agenda-link/'] button", r"/wizard/review/$")
    campaign = Campaign.objects.get(organisation=org)
    assert campaign.public_token

    # The dashboard, then the plan: tick off a step without a page reload.
    submit("a.btn-primary:has-text('campagnedashboard')", rf"/campaigns/{campaign.pk}/$")
    expect(page.get_by_role("heading", name="Gezondheidscheck")).to_be_visible()
    submit("a:has-text('Planning per week')", r"/plan/$")
    page.evaluate("window.__samePage = true")
    # Steps backed by data (goals, core team, ambassadors, agenda, …) are done already; the
    # first manual step is ticked off by hand.
    done_by_data = plan_progress(campaign=campaign).done
    assert done_by_data >= 6
    first = campaign.steps.exclude(template__key__in=STEP_RULES).order_by("due_on", "order").first()
    page.click(f"#step-{first.pk} button")
    expect(page.locator(f"#step-{first.pk} button[aria-pressed=true]")).to_be_visible()
    expect(page.locator("#plan-progress")).to_contain_text(f"{done_by_data + 1} van")
    assert page.evaluate("window.__samePage") is True
    axe(page)

    # An employee opens the public agenda on a phone, without logging in.
    visit(phone_page, f"/agenda/{campaign.public_token}/")
    expect(phone_page.get_by_role("heading", name="Kick-off Week van de Werkstress")).to_be_visible()
    expect(
        phone_page.get_by_role("link", name=re.compile("Zet de hele agenda in mijn agenda"))
    ).to_be_visible()

    campaign.refresh_from_db()
    assert campaign.themes.count() == 2 and campaign.goals.count() == 1
    assert campaign.core_team.filter(role="manager").exists()
    assert campaign.ambassadors.values("team").distinct().count() == 2
    assert campaign.activities.filter(audience="shift").exists()
    assert campaign.communications.filter(phase="after").exists()
    assert campaign.steps.filter(done_at__isnull=False).count() == 1
