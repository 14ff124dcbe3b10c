"""loaddemo exports every report once, through the export service, after the data they show exists."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from werkstressweek.documents.models import ExportStatus, ReportExport

from .conftest import pdf_text


@pytest.mark.django_db
def test_loaddemo_exports_each_report_once_with_the_demo_plan_of_action(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=StringIO())
    exports = {e.report: e for e in ReportExport.objects.filter(organisation__slug="demo")}
    assert {"campaign_plan", "action_plan", "evaluation", "anonymity"} <= set(exports)
    assert all(e.status == ExportStatus.DONE and e.sha256 for e in exports.values())
    # Loaded after the actions: the plan of action holds the demo's actions and advice.
    plan = pdf_text(exports["action_plan"].file.open("rb").read())
    assert "Werkdruk als vast agendapunt in elk teamoverleg" in plan
    evaluation = pdf_text(exports["evaluation"].file.open("rb").read())
    assert "Het ochtendspreekuur in de aula trok 80 collega" in evaluation

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=StringIO())
    assert ReportExport.objects.filter(organisation__slug="demo").count() == len(exports)
