from __future__ import annotations

from celery import shared_task

from .services import SEND_BATCH, notification_send, notifications_backlog, notifications_deliver_due


@shared_task(name="notify.tasks.send_due", bind=True, acks_late=True, ignore_result=True)
def send_due(self) -> int:
    """Send a batch of due notifications; with more waiting, queue the next batch right away
    (any free worker takes it), instead of waiting for beat's next run. Each running task keeps
    its own chain going, so two workers keep sending side by side (their claims never overlap)."""
    sent, taken = notifications_deliver_due()
    if not self.request.is_eager and taken >= SEND_BATCH and notifications_backlog():
        send_due.delay()
    return sent


@shared_task(
    name="notify.tasks.send_one",
    bind=True,
    acks_late=True,
    max_retries=3,
    ignore_result=True,
)
def send_one(self, notification_id: int) -> bool:
    """Send one notification right away; beat's `send_due` picks up whatever this misses."""
    return notification_send(notification_id=notification_id)
