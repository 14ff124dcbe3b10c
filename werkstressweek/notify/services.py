"""Enqueue and send notifications: once per key, at most once per row.

Sending has three steps, so that no transaction is open while a channel talks to the outside world
(on SQLite an open write transaction blocks every other writer for the length of an e-mail send):

1. claim: one conditional UPDATE moves a due, pending row to `sending` (only one sender wins);
2. deliver: the channel sends, outside any transaction;
3. record: the row becomes `sent`, goes back to `pending` with a later `due_at` (backoff), or
   becomes `failed` with its error after the last attempt.

A sender that dies between 1 and 3 leaves the row in `sending`. Nobody can tell whether the message
left, so after `NOTIFY_CLAIM_TIMEOUT_SECONDS` such a row is marked failed with that explanation
(visible to HR, retried only by hand) instead of being sent a second time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from werkstressweek.forms import clean_single_line

from . import channels
from .models import Channel, Notification, State

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SEND_BATCH = 100
RATE_WINDOW_SECONDS = 60
INTERRUPTED_ERROR = (
    "Delivery was interrupted (the worker stopped while sending). It may or may not have arrived, "
    "so it is not retried automatically: retry it by hand if it did not arrive."
)


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
    **extra,
) -> tuple[Notification, bool]:
    """Create the notification for `key` unless it exists; return it and whether it is new.

    `extra` holds further model fields (e.g. the team channel it goes to).
    """
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
        **extra,
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


def notification_claim(*, notification_id: int) -> Notification | None:
    """Take a due, pending notification for sending; None when it is not due, not pending, or
    another sender took it first. The claim is one short conditional UPDATE."""
    now = timezone.now()
    # One UPDATE is atomic by itself; on PostgreSQL it re-checks the condition after waiting for a
    # concurrent claim of the same row, so exactly one sender gets 1 back.
    claimed = Notification.objects.filter(pk=notification_id, state=State.PENDING, due_at__lte=now).update(
        state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Notification.objects.select_related("destination").get(pk=notification_id)


def _record(notification: Notification, **values) -> None:
    """Write the outcome of this sender's claim (a later claim of the same row wins)."""
    Notification.objects.filter(pk=notification.pk, claimed_at=notification.claimed_at).update(**values)


def _over_rate(notification: Notification) -> bool:
    """Whether the notification's team channel already had its share of messages this minute."""
    limit = settings.NOTIFY_CHANNEL_MAX_PER_MINUTE
    if notification.destination_id is None or not limit:
        return False
    since = timezone.now() - timedelta(seconds=RATE_WINDOW_SECONDS)
    recent = Notification.objects.filter(destination_id=notification.destination_id, sent_at__gte=since)
    return recent.count() >= limit


def notification_send(*, notification_id: int) -> bool:
    """Send one due notification if it is still pending; return whether it was delivered.

    Safe to call any number of times and from several workers at once: only the sender that
    claims the row delivers it.
    """
    notification = notification_claim(notification_id=notification_id)
    if notification is None:
        return False
    if _over_rate(notification):
        # Not an attempt: back in the queue a minute later, the channel's pace kept.
        _record(
            notification,
            state=State.PENDING,
            attempts=F("attempts") - 1,
            due_at=timezone.now() + timedelta(seconds=RATE_WINDOW_SECONDS),
        )
        return False
    try:
        channels.deliver(notification)
    except Exception as exc:  # any channel failure is recorded, never lost
        logger.warning("Sending notification %s failed: %s", notification.pk, exc)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        permanent = isinstance(exc, channels.PermanentDeliveryError)
        if permanent or notification.attempts >= MAX_ATTEMPTS:
            _record(notification, state=State.FAILED, last_error=error)
        else:
            _record(
                notification,
                state=State.PENDING,
                last_error=error,
                due_at=timezone.now() + retry_delay(notification.attempts),
            )
        channels.destination_record(notification=notification, error=error)
        return False
    _record(notification, state=State.SENT, sent_at=timezone.now(), last_error="")
    channels.destination_record(notification=notification, error="")
    return True


def notifications_release_stale(*, now: datetime | None = None) -> int:
    """Mark notifications whose sender died mid-delivery as failed; return how many."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS)
    return Notification.objects.filter(state=State.SENDING, claimed_at__lt=cutoff).update(
        state=State.FAILED, last_error=INTERRUPTED_ERROR
    )


def notifications_due_ids(*, limit: int = SEND_BATCH) -> list[int]:
    return list(
        Notification.objects.filter(state=State.PENDING, due_at__lte=timezone.now())
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def notifications_send_due(*, limit: int = SEND_BATCH) -> int:
    """Send up to `limit` due notifications; return how many were delivered."""
    notifications_release_stale()
    return sum(notification_send(notification_id=pk) for pk in notifications_due_ids(limit=limit))


def notifications_backlog() -> bool:
    """Whether due notifications are still waiting (the sender then goes on with another batch)."""
    return Notification.objects.filter(state=State.PENDING, due_at__lte=timezone.now()).exists()


def notification_retry(*, notification: Notification) -> None:
    """Put a failed notification back in the queue (used from the admin and by HR)."""
    Notification.objects.filter(pk=notification.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, due_at=timezone.now(), claimed_at=None
    )
