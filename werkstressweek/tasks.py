from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from .health import heartbeat_record


@shared_task(name="werkstressweek.tasks.heartbeat", bind=True, acks_late=True, ignore_result=True)
def heartbeat(self) -> None:
    """Run by a worker on beat's schedule, so /healthz can tell that background work runs."""
    heartbeat_record(worker=self.request.hostname or "worker")


@worker_ready.connect
def _heartbeat_on_start(sender, **kwargs) -> None:
    """Send one heartbeat through the broker as soon as a worker is up, not only on beat's timer."""
    heartbeat.delay()
