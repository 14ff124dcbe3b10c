from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import MembershipFactory, UserFactory
from werkstressweek.accounts.models import Role
from werkstressweek.audit.models import AuditAction, AuditEntry
from werkstressweek.documents import services
from werkstressweek.documents.models import ExportStatus, ReportExport

from .conftest import pdf_pages, pdf_text


def _export(org, users, campaign, *, include_budget: bool = False, **extra) -> ReportExport:
    parameters = {"campaign": campaign.pk, "include_budget": include_budget}
    export = services.report_export_start(
        org=org, by=users[Role.HR], report="campaign_plan", parameters=parameters, **extra
    )
    export.refresh_from_db()
    return export


def test_exporting_the_campaign_plan_stores_the_file_with_checksum_pages_and_size(
    demo, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        export = _export(org, users, campaign, include_budget=True)
    export.refresh_from_db()

    assert export.status == ExportStatus.DONE
    assert export.progress == 100
    data = export.file.open("rb").read()
    assert hashlib.sha256(data).hexdigest() == export.sha256
    assert export.size == len(data)
    assert export.pages == pdf_pages(data)
    assert 5 <= export.pages <= 20
    assert export.subject == campaign.name
    text = pdf_text(data)
    assert campaign.name in text
    assert "Minder ervaren werkdruk in de zorgteams" in text
    assert "Aula hoofdgebouw" in text
    for heading in ("Campagneplan", "Inhoud", "Doelen en KPI's", "Kernteam en ambassadeurs",
                    "Agenda van de week", "Communicatie", "Budget en middelen", "Meetplan",
                    "Gezondheidscheck", "Planning per week"):  # fmt: skip
        assert heading in text, heading
    assert "VERTROUWELIJK" in text
    assert f"pagina 2 van {export.pages}" in text
    assert "€ 2.500" in text  # the demo budget
    assert "2,90" in text and "3,40" in text  # the workload goal's starting value and target


def test_without_the_budget_box_the_campaign_plan_shows_the_resources_but_no_amount(
    demo, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        export = _export(org, users, campaign)
    export.refresh_from_db()

    assert export.status == ExportStatus.DONE
    assert export.parameters["include_budget"] is False
    text = pdf_text(export.file.open("rb").read())
    assert "Aula hoofdgebouw" in text and "Teams-webinar met opname" in text  # locations and tools
    assert "Het budget is weggelaten uit dit exemplaar van het plan." in text
    for amount in ("€", "2.500", "1.200", "250,00", "1.450"):  # budget, lines, planned spending
        assert amount not in text, amount
    assert "Externe trainer micro-workshops" not in text  # a budget line


def test_the_budget_box_is_off_by_default_and_ticking_it_is_stored_with_the_export(
    demo, client_for, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    client = client_for(users[Role.HR])
    page = client.get(f"/o/{org.slug}/reports/").content.decode()
    assert 'name="campaign_plan-include_budget"' in page
    assert "ondernemingsraad" in page.lower()  # the help text says who can download it
    # Only the campaign plan has a budget to leave out; the other campaign reports don't ask.
    assert 'name="action_plan-include_budget"' not in page
    assert 'name="evaluation-include_budget"' not in page
    assert 'name="action_plan-campaign"' in page and 'name="evaluation-campaign"' in page
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/o/{org.slug}/reports/export/campaign_plan/", {"campaign_plan-campaign": campaign.pk})
        client.post(
            f"/o/{org.slug}/reports/export/campaign_plan/",
            {"campaign_plan-campaign": campaign.pk, "campaign_plan-include_budget": "on"},
        )
    first, second = ReportExport.objects.filter(organisation=org).order_by("pk")
    assert first.parameters == {"campaign": campaign.pk, "include_budget": False}
    assert second.parameters == {"campaign": campaign.pk, "include_budget": True}


def test_the_demo_exports_the_campaign_plan_without_the_budget(demo, django_capture_on_commit_callbacks):
    from werkstressweek.documents import demo as documents_demo

    org, users, _campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        documents_demo.load(org=org, users=users)
    export = ReportExport.objects.get(organisation=org, report="campaign_plan")
    assert not export.parameters.get("include_budget")


def test_the_export_is_queued_only_after_the_transaction_commits(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = _export(org, users, campaign)
    assert export.status == ExportStatus.QUEUED
    assert len(callbacks) == 1


def test_running_an_export_twice_leaves_the_first_file_untouched(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        first = _export(org, users, campaign)
    first.refresh_from_db()
    first_bytes = first.file.open("rb").read()

    assert services.report_export_run(export_id=first.pk) is None  # already done: nothing happens
    with django_capture_on_commit_callbacks(execute=True):
        second = _export(org, users, campaign)
    second.refresh_from_db()

    first.refresh_from_db()
    assert first.file.name != second.file.name
    assert first.file.open("rb").read() == first_bytes
    assert hashlib.sha256(first_bytes).hexdigest() == first.sha256
    assert first.attempts == 1


def test_an_export_left_running_by_a_dead_worker_is_rendered_again(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        export = _export(org, users, campaign)
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, attempts=1, progress=40)

    services.report_export_run(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.attempts == 2


def test_exports_are_recorded_in_the_audit_log(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        export = _export(org, users, campaign)
    entry = AuditEntry.objects.get(organisation=org, action=AuditAction.REPORT_EXPORTED)
    assert entry.actor == users[Role.HR]
    assert entry.details["export"] == export.pk
    assert campaign.name in entry.subject


def test_a_campaign_of_another_organisation_cannot_be_exported(demo, other_org):
    from tests.campaigns.factories import make_campaign

    org, users, _campaign = demo
    foreign = make_campaign(other_org)
    with pytest.raises(ValidationError):
        services.report_export_start(
            org=org, by=users[Role.HR], report="campaign_plan", parameters={"campaign": foreign.pk}
        )
    assert not ReportExport.objects.exists()


def test_an_ambassador_may_not_export(demo):
    org, users, campaign = demo
    with pytest.raises(PermissionDenied):
        services.report_export_start(
            org=org,
            by=users[Role.AMBASSADOR],
            report="campaign_plan",
            parameters={"campaign": campaign.pk},
            role=Role.AMBASSADOR,
        )


def test_reports_are_written_in_the_organisations_language(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    services.report_settings_update(org=org, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        export = _export(org, users, campaign)
    export.refresh_from_db()
    text = pdf_text(export.file.open("rb").read())
    assert export.language == "en"
    assert "Campaign plan" in text
    assert "Goals and KPIs" in text
    assert f"page 2 of {export.pages}" in text


# --- Pages -------------------------------------------------------------------------------------


@pytest.fixture
def done_export(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        export = _export(org, users, campaign)
    export.refresh_from_db()
    return export


def test_hr_starts_an_export_from_the_reports_page_and_sees_it_listed(
    demo, client_for, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    client = client_for(users[Role.HR])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/o/{org.slug}/reports/export/campaign_plan/", {"campaign_plan-campaign": campaign.pk}
        )
    assert response.status_code == 302
    export = ReportExport.objects.get(organisation=org)
    page = client.get(f"/o/{org.slug}/reports/").content.decode()
    assert export.sha256 in page
    assert f"/o/{org.slug}/reports/{export.pk}/download/" in page


def test_a_bad_campaign_id_gets_a_message_next_to_the_field(demo, client_for):
    org, users, _campaign = demo
    response = client_for(users[Role.HR]).post(
        f"/o/{org.slug}/reports/export/campaign_plan/", {"campaign_plan-campaign": "99999999999999999999"}
    )
    assert response.status_code == 422
    assert "is-invalid" in response.content.decode()
    assert not ReportExport.objects.exists()


def test_the_status_row_polls_while_the_export_is_being_made_and_stops_when_done(
    demo, client_for, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        export = _export(org, users, campaign)
    client = client_for(users[Role.HR])
    url = f"/o/{org.slug}/reports/{export.pk}/status/"
    assert 'hx-trigger="every 1s"' in client.get(url).content.decode()
    services.report_export_run(export_id=export.pk)
    row = client.get(url).content.decode()
    assert "hx-trigger" not in row
    assert f"/o/{org.slug}/reports/{export.pk}/download/" in row


@pytest.mark.parametrize("role", [Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL])
def test_hr_core_team_and_works_council_download_the_plan(done_export, demo, client_for, role):
    org, users, _campaign = demo
    user = users.get(role) or MembershipFactory(organisation=org, role=role, user=UserFactory()).user
    response = client_for(user).get(f"/o/{org.slug}/reports/{done_export.pk}/download/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == done_export.sha256
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.MANAGER])
def test_an_ambassador_or_manager_cannot_download_works_council_reports(done_export, demo, client_for, role):
    org, users, _campaign = demo
    response = client_for(users[role]).get(f"/o/{org.slug}/reports/{done_export.pk}/download/")
    assert response.status_code == 403


def test_another_organisation_gets_404_for_an_export(done_export, other_org, client_for):
    stranger = MembershipFactory(organisation=other_org, role=Role.HR, user=UserFactory()).user
    client = client_for(stranger)
    for suffix in ("download/", "status/"):
        # Under the other organisation's own slug, and under the export's organisation.
        assert client.get(f"/o/{other_org.slug}/reports/{done_export.pk}/{suffix}").status_code == 404
        assert (
            client.get(f"/o/{done_export.organisation.slug}/reports/{done_export.pk}/{suffix}").status_code
            == 404
        )


def test_the_reports_list_runs_a_bounded_number_of_queries(
    demo, client_for, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(15):
            _export(org, users, campaign)
    client = client_for(users[Role.HR])
    with django_assert_max_num_queries(12):
        response = client.get(f"/o/{org.slug}/reports/")
    assert response.content.decode().count("export-") >= 15
