from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from werkstressweek.models import WorkerHeartbeat
from werkstressweek.tasks import heartbeat


@pytest.mark.django_db
def test_healthz_reports_the_worker_down_until_a_heartbeat_arrives(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_healthy_after_the_heartbeat_task_ran(client):
    heartbeat.delay()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["ok"] is True


@pytest.mark.django_db
def test_a_heartbeat_older_than_two_minutes_counts_as_down(client):
    WorkerHeartbeat.objects.create(worker="w1", last_seen=timezone.now() - timedelta(seconds=121))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["age_seconds"] > 120


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker(client, monkeypatch):
    from werkstressweek import health

    heartbeat.delay()

    monkeypatch.setattr(health, "check_broker", lambda: {"ok": False, "error": "ConnectionRefusedError"})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
