from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from werkstressweek.documents.models import ExportStatus, FeedbackPage, ReportExport


def test_loaddemo_exports_each_report_once_and_publishes_the_feedback_page(
    db, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=StringIO())  # again: nothing new

    exports = {e.report: e for e in ReportExport.objects.filter(organisation__slug="demo")}
    assert {"campaign_plan", "measurement", "feedback"} <= set(exports)
    assert ReportExport.objects.filter(organisation__slug="demo", report="measurement").count() == 1
    assert all(e.status == ExportStatus.DONE for e in exports.values())
    assert all(e.pages for e in exports.values() if e.file.name.endswith(".pdf"))  # the toolkit is a ZIP
    assert exports["measurement"].parameters["compare_with"]  # the follow-up, against the baseline
    page = FeedbackPage.objects.get(organisation__slug="demo")
    assert page.is_published and page.include_teams
    assert client.get(f"/feedback/{page.token}/").status_code == 200
