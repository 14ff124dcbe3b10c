"""The outbox claims small batches: disjoint per sender, one message in doubt at a time, one
statement per delivered message, and a dead sender's unstarted batch goes back to the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from werkstressweek.notify.destinations import team_channel_save
from werkstressweek.notify.models import Notification, State
from werkstressweek.notify.services import (
    INTERRUPTED_ERROR,
    _advance,
    notifications_claim_batch,
    notifications_release_stale,
    notifications_send_due,
)

pytestmark = pytest.mark.django_db


def enqueue(n: int, **extra) -> None:
    from werkstressweek.notify.services import notification_enqueue

    for i in range(n):
        notification_enqueue(
            key=f"batch:{i}", recipient=f"p{i}@example.org", kind="test", subject=f"n{i}", body="x", **extra
        )


def test_two_claims_take_disjoint_batches_oldest_first():
    enqueue(5)
    first = notifications_claim_batch(size=3)
    second = notifications_claim_batch(size=3)
    assert [n.subject for n in first] == ["n0", "n1", "n2"]
    assert [n.subject for n in second] == ["n3", "n4"]
    assert notifications_claim_batch(size=3) == []
    assert set(Notification.objects.values_list("state", flat=True)) == {State.CLAIMED}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {0}  # no attempt yet


def test_a_dead_senders_unstarted_batch_is_sent_later_and_only_the_one_in_flight_fails(settings):
    settings.NOTIFY_CLAIM_TIMEOUT_SECONDS = 600
    enqueue(4)
    batch = notifications_claim_batch(size=4)
    assert _advance(None, batch[0])  # n0 is being sent when the worker is killed
    assert notifications_send_due() == 0  # the rest stays with its sender while it may live

    later = timezone.now() + timedelta(seconds=601)
    assert notifications_release_stale(now=later) == 4  # three back in the queue, one failed
    states = dict(Notification.objects.values_list("subject", "state"))
    assert states == {"n0": State.FAILED, "n1": State.PENDING, "n2": State.PENDING, "n3": State.PENDING}
    assert Notification.objects.get(subject="n0").last_error == INTERRUPTED_ERROR
    assert notifications_send_due() == 3
    assert sorted(m.subject for m in mail.outbox) == ["n1", "n2", "n3"]


def test_a_claimed_batch_goes_back_to_the_queue_after_a_minute_even_with_a_long_claim_timeout(settings):
    settings.NOTIFY_CLAIM_TIMEOUT_SECONDS = 600
    enqueue(2)
    notifications_claim_batch(size=2)
    assert notifications_release_stale(now=timezone.now() + timedelta(seconds=30)) == 0
    assert notifications_release_stale(now=timezone.now() + timedelta(seconds=61)) == 2
    assert set(Notification.objects.values_list("state", flat=True)) == {State.PENDING}


def test_a_sender_whose_claim_was_taken_over_does_not_send():
    enqueue(1)
    (claimed,) = notifications_claim_batch(size=1)
    notifications_release_stale(now=timezone.now() + timedelta(seconds=61))
    (other,) = notifications_claim_batch(size=1)  # another sender took it over
    assert _advance(None, claimed) is False
    assert _advance(None, other) is True
    row = Notification.objects.get()
    assert (row.state, row.attempts) == (State.SENDING, 1)


def test_delivering_a_batch_costs_one_statement_per_message(django_assert_max_num_queries):
    enqueue(40)
    # release (2), per batch of 20: claim, read, 20 × (record the previous + start), the last
    # record; a last claim that finds nothing
    with django_assert_max_num_queries(2 + 2 * (2 + 20 + 1) + 1):
        assert notifications_send_due() == 40
    assert len(mail.outbox) == 40
    assert set(Notification.objects.values_list("state", "attempts")) == {(State.SENT, 1)}


def test_a_channels_pace_is_kept_within_a_batch(org, team, settings):
    settings.NOTIFY_CHANNEL_MAX_PER_MINUTE = 2
    channel = team_channel_save(org=org, team=team, kind="email", addresses="team@zorg.nl")
    enqueue(5, destination=channel)
    assert notifications_send_due() == 2
    waiting = Notification.objects.filter(state=State.PENDING)
    assert waiting.count() == 3
    assert all(n.attempts == 0 and n.due_at > timezone.now() + timedelta(seconds=50) for n in waiting)
    channel.refresh_from_db()
    assert channel.last_success_at is not None and not channel.is_failing
