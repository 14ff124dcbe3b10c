"""Two senders at once (two workers, or beat firing twice) still deliver each notification once.

Each sender is a thread with its own PostgreSQL connection; delivery is slowed down so that the
second sender arrives while the first one still holds the row.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection

from werkstressweek.notify import channels
from werkstressweek.notify.models import Channel, Notification, State
from werkstressweek.notify.services import notification_enqueue, notification_send, notifications_send_due

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SENDERS = 2


@pytest.fixture
def slow_email(monkeypatch):
    """E-mail delivery that takes a moment, so concurrent senders overlap."""

    def deliver(notification: Notification) -> None:
        time.sleep(0.2)
        channels.send_email(notification)

    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, deliver)


def run_concurrently(send: Callable[[], object]) -> list[object]:
    """Run `send` in SENDERS threads released at the same moment; return their results."""
    barrier = threading.Barrier(SENDERS)
    results: list[object] = []
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(send())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a sender hung"
    assert not errors, errors
    return results


def enqueue(n: int) -> Notification:
    notification, _ = notification_enqueue(
        key=f"test:{n}", recipient=f"person{n}@example.org", kind="test", subject=f"Hallo {n}", body="Tekst"
    )
    return notification


def test_two_senders_deliver_one_due_notification_exactly_once(slow_email):
    notification = enqueue(1)

    results = run_concurrently(lambda: notification_send(notification_id=notification.pk))

    assert sorted(results) == [False, True]
    assert [message.to for message in mail.outbox] == [["person1@example.org"]]
    notification.refresh_from_db()
    assert notification.state == State.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None


def test_two_concurrent_batch_runs_deliver_each_notification_exactly_once(slow_email):
    notifications = [enqueue(n) for n in range(8)]

    results = run_concurrently(notifications_send_due)

    assert sum(results) == len(notifications)
    delivered = Counter(address for message in mail.outbox for address in message.to)
    assert delivered == Counter(n.recipient for n in notifications)
    assert set(Notification.objects.values_list("state", "attempts")) == {(State.SENT, 1)}
