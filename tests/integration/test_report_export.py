"""A report export survives its worker being killed in the middle of rendering."""

from __future__ import annotations

import os
import signal

import pytest

from werkstressweek.accounts.models import Role
from werkstressweek.documents.models import ExportStatus, ReportExport
from werkstressweek.documents.services import report_export_start

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_campaign(transactional_db):
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    return org, users, Campaign.objects.get(organisation=org)


def test_a_worker_killed_mid_render_leaves_the_export_retried_not_stuck(celery_worker, demo_campaign):
    org, users, campaign = demo_campaign
    export = report_export_start(
        org=org, by=users[Role.HR], report="campaign_plan", parameters={"campaign": campaign.pk}
    )

    def rendering() -> bool:
        export.refresh_from_db()
        return export.status == ExportStatus.RUNNING and bool(export.worker)

    celery_worker.wait_for(rendering, "the worker starting to render")
    first_pid = int(export.worker.rsplit(":", 1)[1])
    assert first_pid != celery_worker.process.pid  # the pool child, not the main process
    os.kill(first_pid, signal.SIGKILL)

    def done() -> bool:
        export.refresh_from_db()
        return export.status == ExportStatus.DONE

    celery_worker.wait_for(done, "the export being rendered again after the kill", timeout=90)
    assert export.attempts == 2, celery_worker.output()[-3000:]
    assert int(export.worker.rsplit(":", 1)[1]) != first_pid
    assert len(export.sha256) == 64 and export.pages >= 5
    assert ReportExport.objects.filter(organisation=org).count() == 1
    assert "WorkerLostError" in celery_worker.output() or "SIGKILL" in celery_worker.output()
