"""Enqueue and send notifications: once per key, at most once per row."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from werkstressweek.forms import clean_single_line

from . import channels
from .models import Channel, Notification, State

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SEND_BATCH = 100


def notification_enqueue(
    *,
    key: str,
    recipient: str,
    kind: str,
    subject: str,
    body: str,
    organisation=None,
    channel: str = Channel.EMAIL,
    due_at: datetime | None = None,
) -> tuple[Notification, bool]:
    """Create the notification for `key` unless it exists; return it and whether it is new."""
    defaults = {
        "organisation": organisation,
        "recipient": recipient,
        "channel": channel,
        "kind": kind,
        # A name with a line break (from before the shared form cleaning, or the admin) must never
        # split an e-mail header.
        "subject": clean_single_line(subject)[:200],
        "body": body,
        "due_at": due_at or timezone.now(),
    }
    try:
        with transaction.atomic():
            return Notification.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:
        # Another process created the same key between our read and our insert.
        return Notification.objects.get(key=key), False


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: 1, 2, 4, 8 … minutes after each failed attempt."""
    return timedelta(minutes=2 ** max(attempts - 1, 0))


def notification_send(*, notification_id: int) -> bool:
    """Send one due notification if it is still pending; return whether it was delivered.

    The row is locked for the whole attempt (skip_locked where the database supports it), so two
    workers never deliver the same notification.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, state=State.PENDING, due_at__lte=timezone.now())
            .first()
        )
        if notification is None:
            return False
        notification.attempts += 1
        try:
            channels.deliver(notification)
        except Exception as exc:  # any channel failure is recorded, never lost
            logger.warning("Sending notification %s failed: %s", notification.pk, exc)
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if notification.attempts >= MAX_ATTEMPTS:
                notification.state = State.FAILED
            else:
                notification.due_at = timezone.now() + retry_delay(notification.attempts)
            notification.save(update_fields=["attempts", "last_error", "state", "due_at"])
            return False
        notification.state = State.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        return True


def notifications_send_due(*, limit: int = SEND_BATCH) -> int:
    """Send up to `limit` due notifications; return how many were delivered."""
    due_ids = list(
        Notification.objects.filter(state=State.PENDING, due_at__lte=timezone.now())
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_send(notification_id=pk) for pk in due_ids)


def notification_retry(*, notification: Notification) -> None:
    """Put a failed notification back in the queue (used from the admin)."""
    Notification.objects.filter(pk=notification.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, due_at=timezone.now()
    )
