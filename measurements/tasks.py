"""Beat tasks for pulses; each only calls a service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(
    name="measurements.tasks.pulse_mail_plan", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def pulse_mail_plan(self) -> int:
    """Queue invitations of open pulses and today's reminders (the outbox deduplicates)."""
    return services.pulse_invitations_send() + services.pulse_reminders_plan()


@shared_task(
    name="measurements.tasks.pulses_housekeeping",
    bind=True,
    acks_late=True,
    max_retries=3,
    ignore_result=True,
)
def pulses_housekeeping(self) -> int:
    """Delete addresses of closed pulses and create next rounds of recurring pulses."""
    return services.pulses_closed_cleanup() + services.pulses_recur()
