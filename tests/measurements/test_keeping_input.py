"""Pulse forms keep what was typed and leave nothing half-saved behind."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from measurements.models import Distribution, Pulse, PulseCode, PulseKind

from ..factories import TeamFactory


def url(name, org, **kwargs):
    return reverse(f"measurements:{name}", kwargs={"org_slug": org.slug, **kwargs})


def test_a_pulse_whose_codes_cannot_be_made_is_not_saved_and_a_retry_makes_one(hr_client, org, questions):
    big = TeamFactory(organisation=org, name="Groot", headcount=2500)  # more than a team's codes
    now = timezone.localtime()
    data = {
        "title": "Codes voor iedereen",
        "kind": PulseKind.BASELINE,
        "questions": [q.pk for q in questions],
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "teams": [big.pk],
        "distribution": Distribution.CODES,
    }
    response = hr_client.post(url("pulse_create", org), data)
    assert response.status_code == 200
    assert "codes_per_team" in response.context["form"].errors
    assert "Codes voor iedereen" in response.content.decode()
    assert not Pulse.objects.exists() and not PulseCode.objects.exists()
    retry = hr_client.post(url("pulse_create", org), dict(data, codes_per_team=100))
    assert retry.status_code == 302
    assert Pulse.objects.get().codes.count() == 100


def test_one_bad_address_among_many_keeps_every_line_and_names_each_bad_one(hr_client, org, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.EMAIL)
    typed = "anna@x.nl\ngeen adres\nbert@x.nl\nook@fout\ncees@x.nl"
    response = hr_client.post(
        url("pulse_invitations", org, pulse_id=pulse.pk), {"team": team.pk, "emails": typed}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert typed in html  # the textarea still holds all five lines
    assert "geen adres" in str(response.context["invitations_form"].errors["emails"])
    assert "ook@fout" in str(response.context["invitations_form"].errors["emails"])
    assert 'href="#id_emails"' in html  # the error summary links to the field
    assert not pulse.codes.exists()


def test_the_open_question_can_be_given_in_both_languages(hr_client, client, org, team, questions):
    now = timezone.localtime()
    hr_client.post(
        url("pulse_create", org),
        {
            "title": "Tweetalig",
            "kind": PulseKind.BASELINE,
            "questions": [q.pk for q in questions],
            "opens_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "teams": [team.pk],
            "distribution": Distribution.TEAM_LINK,
            "open_question": "Wat zou je helpen?",
            "open_question_en": "What would help you?",
        },
    )
    pulse = Pulse.objects.get(title="Tweetalig")
    link = reverse("pulse_answer", args=[pulse.pulse_teams.get().token])
    assert "Wat zou je helpen?" in client.get(link).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(link, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What would help you?" in english and "Wat zou je helpen?" not in english


def test_an_english_open_question_needs_the_dutch_one(hr_client, org, team, questions):
    now = timezone.localtime()
    response = hr_client.post(
        url("pulse_create", org),
        {
            "title": "Alleen Engels",
            "kind": PulseKind.BASELINE,
            "questions": [q.pk for q in questions],
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "teams": [team.pk],
            "distribution": Distribution.TEAM_LINK,
            "open_question_en": "What would help you?",
        },
    )
    assert "open_question" in response.context["form"].errors
    assert 'value="What would help you?"' in response.content.decode()
