"""Plan of action, evaluation and anonymity statement: who may export and download them, twice safely."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from werkstressweek.accounts.models import Role
from werkstressweek.documents import services
from werkstressweek.documents.models import ExportStatus
from werkstressweek.documents.registry import get_exporter

from .conftest import pdf_pages
from .full_demo import export_done, full_demo_fixture  # noqa: F401 - the fixture

REPORTS = ["action_plan", "evaluation", "anonymity"]


def _parameters(report, campaign):
    return {} if report == "anonymity" else {"campaign": campaign.pk}


@pytest.mark.parametrize("report", REPORTS)
def test_hr_and_the_works_council_download_ambassadors_and_managers_get_403(
    report,
    full_demo,
    client_for,
    django_capture_on_commit_callbacks,
):
    org, users, campaign = full_demo
    export = export_done(
        org, users, report, _parameters(report, campaign), django_capture_on_commit_callbacks
    )
    assert export.status == ExportStatus.DONE
    url = f"/o/{org.slug}/reports/{export.pk}/download/"

    for role in (Role.HR, Role.WORKS_COUNCIL):
        response = client_for(users[role]).get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for role in (Role.AMBASSADOR, Role.MANAGER):
        assert client_for(users[role]).get(url).status_code == 403, role
    assert set(get_exporter(report).download_roles) == {Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL}

    stranger = UserFactory(email=f"hr-{report}@elders.nl")
    MembershipFactory(organisation=OrganisationFactory(slug=f"elders-{report}"), user=stranger, role=Role.HR)
    assert client_for(stranger).get(f"/o/elders-{report}/reports/{export.pk}/download/").status_code == 404


@pytest.mark.parametrize("report", REPORTS)
def test_the_works_council_portal_lists_the_report_with_its_checksum(
    report,
    full_demo,
    client_for,
    django_capture_on_commit_callbacks,
):
    org, users, campaign = full_demo
    export = export_done(
        org, users, report, _parameters(report, campaign), django_capture_on_commit_callbacks
    )
    page = client_for(users[Role.WORKS_COUNCIL]).get(f"/o/{org.slug}/").content.decode()
    assert export.sha256 in page
    assert f"/o/{org.slug}/reports/{export.pk}/download/" in page
    assert str(get_exporter(report).label) in page or export.subject in page


@pytest.mark.parametrize("report", REPORTS)
def test_exporting_twice_leaves_the_first_file_untouched(
    report,
    full_demo,
    django_capture_on_commit_callbacks,
):
    org, users, campaign = full_demo
    first = export_done(org, users, report, _parameters(report, campaign), django_capture_on_commit_callbacks)
    first_bytes = first.file.open("rb").read()
    assert services.report_export_run(export_id=first.pk) is None
    second = export_done(
        org, users, report, _parameters(report, campaign), django_capture_on_commit_callbacks
    )

    first.refresh_from_db()
    assert first.file.name != second.file.name
    assert first.file.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert first.pages == pdf_pages(first_bytes)


def test_the_reports_page_offers_the_anonymity_statement_without_parameters(full_demo, client_for):
    org, users, _campaign = full_demo
    page = client_for(users[Role.HR]).get(f"/o/{org.slug}/reports/").content.decode()
    assert f"/o/{org.slug}/reports/export/anonymity/" in page
    assert f"/o/{org.slug}/reports/export/action_plan/" in page
    assert f"/o/{org.slug}/reports/export/evaluation/" in page


def test_the_core_team_cannot_export_the_anonymity_statement(full_demo, client_for):
    org, users, _campaign = full_demo
    core = UserFactory(email="kern@demo.nl")
    MembershipFactory(organisation=org, user=core, role=Role.CORE_TEAM)
    response = client_for(core).post(f"/o/{org.slug}/reports/export/anonymity/", {})
    assert response.status_code == 403


def test_hr_exports_the_anonymity_statement_from_the_reports_page(
    full_demo, client_for, django_capture_on_commit_callbacks
):
    from werkstressweek.documents.models import ReportExport

    org, users, _campaign = full_demo
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users[Role.HR]).post(f"/o/{org.slug}/reports/export/anonymity/", {})
    assert response.status_code == 302
    export = ReportExport.objects.get(organisation=org, report="anonymity")
    assert export.status == ExportStatus.DONE and export.parameters == {}
    assert export.subject == org.name


def test_the_portal_links_the_latest_plan_of_action_and_anonymity_statement(
    full_demo, client_for, django_capture_on_commit_callbacks
):
    org, users, campaign = full_demo
    page = client_for(users[Role.WORKS_COUNCIL]).get(f"/o/{org.slug}/").content.decode()
    assert "/download/" not in page  # nothing exported yet

    export_done(org, users, "action_plan", {"campaign": campaign.pk}, django_capture_on_commit_callbacks)
    newest = export_done(
        org, users, "action_plan", {"campaign": campaign.pk}, django_capture_on_commit_callbacks
    )
    statement = export_done(org, users, "anonymity", {}, django_capture_on_commit_callbacks)
    page = client_for(users[Role.WORKS_COUNCIL]).get(f"/o/{org.slug}/").content.decode()
    advice_url = reverse("actions:advice", kwargs={"org_slug": org.slug})
    plan_card = page.split(f'href="{advice_url}"', 1)[1].split("</div>", 1)[0]
    assert f"/reports/{newest.pk}/download/" in plan_card
    results_card = page.split(f"/privacy/{org.slug}/", 1)[1].split("</div>", 1)[0]
    assert f"/reports/{statement.pk}/download/" in results_card
