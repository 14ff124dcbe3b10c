"""The answer page: states, one-time codes, guessing protection and what ends up in the logs."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurements import services
from measurements.logfilters import RedactAnswerPaths, redact
from measurements.models import Distribution, Response


def link_of(pulse, team):
    return reverse("pulse_answer", args=[pulse.pulse_teams.get(team=team).token])


def post_data(pulse, value=4, **extra):
    return {**{f"q{q.pk}": str(value) for q in pulse.questions.all()}, **extra}


def test_an_employee_answers_through_the_team_link_without_an_account(client, pulse, team):
    page = client.get(link_of(pulse, team))
    assert page.status_code == 200
    html = page.content.decode()
    assert pulse.title in html and team.name in html
    for q in pulse.questions.all():
        assert q.text_nl in html and q.low_nl in html
    assert reverse("privacy") in html
    done = client.post(link_of(pulse, team), post_data(pulse, comment="Meer pauzes"))
    assert done.status_code == 302 and done["Location"] == reverse("pulse_done")
    response = Response.objects.get()
    assert (response.team, response.comment) == (team, "Meer pauzes")
    assert "Dank je wel!" in client.get(done["Location"]).content.decode()


def test_the_answer_page_shows_errors_and_keeps_what_was_chosen(client, pulse, team):
    first = pulse.questions.first()
    page = client.post(link_of(pulse, team), {f"q{first.pk}": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'role="alert"' in html
    assert 'value="2" checked' in html
    assert Response.objects.count() == 0


def test_the_answer_page_is_available_in_english(client, pulse, team):
    client.cookies["django_language"] = "en"
    html = client.get(link_of(pulse, team), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert pulse.questions.first().text_en in html


@pytest.mark.parametrize(
    ("opens", "closes", "text"),
    [(1, 2, "not open yet"), (-3, -1, "has closed")],
)
def test_a_pulse_that_is_not_open_says_so(client, make_pulse, team, opens, closes, text):
    now = timezone.now()
    pulse = make_pulse(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes))
    client.cookies["django_language"] = "en"
    page = client.get(link_of(pulse, team), HTTP_ACCEPT_LANGUAGE="en")
    assert text in page.content.decode()
    assert client.post(link_of(pulse, team), post_data(pulse)).status_code == 200
    assert Response.objects.count() == 0


def test_a_code_answers_once_and_then_says_it_was_used(client, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=1)
    url = reverse("pulse_code", args=[pulse.codes.get().code])
    client.cookies["django_language"] = "en"
    assert client.post(url, post_data(pulse)).status_code == 302
    again = client.get(url)
    assert "already been used" in again.content.decode()
    assert client.post(url, post_data(pulse)).status_code == 200
    assert Response.objects.count() == 1


def test_a_typed_code_leads_to_the_answer_page(client, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=1)
    code = pulse.codes.get().code
    response = client.post(reverse("pulse_code_enter"), {"code": f"  {code} "})
    assert response["Location"] == reverse("pulse_code", args=[code])


def test_a_team_link_does_not_work_for_a_pulse_with_personal_codes(client, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=1)
    assert client.get(link_of(pulse, team)).status_code == 404


def test_unknown_codes_are_answered_with_404_and_then_blocked(client, db):
    client.cookies["django_language"] = "en"
    for i in range(services.ATTEMPT_LIMIT):
        assert client.get(reverse("pulse_code", args=[f"guess{i}"])).status_code == 404
    blocked = client.get(reverse("pulse_code", args=["guess-more"]))
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert client.get(reverse("pulse_answer", args=["another-guess"])).status_code == 429


def test_logs_of_the_answer_endpoint_leave_out_the_token_and_the_client_address(client, pulse, team, caplog):
    token = pulse.pulse_teams.get(team=team).token
    with caplog.at_level(logging.INFO):
        client.get(reverse("pulse_code", args=["UnknownCodeXYZ"]), REMOTE_ADDR="203.0.113.7")
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"POST /p/{token}/ HTTP/1.1", "302", "0", extra={"request": object()}
        )
        logging.getLogger("gunicorn.access").info(
            '%(h)s - - [22/Nov/2026] "%(r)s" %(s)s',
            {"h": "2001:db8::1", "r": f"GET /p/c/{token}/ HTTP/1.1", "s": "200"},
        )
    assert caplog.records, "the 404 and the request lines were logged"
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    for secret in (token, "UnknownCodeXYZ", "203.0.113.7", "2001:db8::1"):
        assert secret not in text
    assert "/p/[redacted]/" in caplog.text


def test_the_redaction_leaves_other_log_lines_alone():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET /o/demo/ HTTP/1.1" 200', None, None
    )
    RedactAnswerPaths().filter(record)
    assert record.getMessage() == '"GET /o/demo/ HTTP/1.1" 200'
    assert redact("10.0.0.1 GET /p/abcDEF_123/ 200") == "- GET /p/[redacted]/ 200"


def test_a_blocked_client_still_answers_through_a_valid_link_while_unknown_ones_stay_blocked(
    client, pulse, team
):
    blocked_client = services.client_key("127.0.0.1")
    for _ in range(services.ATTEMPT_LIMIT):
        services.attempt_failed(client=blocked_client)
    assert client.get(link_of(pulse, team)).status_code == 200
    assert client.get(reverse("pulse_answer", args=["unknown-token"])).status_code == 429
