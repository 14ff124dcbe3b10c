from __future__ import annotations

from celery import shared_task

from . import services

MAX_RETRIES = 3


@shared_task(name="documents.tasks.render_report_export", bind=True, acks_late=True, max_retries=MAX_RETRIES)
def render_report_export(self, export_id: int) -> None:
    """Render one export. acks_late + reject-on-worker-lost: a killed worker's export is redelivered."""
    try:
        services.report_export_run(export_id=export_id)
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES:
            services.report_export_fail(export_id=export_id, error=f"{type(exc).__name__}: {exc}")
            raise
        raise self.retry(exc=exc, countdown=5 * (self.request.retries + 1)) from exc
