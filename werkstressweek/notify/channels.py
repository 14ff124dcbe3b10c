"""Delivery per channel. A channel raises `DeliveryError` (or any exception) when it fails;
`PermanentDeliveryError` when trying again cannot help."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import webhooks
from .models import Channel, Notification, TeamChannel


class DeliveryError(Exception):
    """A channel could not deliver; the outbox retries later."""


class PermanentDeliveryError(DeliveryError):
    """A channel can never deliver this (refused address, unknown webhook): no retry."""


def email_recipients(notification: Notification) -> list[str]:
    return [address.strip() for address in notification.recipient.split(",") if address.strip()]


def send_email(notification: Notification) -> None:
    body = notification.body
    if notification.link:
        body = f"{body}\n\n{notification.link}"
    send_mail(
        subject=notification.subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=email_recipients(notification),
        fail_silently=False,
    )


def slack_payload(notification: Notification) -> dict:
    """A Block Kit message: header, text, and a button when there is a link."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": notification.subject[:150]}},
        {"type": "section", "text": {"type": "mrkdwn", "text": notification.body[:2900]}},
    ]
    if notification.link:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": _("Open")},
                        "url": notification.link,
                    }
                ],
            }
        )
    return {"text": notification.subject, "blocks": blocks}


def teams_payload(notification: Notification) -> dict:
    """An Adaptive Card in the message envelope that incoming webhooks and workflows accept."""
    card: dict = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": notification.subject,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": notification.body, "wrap": True},
        ],
    }
    if notification.link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": _("Open"), "url": notification.link}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


PAYLOADS = {Channel.SLACK: slack_payload, Channel.TEAMS: teams_payload}


def _webhook(notification: Notification) -> None:
    destination = notification.destination
    if destination is None or not destination.webhook_url:
        raise PermanentDeliveryError(f"The {notification.get_channel_display()} channel is not configured.")
    if not destination.is_active:
        raise PermanentDeliveryError(_("This channel is switched off."))
    try:
        webhooks.webhook_post(
            url=destination.webhook_url,
            kind=notification.channel,
            payload=PAYLOADS[notification.channel](notification),
        )
    except webhooks.WebhookRefused as exc:
        raise PermanentDeliveryError(str(exc)) from exc
    except webhooks.WebhookTemporaryError as exc:
        raise DeliveryError(str(exc)) from exc


CHANNELS: dict[str, Callable[[Notification], None]] = {
    Channel.EMAIL: send_email,
    Channel.TEAMS: _webhook,
    Channel.SLACK: _webhook,
}


def deliver(notification: Notification) -> None:
    CHANNELS[notification.channel](notification)


def destination_record(*, notification: Notification, error: str) -> None:
    """Keep the team channel's health up to date, so HR sees a failing channel and its error."""
    if notification.destination_id is None:
        return
    now = timezone.now()
    if error:
        TeamChannel.objects.filter(pk=notification.destination_id).update(last_error=error, last_error_at=now)
    else:
        # Written when it changes what HR sees (first success, recovery) or at most once a minute.
        TeamChannel.objects.filter(pk=notification.destination_id).filter(
            Q(last_success_at__isnull=True)
            | Q(last_success_at__lt=now - timedelta(seconds=60))
            | Q(last_error_at__gte=F("last_success_at"))
        ).update(last_success_at=now)


def destinations_record(*, outcomes: dict[int, str]) -> None:
    """`destination_record` for a batch: {team channel: error of its last message, '' if sent}."""
    now = timezone.now()
    for pk, error in outcomes.items():
        if error:
            TeamChannel.objects.filter(pk=pk).update(last_error=error, last_error_at=now)
    ok = [pk for pk, error in outcomes.items() if not error]
    if ok:
        TeamChannel.objects.filter(pk__in=ok).filter(
            Q(last_success_at__isnull=True)
            | Q(last_success_at__lt=now - timedelta(seconds=60))
            | Q(last_error_at__gte=F("last_success_at"))
        ).update(last_success_at=now)
