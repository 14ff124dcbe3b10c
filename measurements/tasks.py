"""Beat tasks for pulses; each only calls a service and is safe to run twice.

The services handle their pulses one by one (a failing pulse is logged, the others go on);
the housekeeping task also runs each of its steps even when another step failed.
"""

from __future__ import annotations

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


def _step(name: str, work) -> int:
    try:
        return work()
    except Exception:
        logger.exception("Pulse task step %s failed", name)
        return 0


@shared_task(
    name="measurements.tasks.pulse_mail_plan", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def pulse_mail_plan(self) -> int:
    """Queue invitations of open pulses and today's reminders (the outbox deduplicates)."""
    return _step("invitations", services.pulse_invitations_send) + _step(
        "reminders", services.pulse_reminders_plan
    )


@shared_task(
    name="measurements.tasks.pulses_housekeeping",
    bind=True,
    acks_late=True,
    max_retries=3,
    ignore_result=True,
)
def pulses_housekeeping(self) -> int:
    """Close (seal) pulses whose time is over and create next rounds of recurring pulses."""
    return _step("close", services.pulses_closed_cleanup) + _step("recur", services.pulses_recur)


@shared_task(
    name="measurements.tasks.pulse_close", bind=True, acks_late=True, max_retries=3, ignore_result=True
)
def pulse_close(self, pulse_id: int) -> bool:
    """Seal one pulse (HR's 'close now'); beat's housekeeping does the same for the others."""
    return services.pulse_close(pulse_id=pulse_id)
