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


def test_password_reset_sends_a_link_that_sets_a_new_password(client, person):
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
