"""HR's channel pages: configure, never show a saved webhook in full, test, see failures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import TeamFactory
from werkstressweek.accounts.models import Role
from werkstressweek.notify.destinations import team_channel_save, team_message_enqueue
from werkstressweek.notify.models import DestinationKind, Notification, State, TeamChannel
from werkstressweek.notify.services import notifications_send_due

pytestmark = pytest.mark.django_db

SECRET = "Zx81secretPart4321"


def url(name, org, **kwargs):
    return reverse(f"notify:{name}", kwargs={"org_slug": org.slug, **kwargs})


def test_hr_adds_a_slack_channel_and_never_sees_the_webhook_in_full_again(
    org, team, hr_client, webhook_server
):
    webhook = f"{webhook_server.url}/{SECRET}"
    response = hr_client.post(
        url("channel_create", org),
        {"team": team.pk, "kind": "slack", "webhook_url": webhook, "is_active": "on"},
    )

    channel = TeamChannel.objects.get()
    assert response.status_code == 302
    assert channel.webhook_url == webhook
    for page in (url("channel_detail", org, channel_id=channel.pk), url("channel_edit", org, channel_id=channel.pk),
                 url("channels", org)):  # fmt: skip
        content = hr_client.get(page).content.decode()
        assert SECRET not in content
        assert "…4321" in content


def test_an_unsafe_webhook_is_refused_next_to_the_field_and_what_was_typed_is_kept(org, team, hr_client):
    response = hr_client.post(
        url("channel_create", org),
        {"team": team.pk, "kind": "slack", "webhook_url": "http://127.0.0.1/admin"},
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["webhook_url"]
    assert "https://" in error
    assert 'value="http://127.0.0.1/admin"' in response.content.decode()
    assert not TeamChannel.objects.exists()


def test_editing_without_a_new_webhook_keeps_the_saved_one(org, team, hr_client, webhook_server):
    channel = team_channel_save(
        org=org, team=team, kind=DestinationKind.SLACK, webhook_url=webhook_server.url
    )
    hr_client.post(url("channel_edit", org, channel_id=channel.pk), {"webhook_url": ""})
    channel.refresh_from_db()
    assert channel.webhook_url == webhook_server.url
    assert channel.is_active is False  # the unchecked box was saved


def test_send_a_test_message_delivers_to_the_channel(
    org, team, hr_client, webhook_server, django_capture_on_commit_callbacks
):
    channel = team_channel_save(
        org=org, team=team, kind=DestinationKind.TEAMS, webhook_url=webhook_server.url
    )

    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(url("channel_test", org, channel_id=channel.pk))
    response = hr_client.get(url("channel_detail", org, channel_id=channel.pk))

    [payload] = webhook_server.received
    assert "Verpleging" in payload["attachments"][0]["content"]["body"][1]["text"]
    assert Notification.objects.get(destination=channel).state == State.SENT
    assert "text-bg-success" in response.content.decode()


def test_a_failing_channel_shows_its_error_to_hr_and_can_be_retried(org, team, hr_client, webhook_server):
    webhook_server.answers = [404]
    channel = team_channel_save(
        org=org, team=team, kind=DestinationKind.SLACK, webhook_url=webhook_server.url
    )
    notification, _ = team_message_enqueue(
        channel=channel, key="k", kind="intervention", subject="S", body="B"
    )
    notifications_send_due()

    listing = hr_client.get(url("channels", org)).content.decode()
    detail = hr_client.get(url("channel_detail", org, channel_id=channel.pk)).content.decode()

    assert "text-bg-danger" in listing and "server error" in listing
    assert "server error" in detail
    webhook_server.answers = [200]
    hr_client.post(url("notification_retry", org, channel_id=channel.pk, notification_id=notification.pk))
    notifications_send_due()
    notification.refresh_from_db()
    assert notification.state == State.SENT


def test_channels_of_another_organisation_are_not_found(org, other_org, hr_client, webhook_server):
    theirs = team_channel_save(
        org=other_org, team=TeamFactory(organisation=other_org), kind=DestinationKind.SLACK,
        webhook_url=webhook_server.url,
    )  # fmt: skip
    for name in ("channel_detail", "channel_edit"):
        assert hr_client.get(url(name, org, channel_id=theirs.pk)).status_code == 404
    for name in ("channel_test", "channel_delete"):
        assert hr_client.post(url(name, org, channel_id=theirs.pk)).status_code == 404
    assert TeamChannel.objects.filter(pk=theirs.pk).exists()
    assert hr_client.post(url("channel_create", org), {"team": theirs.team_id, "kind": "email",
                                                       "addresses": "x@y.nl"}).status_code == 200  # fmt: skip
    assert TeamChannel.objects.count() == 1


@pytest.mark.parametrize("role", [Role.MANAGER, Role.CORE_TEAM, Role.AMBASSADOR, Role.WORKS_COUNCIL])
def test_only_hr_manages_channels(org, member_of, client_for, role):
    assert client_for(member_of(role)).get(url("channels", org)).status_code == 403


def test_the_channel_list_runs_a_bounded_number_of_queries(org, hr_client, django_assert_max_num_queries):
    for n in range(15):
        team_channel_save(
            org=org, team=TeamFactory(organisation=org), kind="email", addresses=f"t{n}@zorg.nl"
        )
    with django_assert_max_num_queries(10):
        response = hr_client.get(url("channels", org))
    assert response.content.decode().count("@zorg.nl") == 15
