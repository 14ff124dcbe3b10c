from __future__ import annotations

from celery import shared_task

from .services import notification_send, notifications_send_due


@shared_task(name="notify.tasks.send_due", acks_late=True, ignore_result=True)
def send_due() -> int:
    return notifications_send_due()


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
