"""An employee answers a pulse through the team link on a phone; HR watches participation go up."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from measurements.models import PulseKind, Question, Response
from measurements.question_bank import seed
from measurements.services import pulse_close_now, pulse_create, pulse_submit

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_pulse(org, team):
    seed(Question)  # the bank comes from a data migration, which a transactional test may have flushed
    bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
    questions = [bank.filter(dimension=d).first() for d in ("workload", "recovery", "safety")]
    now = timezone.now()
    pulse = pulse_create(
        org=org,
        title="Weekpuls",
        kind=PulseKind.DURING,
        questions=questions,
        teams=[team],
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=5),
        open_question="Wat zou je helpen?",
    )
    for _ in range(org.min_group_size):  # the team is just visible; one more answer must show
        pulse_submit(pulse=pulse, team=team, answers={q.pk: 3 for q in questions})
    return pulse


def test_an_employee_answers_on_a_phone_and_hr_sees_participation_go_up(
    page, phone_page, visit, axe, hr_user, org, team, open_pulse
):
    # HR logs in and opens the pulse: seven answers so far.
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(hr_user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)
    detail = reverse("measurements:pulse_detail", kwargs={"org_slug": org.slug, "pulse_id": open_pulse.pk})
    visit(page, detail)
    expect(page.get_by_test_id("total-answers")).to_have_text("7")
    link = page.get_by_role("textbox", name=re.compile(team.name)).input_value()
    path = link[link.index("/p/") :]

    # The employee opens the team link on a phone: one screen, no account.
    visit(phone_page, path)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Weekpuls")
    groups = phone_page.get_by_role("group")
    expect(groups).to_have_count(3)
    for i in range(3):
        groups.nth(i).locator("label", has_text=re.compile(r"^4")).click()
    phone_page.get_by_label("Wat zou je helpen?").fill("Minder vergaderen")
    phone_page.get_by_role("button", name=re.compile("Verstuur")).click()
    expect(phone_page).to_have_url(re.compile(r"/p/done/$"))
    axe(phone_page)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Dank je wel!")
    assert Response.objects.filter(pulse=open_pulse).count() == 8

    # HR's page refreshes itself (htmx, every 10 seconds): eight answers.
    expect(page.get_by_test_id("total-answers")).to_have_text("8", timeout=15_000)

    # While the pulse is open the results page shows no figure but participation (issue 8).
    results = reverse("measurements:pulse_results", kwargs={"org_slug": org.slug, "pulse_id": open_pulse.pk})
    visit(page, results)
    expect(page.get_by_test_id("results-pending")).to_be_visible()
    expect(page.get_by_test_id("total-answers")).to_have_text("8")
    expect(page.locator(".heatmap")).to_have_count(0)

    # Once it closes, the heat map shows the team with its labelled cells.
    pulse_close_now(pulse=open_pulse)
    visit(page, results)
    expect(page.get_by_role("table")).to_contain_text(team.name)
    expect(page.get_by_role("table")).to_contain_text(re.compile("goed|aandacht|zorg"))
