from __future__ import annotations

import pytest

from werkstressweek.accounts.models import Role
from werkstressweek.audit.models import AuditEntry
from werkstressweek.documents import services
from werkstressweek.documents.models import ReportExport


@pytest.fixture
def exported(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_start(
            org=org, by=users[Role.HR], report="campaign_plan", parameters={"campaign": campaign.pk}
        )
    export.refresh_from_db()
    return export


def test_the_works_council_lands_on_its_portal_with_reports_checksums_and_the_audit_log(
    demo, exported, client_for
):
    org, users, campaign = demo
    page = client_for(users[Role.WORKS_COUNCIL]).get(f"/o/{org.slug}/").content.decode()

    assert exported.sha256 in page
    assert f"/o/{org.slug}/reports/{exported.pk}/download/" in page
    assert f"/o/{org.slug}/campaigns/{campaign.pk}/plan/" in page
    assert f"/o/{org.slug}/measurements/compare/" in page
    entry = AuditEntry.objects.filter(organisation=org).latest("id")
    assert entry.get_action_display() in page


def test_the_portal_has_no_form_that_changes_anything(demo, exported, client_for):
    org, users, _campaign = demo
    page = client_for(users[Role.WORKS_COUNCIL]).get(f"/o/{org.slug}/").content.decode()
    assert 'method="post"' not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_other_roles_keep_their_ordinary_home_page(demo, client_for):
    org, users, _campaign = demo
    page = client_for(users[Role.HR]).get(f"/o/{org.slug}/").content.decode()
    assert "Audit log" not in page and "Auditlog" not in page


def test_the_audit_log_page_is_for_hr_and_the_works_council_only(demo, exported, client_for):
    org, users, _campaign = demo
    url = f"/o/{org.slug}/reports/audit/"
    assert client_for(users[Role.WORKS_COUNCIL]).get(url).status_code == 200
    assert client_for(users[Role.HR]).get(url).status_code == 200
    assert client_for(users[Role.AMBASSADOR]).get(url).status_code == 403
    assert client_for(users[Role.MANAGER]).get(url).status_code == 403


def test_the_portal_runs_a_bounded_number_of_queries(
    demo, client_for, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(20):
            services.report_export_start(
                org=org, by=users[Role.HR], report="campaign_plan", parameters={"campaign": campaign.pk}
            )
    ReportExport.objects.update(status="done", sha256="a" * 64, pages=9, size=1000)
    client = client_for(users[Role.WORKS_COUNCIL])
    with django_assert_max_num_queries(12):
        response = client.get(f"/o/{org.slug}/")
    assert response.content.decode().count("a" * 64) == 20
