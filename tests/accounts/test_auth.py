from __future__ import annotations

import re

import pytest
from django.core import mail

from ..factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def person(db):
    return UserFactory(email="anna@example.org")


def login(client, email, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_a_person_logs_in_with_email_and_password(client, person):
    response = login(client, "Anna@Example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_says_so_and_keeps_the_email(client, person):
    response = login(client, person.email, "wrong")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="anna@example.org"' in page
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_pause_logging_in_for_that_account_and_address(client, person):
    for _ in range(5):
        login(client, person.email, "wrong")
    response = login(client, person.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "15" in page  # the message says how long the pause lasts


def test_the_pause_does_not_lock_out_the_same_account_from_another_address(client, person):
    for _ in range(5):
        login(client, person.email, "wrong", ip="10.0.0.1")
    assert login(client, person.email, PASSWORD, ip="10.0.0.2").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": person.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "nieuw-wachtwoord-77", "new_password2": "nieuw-wachtwoord-77"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("nieuw-wachtwoord-77")


def test_password_reset_does_not_reveal_whether_an_address_has_an_account(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_profile_keeps_name_and_language(client_for, person):
    client = client_for(person)
    response = client.post("/accounts/profile/", {"name": "Anna de Wit", "language": "en"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.language) == ("Anna de Wit", "en")
    assert "Your profile" in client.get("/accounts/profile/").content.decode()


def test_the_interface_is_dutch_by_default_and_english_on_request(client, db):
    assert "Inloggen" in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()


def test_switching_language_is_remembered_in_the_profile(client_for, person):
    client = client_for(person)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    person.refresh_from_db()
    assert person.language == "en"


# --- One counter per address, however it is typed ----------------------------------------------------


def test_the_upper_case_variant_is_locked_together_with_the_lower_case_one(client, person):
    variants = (
        "ANNA@EXAMPLE.ORG",
        " anna@example.org",
        "Anna@Example.Org ",
        "anna@EXAMPLE.org",
        "ANNA@example.ORG",
    )
    statuses = [login(client, variant, "wrong").status_code for variant in variants]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure starts the pause
    assert login(client, "anna@example.org", PASSWORD).status_code == 429
    assert login(client, "ANNA@EXAMPLE.ORG", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("minutes", "text"), [(45, "45 minutes"), (1, "1 minute"), (120, "2 hours")])
def test_the_lockout_message_tells_the_configured_pause(client, person, settings, minutes, text):
    settings.AXES_COOLOFF_MINUTES = minutes
    settings.LANGUAGE_CODE = "en"
    warning = login(client, person.email, "wrong").content.decode()
    assert f"after 5 failed attempts logging in is paused for {text}" in warning
    for _ in range(4):
        login(client, person.email, "wrong")
    response = login(client, person.email, PASSWORD)
    assert response.status_code == 429
    assert f"paused for {text}" in response.content.decode()
    assert "15 minutes" not in response.content.decode()


# --- Password reset: outbox, throttled, no enumeration -----------------------------------------------


def reset(client, email, ip="10.0.0.1"):
    return client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ip)


def test_the_reset_mail_goes_through_the_outbox_not_inside_the_request(
    client, person, django_capture_on_commit_callbacks
):
    from werkstressweek.notify.models import Notification

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = reset(client, "  Anna@Example.org ")
        assert mail.outbox == []  # nothing was sent while the request ran
    assert response.status_code == 302
    notification = Notification.objects.get(kind="password_reset")
    assert notification.recipient == "anna@example.org"
    assert "/accounts/password/reset/" in notification.body
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_reset_requests_are_limited_per_address_whether_or_not_it_has_an_account(client, person, settings):
    settings.PASSWORD_RESET_PER_ADDRESS = 3
    for email in (person.email, "nobody@example.org"):
        answers = [reset(client, email, ip=f"10.0.1.{i}") for i in range(4)]
        assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert (
        "Try again in an hour" in answers[-1].content.decode()
        or "over een uur" in answers[-1].content.decode()
    )


def test_reset_requests_are_limited_per_client(client, db, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 4
    statuses = [reset(client, f"person{i}@example.org", ip="10.9.9.9").status_code for i in range(5)]
    assert statuses == [302, 302, 302, 302, 429]
    assert reset(client, "person9@example.org", ip="10.9.9.10").status_code == 302


def test_the_reset_answer_is_the_same_for_an_unknown_address(client, person):
    from werkstressweek.models import Throttle
    from werkstressweek.notify.models import Notification

    known, unknown = reset(client, person.email), reset(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert Notification.objects.filter(kind="password_reset").count() == 1
    assert not Throttle.objects.filter(key__icontains="example").exists()  # only keyed hashes are stored
