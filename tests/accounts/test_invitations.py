from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from werkstressweek.accounts.models import Invitation, Membership, Role, User
from werkstressweek.accounts.services import InvitationInvalid, invitation_accept, invitation_create
from werkstressweek.notify.models import Notification, State

from ..factories import MembershipFactory, UserFactory


def invite(org, hr_user, email="nieuw@example.org", role=Role.CORE_TEAM, teams=()):
    return invitation_create(org=org, email=email, role=role, teams=teams, invited_by=hr_user)


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/(\S+)/", message.body).group(1)


def test_hr_invites_someone_by_email_and_the_mail_goes_through_the_outbox(
    org, hr_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(
            f"/o/{org.slug}/people/", {"email": "Nieuw@Example.org", "role": Role.AMBASSADOR}
        )
    assert response.status_code == 302
    notification = Notification.objects.get(kind="invitation")
    assert notification.recipient == "nieuw@example.org"
    assert notification.state == State.SENT
    assert len(mail.outbox) == 1
    assert org.name in mail.outbox[0].body


def test_an_invitation_token_has_at_least_128_bits_and_only_its_hash_is_stored(org, hr_user):
    invitation, token = invite(org, hr_user)
    assert len(token) >= 43  # 32 random bytes, base64
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_invitation_link_creates_the_account_with_the_role(
    org, hr_user, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(org, hr_user, role=Role.WORKS_COUNCIL)
    token = link_in(mail.outbox[0])
    response = client.post(
        f"/accounts/invitation/{token}/",
        {"name": "Nina Nieuw", "password1": "lang-en-veilig-42", "password2": "lang-en-veilig-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/"
    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password("lang-en-veilig-42")
    assert Membership.objects.get(user=user, organisation=org).role == Role.WORKS_COUNCIL
    # Logged in straight away.
    assert client.get(f"/o/{org.slug}/").status_code == 200


def test_an_invitation_works_only_once(org, hr_user, client):
    _invitation, token = invite(org, hr_user)
    invitation_accept(token=token, name="Nina", password="lang-en-veilig-42")
    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, name="Mallory", password="lang-en-veilig-42")
    assert client.get(f"/accounts/invitation/{token}/").status_code == 404


def test_an_expired_invitation_is_refused(org, hr_user, client):
    invitation, token = invite(org, hr_user)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(f"/accounts/invitation/{token}/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode() or "niet geldig" in response.content.decode()


def test_an_unknown_invitation_token_is_refused(client, db):
    assert client.get("/accounts/invitation/made-up-token/").status_code == 404


def test_a_weak_or_mismatched_password_keeps_the_name_and_shows_why(org, hr_user, client):
    _invitation, token = invite(org, hr_user)
    response = client.post(
        f"/accounts/invitation/{token}/", {"name": "Nina Nieuw", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Nina Nieuw"' in page
    assert "is-invalid" in page
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_an_existing_user_joins_a_second_organisation_after_logging_in(org, other_org, client_for):
    hr_other = MembershipFactory(organisation=other_org, role=Role.HR).user
    consultant = UserFactory(email="arbo@example.org")
    MembershipFactory(organisation=org, user=consultant, role=Role.CORE_TEAM)
    _invitation, token = invitation_create(
        org=other_org, email=consultant.email, role=Role.WORKS_COUNCIL, invited_by=hr_other
    )
    client = client_for(consultant)
    assert client.post(f"/accounts/invitation/{token}/").status_code == 302
    assert Membership.objects.get(user=consultant, organisation=other_org).role == Role.WORKS_COUNCIL
    # The first membership is untouched.
    assert Membership.objects.get(user=consultant, organisation=org).role == Role.CORE_TEAM


def test_inviting_a_manager_requires_their_teams(org, hr_client):
    response = hr_client.post(f"/o/{org.slug}/people/", {"email": "lead@example.org", "role": Role.MANAGER})
    assert response.status_code == 200
    assert 'value="lead@example.org"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_manager_invitation_links_the_manager_to_the_teams(org, team, hr_user):
    _invitation, token = invite(org, hr_user, role=Role.MANAGER, teams=[team])
    user = invitation_accept(token=token, name="Lea", password="lang-en-veilig-42")
    assert list(Membership.objects.get(user=user).teams.all()) == [team]


def test_inviting_an_existing_member_again_is_refused_next_to_the_field(org, hr_user, hr_client):
    response = hr_client.post(f"/o/{org.slug}/people/", {"email": hr_user.email, "role": Role.HR})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def test_hr_can_withdraw_an_invitation(org, hr_user, hr_client):
    invitation, token = invite(org, hr_user)
    hr_client.post(f"/o/{org.slug}/invitations/{invitation.pk}/revoke/")
    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, name="Nina", password="lang-en-veilig-42")


# --- Two joins at once (PostgreSQL, one connection per thread) -------------------------------------


def _post_at_once(posts: list[tuple[str, dict]]) -> list[int]:
    """POST each (url, data) from its own client and thread, released together; the status codes."""
    import threading

    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(len(posts))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def join(url: str, data: dict) -> None:
        try:
            client = Client(raise_request_exception=True)
            barrier.wait(timeout=10)
            statuses.append(client.post(url, data).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return sorted(statuses)


@pytest.fixture
def slow_account_creation(monkeypatch):
    """Creating an account takes a moment, so that the second join arrives in the middle of it."""
    import time

    from werkstressweek.accounts.models import UserManager

    create_user = UserManager.create_user

    def slow(self, *args, **kwargs):
        time.sleep(0.3)
        return create_user(self, *args, **kwargs)

    monkeypatch.setattr(UserManager, "create_user", slow)


ACCOUNT = {"name": "Nina Nieuw", "password1": "lang-en-veilig-42", "password2": "lang-en-veilig-42"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_invitation_sent_twice_at_once_joins_once_and_the_second_gets_a_message(
    org, hr_user, slow_account_creation
):
    _, token = invite(org, hr_user)
    url = f"/accounts/invitation/{token}/"

    assert _post_at_once([(url, ACCOUNT), (url, ACCOUNT)]) == [302, 409]
    assert User.objects.filter(email="nieuw@example.org").count() == 1
    assert Membership.objects.filter(organisation=org, user__email="nieuw@example.org").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_invitations_of_one_address_accepted_at_once_make_one_account_and_a_clear_message(
    org, other_org, hr_user, slow_account_creation
):
    _, first = invite(org, hr_user)
    _, second = invite(other_org, MembershipFactory(organisation=other_org).user)

    statuses = _post_at_once(
        [(f"/accounts/invitation/{first}/", ACCOUNT), (f"/accounts/invitation/{second}/", ACCOUNT)]
    )

    assert statuses == [302, 409]
    assert User.objects.filter(email="nieuw@example.org").count() == 1
    assert Membership.objects.filter(user__email="nieuw@example.org").count() == 1


def test_an_account_made_meanwhile_through_another_invitation_is_explained_next_to_the_form(
    org, other_org, hr_user, client
):
    _, token = invite(org, hr_user)
    _, other = invite(other_org, MembershipFactory(organisation=other_org).user)
    invitation_accept(token=other, name="Nina", password="lang-en-veilig-42")

    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, name="Nina", password="lang-en-veilig-42")
    response = client.get(f"/accounts/invitation/{token}/")
    assert response.status_code == 200  # now the "log in first" page
    assert "log" in response.content.decode().lower()


def test_a_double_click_on_join_for_an_existing_account_lands_in_the_organisation(
    org, other_org, hr_user, client_for, monkeypatch
):
    user = MembershipFactory(organisation=other_org, user=UserFactory(email="nieuw@example.org")).user
    _, token = invite(org, hr_user)
    client = client_for(user)

    first = client.post(f"/accounts/invitation/{token}/")
    invitation = Invitation.objects.get()
    invitation.accepted_at = None  # the second click read the invitation before the first committed
    from werkstressweek.accounts import services

    monkeypatch.setattr(services, "invitation_get", lambda *, token: invitation)
    second = client.post(f"/accounts/invitation/{token}/")

    assert first.status_code == second.status_code == 302
    assert Membership.objects.filter(organisation=org, user=user).count() == 1
