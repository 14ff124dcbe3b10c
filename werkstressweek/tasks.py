from __future__ import annotations

from celery import shared_task

from .health import heartbeat_record


@shared_task(name="werkstressweek.tasks.heartbeat", bind=True, acks_late=True, ignore_result=True)
def heartbeat(self) -> None:
    """Run by a worker on beat's schedule, so /healthz can tell that background work runs."""
    heartbeat_record(worker=self.request.hostname or "worker")
