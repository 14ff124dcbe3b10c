"""Public pages set no cookie for someone who only reads them (the works council's no-tracking promise).

Pages with a form that is posted back (answering a pulse, typing a code, signing up for an activity,
cancelling a sign-up) keep Django's CSRF cookie: see templates/base_public.html.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.services import signals_token
from campaigns.services import agenda_apply_suggestion, campaign_publish_agenda
from tests.measurements.conftest import make_pulse  # noqa: F401, F811 - pulse fixtures
from tests.measurements.test_public import link_of


@pytest.fixture
def published(campaign):
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset({"office", "shift", "remote"}))
    campaign_publish_agenda(campaign=campaign)
    return campaign


def _reading_pages(org, published, make_pulse, team):  # noqa: F811
    closed = make_pulse(
        opens_at=timezone.now() - timedelta(days=5), closes_at=timezone.now() - timedelta(days=1)
    )
    return {
        "public agenda": f"/agenda/{published.public_token}/",
        "signals page": f"/signals/{signals_token(org)}/",
        "privacy page": reverse("privacy"),
        "organisation's privacy page": reverse("org_privacy", args=[org.slug]),
        "closed pulse's answer link": link_of(closed, team),
        "thank-you page after answering": reverse("pulse_done"),
        "intervention page": reverse("intervention_page", kwargs={"code": "reflectie-uitdaging"}),
    }


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_an_anonymous_reader_of_a_public_page_gets_no_cookie(client, org, team, published, make_pulse, lang):  # noqa: F811
    for name, url in _reading_pages(org, published, make_pulse, team).items():
        response = client.get(url + lang)
        assert response.status_code == 200, name
        assert response.cookies == {}, (name, list(response.cookies))
        assert not response.has_header("Set-Cookie"), name


def test_the_public_agenda_switches_language_with_a_link_not_a_form(client, published):
    html = client.get(f"/agenda/{published.public_token}/").content.decode()
    assert 'action="/i18n/setlang/"' not in html
    assert 'href="?lang=en"' in html
    english = client.get(f"/agenda/{published.public_token}/?lang=en")
    assert english["Content-Language"] == "en"
    assert 'lang="en"' in english.content.decode()


def test_pages_that_post_a_form_keep_their_csrf_protection(client, published):
    activity = published.activities.order_by("-starts_at").first()
    form = client.get(reverse("public_signup_create", args=[published.public_token, activity.pk]))
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert "csrftoken" in form.cookies
