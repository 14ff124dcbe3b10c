"""Background work really runs: the web side sends, a separate worker process executes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.services import invitation_create
from werkstressweek.models import WorkerHeartbeat
from werkstressweek.notify.models import Notification, State

pytestmark = pytest.mark.integration


def test_an_invitation_email_is_sent_by_the_worker(celery_worker, org, hr_user):
    invitation_create(org=org, email="nieuw@zorggroep.nl", role=Role.AMBASSADOR, invited_by=hr_user)
    notification = Notification.objects.get(kind="invitation", recipient="nieuw@zorggroep.nl")

    def sent() -> bool:
        notification.refresh_from_db()
        return notification.state == State.SENT

    celery_worker.wait_for(sent, "sending the invitation e-mail")
    assert notification.attempts == 1
    assert "To: nieuw@zorggroep.nl" in celery_worker.output()  # the worker's console e-mail backend


def test_beats_heartbeat_makes_healthz_report_the_worker_alive(celery_worker, client):
    celery_worker.wait_for(WorkerHeartbeat.objects.exists, "a first heartbeat")
    first = WorkerHeartbeat.objects.get().last_seen
    # The worker sends one heartbeat when it starts; a newer one can only come from beat's timer.
    celery_worker.wait_for(
        lambda: WorkerHeartbeat.objects.get().last_seen > first, "a heartbeat from beat's schedule"
    )

    response = client.get(reverse("healthz"))

    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["worker"]["ok"] is True
    assert checks["broker"] == {"ok": True, "transport": celery_worker.broker}
    assert WorkerHeartbeat.objects.get().worker.startswith(f"test-{celery_worker.broker}@")
