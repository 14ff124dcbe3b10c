from __future__ import annotations

from celery import shared_task

from .services import checkin_reminders_plan, evaluation_reminders_plan, preconditions_review_plan


@shared_task(
    name="actions.tasks.checkin_reminders", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def checkin_reminders(self) -> int:
    """Plan today's check-in reminders; safe to run any number of times (unique outbox keys)."""
    return checkin_reminders_plan()


@shared_task(
    name="actions.tasks.preconditions_review", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def preconditions_review(self) -> int:
    """Remind HR of preconditions not reviewed for a year; safe to run any number of times."""
    return preconditions_review_plan()


@shared_task(
    name="actions.tasks.evaluation_reminders", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def evaluation_reminders(self) -> int:
    """Remind of a missing quarterly evaluation or yearly discussion; safe to run any number of times."""
    return evaluation_reminders_plan()
