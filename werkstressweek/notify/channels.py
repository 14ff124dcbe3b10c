"""Delivery per channel. A channel raises `DeliveryError` (or any exception) when it fails."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail

from .models import Channel, Notification


class DeliveryError(Exception):
    """A channel could not deliver; the outbox retries later."""


class PermanentDeliveryError(DeliveryError):
    """A channel can never deliver this (refused address, unknown webhook): no retry."""


def send_email(notification: Notification) -> None:
    send_mail(
        subject=notification.subject,
        message=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient],
        fail_silently=False,
    )


def _not_configured(notification: Notification) -> None:
    raise DeliveryError(f"The {notification.get_channel_display()} channel is not configured.")


CHANNELS: dict[str, Callable[[Notification], None]] = {
    Channel.EMAIL: send_email,
    Channel.TEAMS: _not_configured,
    Channel.SLACK: _not_configured,
}


def deliver(notification: Notification) -> None:
    CHANNELS[notification.channel](notification)
