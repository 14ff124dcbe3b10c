from __future__ import annotations

from celery import shared_task

from .interventions.schedule import moments_plan


@shared_task(name="campaigns.tasks.moments_plan", acks_late=True, ignore_result=True)
def plan_moments() -> int:
    """Beat: turn the programmes of the next days into outbox notifications (safe to run twice)."""
    return moments_plan()
