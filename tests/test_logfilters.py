"""One log filter for the whole project keeps secret links and client addresses out of the logs."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from werkstressweek.accounts.services import invitation_create
from werkstressweek.logfilters import RedactSecrets, redact


def _record(message: str, name: str = "django.server") -> logging.LogRecord:
    return logging.LogRecord(name, logging.INFO, __file__, 1, message, None, None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('10.0.0.1 "GET /p/abcDEF_123/ HTTP/1.1" 200', '- "GET /p/[redacted]/ HTTP/1.1" 200'),
        ('"GET /p/c/K7QM-2XPD/ HTTP/1.1" 404', '"GET /p/[redacted]/ HTTP/1.1" 404'),
        (
            '"GET /accounts/invitation/s3cr3t-Token_x/ HTTP/1.1" 200',
            '"GET /accounts/invitation/[redacted]/ HTTP/1.1" 200',
        ),
        (
            '2001:db8::1 "GET /accounts/password/reset/MQ/cz8a1b-0123456789abcdef/ HTTP/1.1" 302',
            '- "GET /accounts/password/reset/[redacted]/ HTTP/1.1" 302',
        ),
        (
            '"GET /accounts/password/reset/MQ/set-password/ HTTP/1.1" 200',
            '"GET /accounts/password/reset/[redacted]/ HTTP/1.1" 200',
        ),
    ],
)
def test_secret_paths_and_addresses_are_redacted(line, expected):
    record = _record(line)
    RedactSecrets().filter(record)
    assert record.getMessage() == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # every public URL whose token is the only thing that keeps it private
        ('10.0.0.1 "GET /agenda/Ab_C-12x/ HTTP/1.1" 200', '- "GET /agenda/[redacted]/ HTTP/1.1" 200'),
        (
            '"GET /agenda/Ab_C-12x/agenda.ics HTTP/1.1" 200',
            '"GET /agenda/[redacted]/agenda.ics HTTP/1.1" 200',
        ),
        ('"GET /agenda/Ab_C-12x/7.ics HTTP/1.1" 200', '"GET /agenda/[redacted]/7.ics HTTP/1.1" 200'),
        (
            '"POST /agenda/Ab_C-12x/7/signup/ HTTP/1.1" 302',
            '"POST /agenda/[redacted]/7/signup/ HTTP/1.1" 302',
        ),
        ('"GET /signup/Zx9-q_T/ HTTP/1.1" 200', '"GET /signup/[redacted]/ HTTP/1.1" 200'),
        (
            '"GET /signup/Zx9-q_T/calendar.ics HTTP/1.1" 200',
            '"GET /signup/[redacted]/calendar.ics HTTP/1.1" 200',
        ),
        ("Not Found: /feedback/Fb_t0ken/", "Not Found: /feedback/[redacted]/"),
        ('"POST /signals/S1gn-al_s/ HTTP/1.1" 302', '"POST /signals/[redacted]/ HTTP/1.1" 302'),
        (
            '"GET /feeds/F33d_tok/calendar.ics HTTP/1.1" 200',
            '"GET /feeds/[redacted]/calendar.ics HTTP/1.1" 200',
        ),
        ('"GET /feeds/F33d_tok/today.json HTTP/1.1" 200', '"GET /feeds/[redacted]/today.json HTTP/1.1" 200'),
        ('"GET /feeds/F33d_tok/today.rss HTTP/1.1" 200', '"GET /feeds/[redacted]/today.rss HTTP/1.1" 200'),
        (
            '"GET /feeds/F33d_tok/banner.html HTTP/1.1" 200',
            '"GET /feeds/[redacted]/banner.html HTTP/1.1" 200',
        ),
        ('"GET /m/Int3rv_code/ HTTP/1.1" 200', '"GET /m/[redacted]/ HTTP/1.1" 200'),
        ('"POST /m/Int3rv_code/helpful/ HTTP/1.1" 302', '"POST /m/[redacted]/helpful/ HTTP/1.1" 302'),
        # a full link, as in a Referer header
        (
            '"https://werk.example.nl:8000/agenda/Ab_C-12x/"',
            '"https://werk.example.nl:8000/agenda/[redacted]/"',
        ),
    ],
)
def test_public_token_paths_are_redacted(line, expected):
    record = _record(line)
    RedactSecrets().filter(record)
    assert record.getMessage() == expected


def test_organisation_pages_that_share_a_segment_name_keep_their_ids():
    for line in (
        "/o/demo/reports/feedback/3/publish/",
        "/o/demo/campaigns/1/import/agenda/",
        "/static/m/x.svg",
    ):
        assert redact(f'"GET {line} HTTP/1.1" 200') == f'"GET {line} HTTP/1.1" 200'


def test_a_404_for_a_public_agenda_link_does_not_log_its_token(db, client, caplog):
    token = "n0t-a-real-agenda_Token"
    with caplog.at_level(logging.INFO):
        response = client.get(f"/agenda/{token}/", REMOTE_ADDR="203.0.113.9")
        logging.getLogger("gunicorn.access").info(
            '%(h)s "%(r)s" %(s)s', {"h": "203.0.113.9", "r": f"GET /agenda/{token}/", "s": "404"}
        )
    assert response.status_code == 404
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert token not in text
    assert "203.0.113.9" not in text


def test_other_log_lines_pass_untouched():
    for line in ('10.0.0.1 "GET /o/demo/ HTTP/1.1" 200', '"GET /accounts/password/reset/sent/ HTTP/1.1" 200'):
        record = _record(line)
        RedactSecrets().filter(record)
        assert record.getMessage() == line.replace("10.0.0.1", "10.0.0.1")
    assert redact("GET /o/demo/") == "GET /o/demo/"


def test_the_completed_reset_page_is_not_mistaken_for_a_token():
    assert redact("/accounts/password/reset/complete/") == "/accounts/password/reset/complete/"


def test_a_404_for_an_invitation_link_does_not_log_its_token(client, org, hr_user, caplog):
    _, token = invitation_create(org=org, email="nieuw@zorggroep.nl", role="hr", invited_by=hr_user)
    with caplog.at_level(logging.INFO):
        client.get(reverse("invitation_accept", args=["wrong" + token]), REMOTE_ADDR="203.0.113.9")
        logging.getLogger("gunicorn.access").info(
            '%(h)s "%(r)s" %(s)s', {"h": "203.0.113.9", "r": f"GET /accounts/invitation/{token}/", "s": "200"}
        )
    text = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert token not in text
    assert "203.0.113.9" not in text


def test_the_console_handler_redacts_any_logger(settings):
    assert "redact_secrets" in settings.LOGGING["handlers"]["console"]["filters"]
    handler = logging.getLogger().handlers
    assert any(isinstance(f, RedactSecrets) for h in handler for f in h.filters)
