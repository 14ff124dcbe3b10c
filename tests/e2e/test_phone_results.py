"""HR reads the heat map and the before-and-after comparison on a phone (390 px wide): the page never
scrolls sideways, the table scrolls in its own region and the team column stays in view."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measurements.models import Distribution, PulseKind, Question
from measurements.question_bank import seed
from measurements.services import pulse_create
from tests.factories import TeamFactory
from tests.measurements.helpers import answer_randomly, close

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_closed_pulses(org):
    seed(Question)
    questions = list(Question.objects.filter(organisation__isnull=True).order_by("pk"))
    chosen, seen = [], set()
    for q in questions:
        if q.dimension not in seen:
            seen.add(q.dimension)
            chosen.append(q)
    teams = [
        TeamFactory(organisation=org, name=name, headcount=20)
        for name in ("Verpleegafdeling Noordvleugel", "Facilitaire dienst", "ICT en informatievoorziening")
    ]
    pulses = []
    for days, kind, title in ((30, PulseKind.BASELINE, "Nulmeting"), (10, PulseKind.FOLLOW_UP, "Nameting")):
        now = timezone.now() - timedelta(days=days)
        pulse = pulse_create(
            org=org,
            title=title,
            kind=kind,
            questions=chosen[:5],
            teams=teams,
            opens_at=now,
            closes_at=timezone.now() + timedelta(days=3),
            distribution=Distribution.TEAM_LINK,
        )
        for i, team in enumerate(teams):
            answer_randomly(pulse, team, 9, seed=i + days)
        pulses.append(pulse)
    close(*pulses)
    return pulses


def _no_sideways_page_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def test_hr_reads_the_heat_map_and_the_comparison_on_a_phone(
    phone_page, visit, axe, hr_user, org, two_closed_pulses
):
    page = phone_page
    baseline, follow_up = two_closed_pulses
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(hr_user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)

    visit(page, f"/o/{org.slug}/measurements/{follow_up.pk}/results/")
    region = page.get_by_test_id("heatmap-region")
    expect(region.get_by_role("rowheader", name="Facilitaire dienst")).to_be_visible()
    expect(region.get_by_text(re.compile("goed|aandacht|zorg")).first).to_be_visible()
    _no_sideways_page_scroll(page)
    # The region itself scrolls; the team names stay where they are while the figures move.
    team = region.get_by_role("rowheader", name="Facilitaire dienst")
    before = team.bounding_box()
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert region.evaluate("el => el.scrollLeft") > 0, "the heat map fits; make the test data wider"
    after = team.bounding_box()
    assert abs(after["x"] - before["x"]) < 1, "the team column scrolled away"
    _no_sideways_page_scroll(page)

    visit(page, f"/o/{org.slug}/measurements/compare/?baseline={baseline.pk}&follow_up={follow_up.pk}")
    expect(page.get_by_role("heading", name="Facilitaire dienst")).to_be_visible()
    _no_sideways_page_scroll(page)
