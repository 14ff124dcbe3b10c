from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from werkstressweek.notify import channels
from werkstressweek.notify.models import Channel, Notification, State
from werkstressweek.notify.services import (
    MAX_ATTEMPTS,
    notification_enqueue,
    notification_retry,
    notification_send,
    notifications_send_due,
)


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
