from __future__ import annotations

from celery import shared_task

from .services import checkin_reminders_plan


@shared_task(
    name="actions.tasks.checkin_reminders", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def checkin_reminders(self) -> int:
    """Plan today's check-in reminders; safe to run any number of times (unique outbox keys)."""
    return checkin_reminders_plan()
