from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from werkstressweek.notify import channels
from werkstressweek.notify.models import Channel, Notification, State
from werkstressweek.notify.services import (
    INTERRUPTED_ERROR,
    MAX_ATTEMPTS,
    notification_claim,
    notification_enqueue,
    notification_retry,
    notification_send,
    notifications_release_stale,
    notifications_send_due,
)
from werkstressweek.notify.tasks import send_one


def enqueue(key="reminder:1:2026-11-16", **overrides):
    values = {
        "key": key,
        "recipient": "anna@example.org",
        "kind": "reminder",
        "subject": "Herinnering",
        "body": "Vergeet de pulse niet.",
    }
    values.update(overrides)
    return notification_enqueue(**values)


@pytest.mark.django_db
def test_enqueueing_the_same_key_twice_creates_one_notification():
    first, created_first = enqueue()
    second, created_second = enqueue(subject="Een andere tekst")
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert Notification.objects.get().subject == "Herinnering"


@pytest.mark.django_db
def test_a_due_notification_is_sent_once_however_often_the_sender_runs():
    enqueue()
    assert notifications_send_due() == 1
    assert notifications_send_due() == 0
    assert len(mail.outbox) == 1
    notification = Notification.objects.get()
    assert notification.state == State.SENT
    assert notification.sent_at is not None
    assert notification.attempts == 1


@pytest.mark.django_db
def test_a_notification_is_not_sent_before_it_is_due():
    enqueue(due_at=timezone.now() + timedelta(days=3))
    assert notifications_send_due() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_delivery_is_kept_with_its_error_and_retried_later(monkeypatch):
    def broken(notification):
        raise ConnectionError("SMTP server unreachable")

    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, broken)
    notification, _ = enqueue()
    assert notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.state == State.PENDING
    assert notification.attempts == 1
    assert "SMTP server unreachable" in notification.last_error
    assert notification.due_at > timezone.now() + timedelta(seconds=50)  # backoff
    # Not due again yet.
    assert notifications_send_due() == 0


@pytest.mark.django_db
def test_after_the_last_attempt_a_notification_is_marked_failed(monkeypatch):
    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, lambda n: (_ for _ in ()).throw(OSError("down")))
    notification, _ = enqueue()
    for _ in range(MAX_ATTEMPTS):
        Notification.objects.filter(pk=notification.pk).update(due_at=timezone.now())
        notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.state == State.FAILED
    assert notification.attempts == MAX_ATTEMPTS


@pytest.mark.django_db
def test_a_failed_notification_can_be_put_back_in_the_queue():
    notification, _ = enqueue()
    Notification.objects.filter(pk=notification.pk).update(state=State.FAILED, attempts=5)
    notification_retry(notification=notification)
    assert notifications_send_due() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_channels_that_are_not_configured_fail_visibly():
    notification, _ = enqueue(channel=Channel.SLACK, recipient="#team")
    notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert "not configured" in notification.last_error


def test_a_subject_with_line_breaks_is_queued_as_one_line(db):
    from werkstressweek.notify.services import notification_enqueue

    notification, _ = notification_enqueue(
        key="test:subject",
        recipient="a@example.org",
        kind="test",
        subject="Zorg\r\nBcc: b@example.org",
        body="x",
    )
    assert notification.subject == "Zorg Bcc: b@example.org"


def _failing(monkeypatch, error: Exception):
    def broken(notification):
        raise error

    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, broken)


@pytest.mark.django_db
def test_sending_a_notification_that_was_already_sent_does_not_send_it_again():
    notification, _ = enqueue()
    assert notification_send(notification_id=notification.pk) is True
    assert notification_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.SENT, 1)


@pytest.mark.django_db
def test_a_redelivered_send_task_never_sends_twice():
    notification, _ = enqueue()
    send_one.apply(args=[notification.pk])
    send_one.apply(args=[notification.pk])  # the broker delivers the same task again
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_notification_another_sender_is_delivering_is_left_alone():
    notification, _ = enqueue()
    Notification.objects.filter(pk=notification.pk).update(state=State.SENDING, claimed_at=timezone.now())
    assert notification_send(notification_id=notification.pk) is False
    assert notifications_send_due() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sending_one_notification_before_it_is_due_does_nothing():
    notification, _ = enqueue(due_at=timezone.now() + timedelta(minutes=5))
    assert notification_send(notification_id=notification.pk) is False
    assert send_one.apply(args=[notification.pk]).result is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.PENDING, 0)


@pytest.mark.django_db
def test_failed_attempts_back_off_one_two_four_eight_minutes_then_stop_with_the_error(monkeypatch):
    _failing(monkeypatch, ConnectionError("SMTP server unreachable"))
    notification, _ = enqueue()
    for attempt, minutes in enumerate([1, 2, 4, 8], start=1):
        Notification.objects.filter(pk=notification.pk).update(due_at=timezone.now())
        before = timezone.now()
        assert notifications_send_due() == 0
        notification.refresh_from_db()
        assert (notification.state, notification.attempts) == (State.PENDING, attempt)
        wait = notification.due_at - before
        assert timedelta(minutes=minutes) <= wait < timedelta(minutes=minutes, seconds=5)
        # Not tried again before the back-off is over.
        assert notifications_send_due() == 0
        notification.refresh_from_db()
        assert notification.attempts == attempt
    Notification.objects.filter(pk=notification.pk).update(due_at=timezone.now())
    notifications_send_due()
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.FAILED, MAX_ATTEMPTS)
    assert notification.last_error == "ConnectionError: SMTP server unreachable"
    # A failed notification stays failed: no further attempts.
    Notification.objects.filter(pk=notification.pk).update(due_at=timezone.now() - timedelta(days=1))
    notifications_send_due()
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.FAILED, 5)


@pytest.mark.django_db
def test_a_permanent_channel_error_fails_at_once_without_retry(monkeypatch):
    _failing(monkeypatch, channels.PermanentDeliveryError("webhook refused: not a provider host"))
    notification, _ = enqueue()
    notification_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.FAILED, 1)
    assert "not a provider host" in notification.last_error


@pytest.mark.django_db
def test_a_notification_whose_sender_died_is_marked_failed_after_the_claim_timeout(settings):
    settings.NOTIFY_CLAIM_TIMEOUT_SECONDS = 600
    notification, _ = enqueue()
    claimed = notification_claim(notification_id=notification.pk)
    assert claimed is not None  # ... and the worker is killed here, before it records anything.

    assert notifications_release_stale(now=timezone.now() + timedelta(seconds=599)) == 0
    notification.refresh_from_db()
    assert notification.state == State.SENDING

    assert notifications_release_stale(now=timezone.now() + timedelta(seconds=601)) == 1
    notification.refresh_from_db()
    assert notification.state == State.FAILED
    assert notification.last_error == INTERRUPTED_ERROR
    assert notifications_send_due() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_notification_is_delivered_outside_any_transaction(monkeypatch):
    seen = []

    def deliver(notification):
        seen.append((connection.in_atomic_block, Notification.objects.get(pk=notification.pk).state))

    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, deliver)
    notification, _ = enqueue()
    assert notification_send(notification_id=notification.pk) is True
    # Claimed (committed) before delivery; no transaction held while the channel works.
    assert seen == [(False, State.SENDING)]
    notification.refresh_from_db()
    assert notification.state == State.SENT
