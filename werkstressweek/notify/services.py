"""Enqueue and send notifications: once per key, at most once per row.

Sending has three steps, so that no transaction is open while a channel talks to the outside world
(on SQLite an open write transaction blocks every other writer for the length of an e-mail send):

1. claim: one UPDATE moves a small batch of due, pending rows to `claimed` (concurrent senders
   take disjoint batches), then each row moves to `sending` right before it is delivered — one
   message at a time is in doubt, never the batch;
2. deliver: the channel sends, outside any transaction;
3. record: the row becomes `sent`, goes back to `pending` with a later `due_at` (backoff), or
   becomes `failed` with its error after the last attempt. Recording one message and starting the
   next share one short transaction, so a message costs one commit.

A sender that dies between 1 and 3 leaves one row in `sending` and the rest of its batch `claimed`.
Nobody can tell whether the `sending` one left, so after `NOTIFY_CLAIM_TIMEOUT_SECONDS` it is marked
failed with that explanation (visible to HR, retried only by hand) instead of being sent a second
time; the `claimed` ones were never started and go back to `pending` after a minute.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from werkstressweek.forms import clean_single_line

from . import channels
from .models import Channel, Notification, State

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SEND_BATCH = 100  # per task, then the task queues its successor
CLAIM_BATCH = 20  # per claim: one UPDATE for the lot
CLAIMED_TIMEOUT_SECONDS = 60
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


def notifications_claim_batch(*, size: int = CLAIM_BATCH) -> list[Notification]:
    """Take up to `size` due, pending notifications (oldest first) in one short UPDATE.

    They are `claimed`, not yet being sent: `_start` moves them one at a time to `sending` right
    before each is delivered, so a sender that dies leaves one message in doubt, never its batch.
    On PostgreSQL the rows are picked with SKIP LOCKED, so concurrent senders take disjoint
    batches without waiting for each other; SQLite has one writer at a time anyway.
    """
    now = timezone.now()
    table = connection.ops.quote_name(Notification._meta.db_table)
    postgres = connection.features.has_select_for_update_skip_locked
    # The pick is materialised (evaluated once): as a plain IN (subquery) PostgreSQL may run the
    # LIMIT … SKIP LOCKED subquery more than once and claim more than `size` rows.
    sql = (
        f"WITH picked AS {'MATERIALIZED ' if postgres else ''}("  # noqa: S608 - the table name only
        f"SELECT id FROM {table} WHERE state = %s AND due_at <= %s ORDER BY due_at, id LIMIT %s"
        f"{' FOR UPDATE SKIP LOCKED' if postgres else ''}) "
        f"UPDATE {table} SET state = %s, claimed_at = %s WHERE state = %s AND id IN (SELECT id FROM picked) "
        "RETURNING id"
    )
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [State.PENDING, stamp, size, State.CLAIMED, stamp, State.PENDING])
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return []
    return list(
        Notification.objects.select_related("destination").filter(pk__in=ids).order_by("due_at", "pk")
    )


def _advance(previous: tuple[Notification, dict] | None, following: Notification | None) -> bool:
    """Record the outcome of `previous` and move the claimed `following` to `sending` (one
    attempt) in one UPDATE — one round trip and one commit per message; return whether
    `following` started (False when its claim was lost to a sender that took it over after the
    claim timed out)."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    done, values = previous if previous is not None else (None, {})
    done_id = done.pk if done is not None else None
    next_id = following.pk if following is not None else None
    table = connection.ops.quote_name(Notification._meta.db_table)
    # One fixed statement (prepared once per connection): `previous` gets its outcome, `following`
    # its start; a column the outcome leaves alone is passed as NULL and kept.
    sql = f"""
        UPDATE {table} SET
            state = CASE WHEN id = %s THEN %s ELSE %s END,
            last_error = CASE WHEN id = %s THEN %s ELSE last_error END,
            sent_at = CASE WHEN id = %s THEN COALESCE(%s, sent_at) ELSE sent_at END,
            due_at = CASE WHEN id = %s THEN COALESCE(%s, due_at) ELSE due_at END,
            attempts = CASE WHEN id = %s THEN attempts + 1 ELSE attempts END,
            claimed_at = CASE WHEN id = %s THEN %s ELSE claimed_at END
        WHERE (id = %s AND claimed_at = %s) OR (id = %s AND state = %s AND claimed_at = %s)
    """  # noqa: S608 - the table name only
    params = [
        done_id, values.get("state"), State.SENDING,
        done_id, values.get("last_error", ""),
        done_id, adapt(values.get("sent_at")),
        done_id, adapt(values.get("due_at")),
        next_id,
        next_id, adapt(now),
        done_id, adapt(done.claimed_at if done is not None else None),
        next_id, State.CLAIMED, adapt(following.claimed_at if following is not None else None),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        changed = cursor.rowcount
    if following is None:
        return False
    started = changed == (done is not None) + 1 or (
        Notification.objects.filter(pk=following.pk, state=State.SENDING, claimed_at=now).exists()
    )
    if started:
        following.state, following.claimed_at = State.SENDING, now
        following.attempts += 1
    return started


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


def _recent_per_destination(batch: list[Notification]) -> dict[int, int]:
    """Messages sent this minute per team channel of the batch, in one query."""
    ids = {n.destination_id for n in batch if n.destination_id is not None}
    if not ids or not settings.NOTIFY_CHANNEL_MAX_PER_MINUTE:
        return {}
    since = timezone.now() - timedelta(seconds=RATE_WINDOW_SECONDS)
    return dict(
        Notification.objects.filter(destination_id__in=ids, sent_at__gte=since)
        .values("destination_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("destination_id", "n")
    )


def _deliver(notification: Notification) -> tuple[dict, str]:
    """Deliver a started notification outside any transaction; return the values to record and
    the error ('' when it was delivered)."""
    try:
        channels.deliver(notification)
    except Exception as exc:  # any channel failure is recorded, never lost
        logger.warning("Sending notification %s failed: %s", notification.pk, exc)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        permanent = isinstance(exc, channels.PermanentDeliveryError)
        if permanent or notification.attempts >= MAX_ATTEMPTS:
            return {"state": State.FAILED, "last_error": error}, error
        return {
            "state": State.PENDING,
            "last_error": error,
            "due_at": timezone.now() + retry_delay(notification.attempts),
        }, error
    return {"state": State.SENT, "sent_at": timezone.now(), "last_error": ""}, ""


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
    values, error = _deliver(notification)
    _record(notification, **values)
    channels.destination_record(notification=notification, error=error)
    return not error


def _send_batch(batch: list[Notification]) -> int:
    """Deliver a claimed batch one message at a time; return how many were delivered.

    Recording one message's outcome and starting the next are one UPDATE (one commit per
    message); the channel itself is always called outside any transaction.
    """
    limit = settings.NOTIFY_CHANNEL_MAX_PER_MINUTE
    recent = _recent_per_destination(batch)
    deferred: list[int] = []
    outcomes: dict[int, str] = {}
    previous: tuple[Notification, dict] | None = None
    sent = 0
    for notification in batch:
        channel = notification.destination_id
        if limit and channel is not None and recent.get(channel, 0) >= limit:
            deferred.append(notification.pk)  # the channel's pace kept: not an attempt
            continue
        started = _advance(previous, notification)
        previous = None
        if not started:
            continue
        values, error = _deliver(notification)
        previous = (notification, values)
        if channel is not None:
            outcomes[channel] = error
            recent[channel] = recent.get(channel, 0) + (0 if error else 1)
        sent += not error
    if previous is not None:
        _advance(previous, None)
    if deferred:
        Notification.objects.filter(pk__in=deferred, state=State.CLAIMED).update(
            state=State.PENDING,
            claimed_at=None,
            due_at=timezone.now() + timedelta(seconds=RATE_WINDOW_SECONDS),
        )
    channels.destinations_record(outcomes=outcomes)
    return sent


def notifications_release_stale(*, now: datetime | None = None) -> int:
    """Put claimed notifications a dead sender never started back in the queue, and mark those
    whose sender died mid-delivery as failed; return how many rows changed."""
    now = now or timezone.now()
    timeout = settings.NOTIFY_CLAIM_TIMEOUT_SECONDS
    # Never started, so never sent: safe to send again, and soon (a batch takes seconds).
    requeued = Notification.objects.filter(
        state=State.CLAIMED, claimed_at__lt=now - timedelta(seconds=min(timeout, CLAIMED_TIMEOUT_SECONDS))
    ).update(state=State.PENDING, claimed_at=None)
    failed = Notification.objects.filter(
        state=State.SENDING, claimed_at__lt=now - timedelta(seconds=timeout)
    ).update(state=State.FAILED, last_error=INTERRUPTED_ERROR)
    return requeued + failed


def notifications_deliver_due(*, limit: int = SEND_BATCH) -> tuple[int, int]:
    """Claim and send due notifications in small batches, up to `limit`; return (delivered, taken)."""
    notifications_release_stale()
    sent = taken = 0
    while taken < limit:
        batch = notifications_claim_batch(size=min(CLAIM_BATCH, limit - taken))
        if not batch:
            break
        taken += len(batch)
        sent += _send_batch(batch)
    return sent, taken


def notifications_send_due(*, limit: int = SEND_BATCH) -> int:
    """Send up to `limit` due notifications; return how many were delivered."""
    return notifications_deliver_due(limit=limit)[0]


def notifications_backlog() -> bool:
    """Whether due notifications are still waiting (the sender then goes on with another batch)."""
    return Notification.objects.filter(state=State.PENDING, due_at__lte=timezone.now()).exists()


def notification_retry(*, notification: Notification) -> None:
    """Put a failed notification back in the queue (used from the admin and by HR)."""
    Notification.objects.filter(pk=notification.pk, state=State.FAILED).update(
        state=State.PENDING, attempts=0, due_at=timezone.now(), claimed_at=None
    )
