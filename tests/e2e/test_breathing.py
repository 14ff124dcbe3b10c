"""An employee opens the 2-minute breathing reset on a phone that asks for reduced motion."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import PHONE, _page

pytestmark = pytest.mark.e2e


@pytest.fixture
def reduced_motion_phone(browser, request, live_server):
    yield from _page(
        browser, request, live_server, "phone-reduced-motion",
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, reduced_motion="reduce",
    )  # fmt: skip


def test_the_breathing_exercise_runs_without_animation_when_reduced_motion_is_asked(
    reduced_motion_phone, visit
):
    page = reduced_motion_phone
    from campaigns.models import Intervention

    Intervention.objects.update_or_create(  # seeded by a migration a transactional test may have flushed
        code="middagreset-ademhaling",
        defaults={"kind": "breathing_reset", "duration_seconds": 120, "title_nl": "Middagreset: 2 minuten ademen",
                  "text_nl": "Een begeleide ademhalingsoefening van 2 minuten."},
    )  # fmt: skip
    visit(page, reverse("intervention_page", kwargs={"code": "middagreset-ademhaling"}) + "?lang=en")

    expect(page.get_by_role("heading", level=1)).to_contain_text("2 min")
    # The text-only alternative is always there.
    expect(page.get_by_text("Repeat this twelve times")).to_be_visible()
    timer = page.get_by_role("timer")
    expect(timer).to_have_text("2:00")

    page.get_by_role("button", name="Start the 2 minutes").click()

    expect(page.locator("#breathing")).to_have_class("breathing my-4 running")
    animation = page.locator(".breath-circle").evaluate("el => getComputedStyle(el).animationName")
    assert animation == "none"  # no motion: the words and the timer guide instead
    expect(page.locator(".breath-stage")).to_be_hidden()
    expect(page.locator("[data-cue]")).to_have_text("Breathe in…")
    expect(timer).to_have_text("1:58", timeout=4000)
    expect(page.locator("[data-cue]")).to_have_text("Breathe out…", timeout=6000)
    page.get_by_role("button", name="Stop").click()
    expect(page.locator("#breathing")).not_to_have_class("breathing my-4 running")
    # Nothing about the exercise was sent: the page set no cookie.
    assert page.context.cookies() == []


def test_reflection_answers_stay_in_the_browser(phone_page, visit, live_server):
    page = phone_page
    from campaigns.models import Intervention

    Intervention.objects.update_or_create(
        code="reflectie-uitdaging",
        defaults={"kind": "reflection", "duration_seconds": 120, "title_nl": "Reflectie",
                  "text_nl": "Even stilstaan.", "prompts_nl": "Wat ging goed?"},
    )  # fmt: skip
    requests = []
    page.on("request", lambda r: requests.append(r.method))
    visit(page, reverse("intervention_page", kwargs={"code": "reflectie-uitdaging"}))
    page.get_by_label("Wat ging goed?").fill("Het overleg")
    page.reload()
    expect(page.get_by_label("Wat ging goed?")).to_have_value("Het overleg")
    page.wsw_unchecked.discard(page.url)
    assert "POST" not in requests
