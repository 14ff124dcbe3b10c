"""Health of the pieces `make run` and production depend on: database, broker, worker."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import WorkerHeartbeat


def heartbeat_record(*, worker: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker=worker[:200], defaults={"last_seen": timezone.now()})


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_broker() -> dict:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    transport = app.conf.broker_url.split(":", 1)[0]
    return {"ok": True, "transport": transport}


def check_worker() -> dict:
    try:
        last = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    if last is None:
        return {"ok": False, "last_seen": None}
    age = timezone.now() - last
    return {
        "ok": age <= timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS),
        "last_seen": last.isoformat(),
        "age_seconds": round(age.total_seconds(), 1),
    }


def health_status() -> dict:
    checks = {
        "database": check_database(),
        "broker": check_broker(),
        "worker": check_worker(),
    }
    return {"ok": all(c["ok"] for c in checks.values()), "checks": checks}
