from __future__ import annotations

from celery import shared_task

from .interventions.messages import messages_dispatch, messages_sync
from .interventions.schedule import moments_plan


@shared_task(name="campaigns.tasks.moments_plan", acks_late=True, ignore_result=True)
def plan_moments() -> int:
    """Beat: turn the programmes of the next days into outbox notifications (safe to run twice)."""
    return moments_plan()


@shared_task(name="campaigns.tasks.messages_deliver", acks_late=True, ignore_result=True)
def deliver_messages() -> int:
    """Beat: queue approved campaign messages whose date has come; update the status of sent ones."""
    messages_dispatch()
    return messages_sync()
