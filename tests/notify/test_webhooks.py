"""Slack and Teams delivery against a local HTTP server, and the SSRF guard in front of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from werkstressweek.notify.destinations import team_channel_save, team_message_enqueue
from werkstressweek.notify.models import DestinationKind, Notification, State
from werkstressweek.notify.services import notification_send, notifications_send_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English (HR sees them in Dutch by default)."""
    with translation.override("en"):
        yield


def make_channel(org, team, kind, url):
    return team_channel_save(org=org, team=team, kind=kind, webhook_url=url)


def enqueue(channel, key="moment:1"):
    notification, _ = team_message_enqueue(
        channel=channel,
        key=key,
        kind="intervention",
        subject="Ademruimte",
        body="Twee minuten rustig ademen.",
        link="https://example.org/i/1",
    )
    return notification


def make_due(notification):
    Notification.objects.filter(pk=notification.pk).update(due_at=timezone.now())


def test_a_slack_message_is_posted_as_block_kit(org, team, webhook_server):
    channel = make_channel(org, team, DestinationKind.SLACK, webhook_server.url)
    notification = enqueue(channel)

    assert notifications_send_due() == 1

    [payload] = webhook_server.received
    assert payload["text"] == "Ademruimte"
    assert payload["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "Ademruimte"}}
    assert payload["blocks"][1]["text"]["text"] == "Twee minuten rustig ademen."
    assert payload["blocks"][2]["elements"][0]["url"] == "https://example.org/i/1"
    notification.refresh_from_db()
    channel.refresh_from_db()
    assert notification.state == State.SENT
    assert channel.last_success_at is not None and not channel.is_failing


def test_a_teams_message_is_posted_as_an_adaptive_card(org, team, webhook_server):
    channel = make_channel(org, team, DestinationKind.TEAMS, webhook_server.url)
    enqueue(channel)

    assert notifications_send_due() == 1

    [payload] = webhook_server.received
    attachment = payload["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert [block["text"] for block in card["body"]] == ["Ademruimte", "Twee minuten rustig ademen."]
    assert card["actions"][0]["url"] == "https://example.org/i/1"


def test_a_webhook_answering_500_is_retried_later_and_then_delivered(org, team, webhook_server):
    webhook_server.answers = [500, 200]
    channel = make_channel(org, team, DestinationKind.SLACK, webhook_server.url)
    notification = enqueue(channel)

    assert notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    channel.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.PENDING, 1)
    assert "500" in notification.last_error
    assert notification.due_at > timezone.now() + timedelta(seconds=50)
    assert channel.is_failing and "500" in channel.last_error  # visible to HR

    make_due(notification)
    assert notification_send(notification_id=notification.pk) is True
    channel.refresh_from_db()
    assert len(webhook_server.received) == 2
    assert not channel.is_failing


def test_a_webhook_that_does_not_answer_in_time_is_retried(org, team, webhook_server, settings):
    settings.NOTIFY_WEBHOOK_TIMEOUT_SECONDS = 0.3
    webhook_server.answers = [("sleep", 1.5)]
    channel = make_channel(org, team, DestinationKind.TEAMS, webhook_server.url)
    notification = enqueue(channel)

    assert notification_send(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert notification.state == State.PENDING
    assert "No answer from 127.0.0.1 within 0.3 seconds" in notification.last_error


def test_a_failing_channel_does_not_block_the_teams_other_channels(org, team, webhook_server):
    webhook_server.answers = [500]
    slack = make_channel(org, team, DestinationKind.SLACK, webhook_server.url)
    email = team_channel_save(org=org, team=team, kind=DestinationKind.EMAIL, addresses="team@zorg.nl")
    enqueue(slack, key="a")
    enqueue(email, key="b")

    assert notifications_send_due() == 1

    assert [m.to for m in mail.outbox] == [["team@zorg.nl"]]
    assert "https://example.org/i/1" in mail.outbox[0].body
    assert Notification.objects.get(key="a").state == State.PENDING


def test_a_redirect_is_never_followed(org, team, webhook_server, internal_server):
    webhook_server.answers = [("redirect", internal_server.url)]
    channel = make_channel(org, team, DestinationKind.SLACK, webhook_server.url)
    notification = enqueue(channel)

    notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.state == State.FAILED  # permanent: retrying cannot help
    assert "redirects are not followed" in notification.last_error
    assert internal_server.received == []


@pytest.mark.parametrize(
    ("kind", "url", "message"),
    [
        (DestinationKind.SLACK, "http://127.0.0.1/hook", "Only https:// addresses are accepted."),
        (
            DestinationKind.SLACK,
            "http://hooks.slack.com/services/T/B/x",
            "Only https:// addresses are accepted.",
        ),
        (DestinationKind.SLACK, "https://127.0.0.1/hook", "127.0.0.1 is not a Slack webhook host"),
        (
            DestinationKind.SLACK,
            "https://example.com/services/T/B/x",
            "example.com is not a Slack webhook host",
        ),
        (DestinationKind.SLACK, "https://hooks.slack.com.evil.example/x", "is not a Slack webhook host"),
        (DestinationKind.TEAMS, "https://evilwebhook.office.com/x", "is not a Microsoft Teams webhook host"),
        (
            DestinationKind.TEAMS,
            "https://hooks.slack.com/services/T/B/x",
            "is not a Microsoft Teams webhook host",
        ),
        (DestinationKind.SLACK, "https://hooks.slack.com:8443/services/x", "may not name a port"),
        (DestinationKind.SLACK, "https://a:b@hooks.slack.com/services/x", "user name or password"),
        (DestinationKind.SLACK, "https://hooks.slack.com/services/x", "points to an internal address"),
        (DestinationKind.TEAMS, "https://acme.webhook.office.com/x", "points to an internal address"),
    ],
)
def test_webhook_addresses_that_could_reach_inside_are_refused_with_a_clear_message(
    org, team, fake_dns, kind, url, message
):
    fake_dns["hooks.slack.com"] = "10.0.0.5"  # a name resolving to a private address
    fake_dns["acme.webhook.office.com"] = "::1"

    with pytest.raises(ValidationError) as refused:
        team_channel_save(org=org, team=team, kind=kind, webhook_url=url)

    assert message in refused.value.message_dict["webhook_url"][0]


def test_a_provider_address_resolving_to_public_addresses_is_accepted(org, team, fake_dns):
    fake_dns["hooks.slack.com"] = "52.1.2.3"
    channel = team_channel_save(
        org=org,
        team=team,
        kind=DestinationKind.SLACK,
        webhook_url="https://hooks.slack.com/services/T1/B2/secret9876",
    )
    assert channel.webhook_masked == "https://hooks.slack.com/…9876"


def test_a_webhook_whose_name_later_resolves_inside_is_refused_when_sending(org, team, fake_dns):
    fake_dns["hooks.slack.com"] = "52.1.2.3"
    channel = team_channel_save(
        org=org, team=team, kind=DestinationKind.SLACK, webhook_url="https://hooks.slack.com/services/T1/B2/x"
    )
    notification = enqueue(channel)
    fake_dns["hooks.slack.com"] = "169.254.169.254"  # DNS rebinding after the check at saving

    notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.state == State.FAILED
    assert "points to an internal address" in notification.last_error


def test_the_local_test_server_is_refused_without_the_explicit_test_setting(org, team, settings):
    settings.NOTIFY_WEBHOOK_TEST_HOSTS = []
    with pytest.raises(ValidationError) as refused:
        team_channel_save(
            org=org, team=team, kind=DestinationKind.SLACK, webhook_url="http://127.0.0.1:8765/hook"
        )
    assert "Only https://" in refused.value.message_dict["webhook_url"][0]


def test_a_channel_gets_at_most_its_share_of_messages_a_minute(org, team, webhook_server, settings):
    settings.NOTIFY_CHANNEL_MAX_PER_MINUTE = 2
    channel = make_channel(org, team, DestinationKind.SLACK, webhook_server.url)
    for n in range(3):
        enqueue(channel, key=f"burst:{n}")

    assert notifications_send_due() == 2

    waiting = Notification.objects.get(state=State.PENDING)
    assert waiting.attempts == 0  # postponed, not counted as a failed attempt
    assert waiting.due_at > timezone.now() + timedelta(seconds=50)
    assert len(webhook_server.received) == 2
