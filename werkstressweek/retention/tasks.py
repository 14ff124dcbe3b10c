from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="retention.tasks.retention_daily", bind=True, acks_late=True, ignore_result=True)
def retention_daily(self) -> None:
    """Beat runs this once a day; running it twice deletes nothing more."""
    services.retention_apply_all()
