"""Agenda and communication export (CSV, XLSX) and agenda import with per-row errors."""

from __future__ import annotations

import io

import openpyxl
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.resources import ActivityResource
from campaigns.services import agenda_apply_suggestion, communication_apply_suggestion, communication_save
from werkstressweek.documents.tabular import neutralise

HEADER = "dag,van,tot,soort,titel,omschrijving,thema,vorm,locatie,doelgroep,plaatsen,facilitator\n"


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("agenda.csv", text.encode("utf-8"), content_type="text/csv")


def test_cells_that_look_like_formulas_are_neutralised():
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("+31") == "'+31"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("Kick-off") == "Kick-off"
    assert neutralise(5) == 5


def test_the_agenda_exports_to_csv_and_xlsx(hr_client, campaign, url):
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset())
    csv = hr_client.get(url("export/agenda.csv"))
    assert csv["Content-Disposition"].endswith('-agenda.csv"')
    dataset = tablib.Dataset().load(csv.content.decode("utf-8-sig"), format="csv", delimiter=";")  # Dutch
    assert len(dataset) == campaign.activities.count()
    assert dataset[0][:3] == ("2026-11-16", "09:00", "09:45")
    xlsx = hr_client.get(url("export/agenda.xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book.active
    assert sheet.max_row == campaign.activities.count() + 1
    assert book.sheetnames == ["Agenda"]  # not "Tablib Dataset"
    assert sheet["A2"].is_date and sheet["A2"].value.date() == campaign.week_start  # a real date cell


def test_the_communication_plan_exports_and_neutralises_formulas(hr_client, campaign, url):
    communication_apply_suggestion(campaign=campaign)
    communication_save(
        campaign=campaign,
        phase="before",
        channel="email",
        planned_on=campaign.week_start.replace(day=2),
        subject="=cmd|' /C calc'!A0",
        text="@evil",
    )
    text = hr_client.get(url("export/communication.csv")).content.decode()
    assert "'=cmd" in text and "'@evil" in text
    assert ",=cmd" not in text
    xlsx = hr_client.get(url("export/communication.xlsx"))
    values = [
        c.value for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row
    ]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_an_exported_agenda_imports_again(hr_client, campaign, url):
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset({"shift"}))
    exported = hr_client.get(url("export/agenda.csv")).content.decode()
    count = campaign.activities.count()
    response = hr_client.post(url("import/agenda/"), {"file": _upload(exported)})
    assert response.status_code == 302
    assert campaign.activities.count() == 2 * count


def test_an_import_with_a_bad_row_imports_nothing_and_names_the_row(hr_client, campaign, url):
    csv = (
        HEADER
        + "2026-11-16,09:00,09:45,Kick-off,Kick-off,,,Hybride,Aula,Iedereen,80,Hanna\n"
        + "2026-11-17,12:00,11:00,yoga,Yoga,,,onsite,Zaal,all,,\n"
        + "17-11-2026,13:00,13:30,Adempauze,Adempauze,,,online,Teams,remote,,\n"
    )
    response = hr_client.post(url("import/agenda/"), {"file": _upload(csv)})
    assert response.status_code == 422
    errors = dict(response.context["outcome"].errors)
    assert 2 in errors and 1 not in errors and 3 not in errors
    html = response.content.decode().lower()
    assert "niets geïmporteerd" in html or "nothing has been imported" in html
    assert not campaign.activities.exists()


def test_a_valid_import_accepts_dutch_labels_and_semicolons(hr_client, campaign, url):
    csv = (
        HEADER.replace(",", ";")
        + "16-11-2026;09:00;09:45;Kick-off;Kick-off;Start;Werk-privébalans;Hybride;Aula;Iedereen;80;Hanna\n"
        + "2026-11-18;22:15;22:30;breathing-pause;Adempauze;;;Op locatie;Afdeling;Ploegendienst;;\n"
    )
    response = hr_client.post(url("import/agenda/"), {"file": _upload(csv)})
    if response.status_code != 302:
        raise AssertionError(response.context["outcome"].errors)
    titles = list(campaign.activities.values_list("title", "format", "audience"))
    assert ("Kick-off", "hybrid", "all") in titles
    assert campaign.activities.get(title="Kick-off").theme.slug == "werk-privebalans"


def test_missing_columns_and_unreadable_files_are_explained(hr_client, campaign, url):
    response = hr_client.post(url("import/agenda/"), {"file": _upload("naam,datum\nx,y\n")})
    assert response.status_code == 422
    assert "dag" in response.content.decode()
    response = hr_client.post(url("import/agenda/"), {"file": _upload(HEADER)})
    assert response.status_code == 422
    assert not campaign.activities.exists()


def test_the_resource_exports_only_the_campaigns_activities(campaign, org):
    from .factories import make_campaign

    other = make_campaign(org, name="Ander")
    agenda_apply_suggestion(campaign=other, patterns=frozenset())
    assert len(ActivityResource(campaign=campaign).export()) == 0
