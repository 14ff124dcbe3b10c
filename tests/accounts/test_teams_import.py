"""Teams import and export, through the project's one import page (moved here from measurements)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from werkstressweek.accounts.models import Role, Team

URL = "/o/{slug}/data/import/teams/"


def upload(text: str, name: str = "teams.csv", encoding: str = "utf-8") -> io.BytesIO:
    file = io.BytesIO(text.encode(encoding))
    file.name = name
    return file


def test_teams_are_imported_from_csv(hr_client, org, team):
    data = "name,headcount,work_pattern\nVerpleging,31,shift\nNieuw team,12,hybride\n"
    response = hr_client.post(URL.format(slug=org.slug), {"file": upload(data)})
    assert response.status_code == 302
    assert Team.objects.get(organisation=org, name="Nieuw team").work_pattern == "hybrid"
    team.refresh_from_db()
    assert team.headcount == 31


def test_a_team_import_with_an_error_imports_nothing_and_lists_the_rows(hr_client, org):
    data = "name,headcount,work_pattern\nGoed team,5,office\n,3,office\nDerde,veel,office\nVierde,2,maan\n"
    response = hr_client.post(URL.format(slug=org.slug), {"file": upload(data)})
    assert response.status_code == 422
    errors = response.context["outcome"].errors
    assert {line for line, _ in errors} == {2, 3, 4}
    assert not Team.objects.filter(organisation=org, name="Goed team").exists()


def test_a_dry_run_shows_a_preview_saves_nothing_and_imports_on_confirmation(hr_client, org):
    data = "Naam;Aantal;Werkpatroon\nRöntgen;8;kantoor\n"
    response = hr_client.post(
        URL.format(slug=org.slug), {"file": upload(data, encoding="cp1252"), "step": "preview"}
    )
    assert response.status_code == 200
    assert "Röntgen" in response.content.decode()
    assert not Team.objects.filter(name="Röntgen").exists()
    token = response.context["token"]
    response = hr_client.post(URL.format(slug=org.slug), {"token": token})
    assert response.status_code == 302
    assert Team.objects.get(organisation=org, name="Röntgen").headcount == 8
    # The stashed file is gone: confirming twice imports nothing more.
    assert hr_client.post(URL.format(slug=org.slug), {"token": token}).status_code == 302
    assert Team.objects.filter(name="Röntgen").count() == 1


def test_a_token_from_another_session_imports_nothing(hr_client, hr_user, client_for, org):
    response = hr_client.post(
        URL.format(slug=org.slug), {"file": upload("name,headcount\nA,1\n"), "step": "preview"}
    )
    token = response.context["token"]
    client_for(hr_user).post(URL.format(slug=org.slug), {"token": token})  # a second, fresh session
    assert not Team.objects.filter(name="A").exists()


def test_teams_import_from_excel(hr_client, org):
    book = openpyxl.Workbook()
    book.active.append(["name", "headcount", "work_pattern"])
    book.active.append(["Excelteam", 7, "remote"])
    out = io.BytesIO()
    book.save(out)
    file = io.BytesIO(out.getvalue())
    file.name = "teams.xlsx"
    assert hr_client.post(URL.format(slug=org.slug), {"file": file}).status_code == 302
    assert Team.objects.get(name="Excelteam").work_pattern == "remote"


@pytest.mark.parametrize("raw", [b"\x00\xff\xfe garbage", b"PK\x03\x04junk"])
def test_a_garbage_upload_is_refused_without_an_error_page(hr_client, org, raw):
    file = io.BytesIO(raw)
    file.name = "teams.xlsx"
    response = hr_client.post(URL.format(slug=org.slug), {"file": file})
    assert response.status_code == 422
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("role", [Role.CORE_TEAM, Role.MANAGER, Role.WORKS_COUNCIL, Role.AMBASSADOR])
def test_only_hr_imports_teams(client_for, member_of, org, role):
    response = client_for(member_of(role)).post(URL.format(slug=org.slug), {"file": upload("name\nX\n")})
    assert response.status_code == 403
    assert not Team.objects.filter(name="X").exists()


def test_teams_export_neutralises_formulas(hr_client, org):
    Team.objects.create(organisation=org, name="=HYPERLINK(1)", headcount=3)
    text = hr_client.get(f"/o/{org.slug}/data/export/teams.csv").content.decode()
    assert "'=HYPERLINK(1)" in text
