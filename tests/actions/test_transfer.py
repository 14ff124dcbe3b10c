"""The plan of action in and out of CSV and Excel, through the project's import and export pages."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from actions.models import Action, CheckIn
from werkstressweek.accounts.models import Role

HEADER = "risico;maatregel;niveau;team;eigenaar;eigenaar e-mail;deskundigheid;budget;geplande start;deadline;meetpunt;status;rie-referentie\n"


def url(org, what: str = "import/plan-of-action/") -> str:
    return f"/o/{org.slug}/data/{what}"


def upload(text: str, name: str = "plan.csv") -> io.BytesIO:
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return file


def test_a_plan_of_action_is_imported_with_owners_teams_and_check_ins(hr_client, org, team, hr_user):
    csv = HEADER + (
        f"Werkdruk;Pauzes inroosteren;team;{team.name};{hr_user.email};;;1.200,50;01-12-2026;2027-03-01;"
        "Pauzes genomen;in uitvoering;PSA-1\n"
        "Agressie en geweld;Training de-escalatie;organisatie;;Sanne de Groot;sanne@arbo.example;"
        "Trainer;;2026-12-01;15-04-2027;;;PSA-2\n"
    )
    response = hr_client.post(url(org), {"file": upload(csv)})
    assert response.status_code == 302, response.context["outcome"].errors
    breaks = Action.objects.get(title="Pauzes inroosteren")
    assert (breaks.risk, breaks.level, breaks.team, breaks.status) == (
        "workload",
        "team",
        team,
        "in_progress",
    )
    assert breaks.owner_membership.user == hr_user and breaks.budget == Decimal("1200.50")
    training = Action.objects.get(title="Training de-escalatie")
    assert (training.risk, training.owner_name, training.owner_email) == (
        "aggression",
        "Sanne de Groot",
        "sanne@arbo.example",
    )
    assert training.deadline == dt.date(2027, 4, 15) and training.source == "rie"
    assert CheckIn.objects.filter(action__organisation=org).count() == 6


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_imported(hr_client, org, team):
    csv = HEADER + (
        "Werkdruk;Goede regel;organisatie;;Sanne;sanne@arbo.example;;;;2027-03-01;;;\n"
        "Werkdruk;Onbekend team;team;Nergens;Sanne;sanne@arbo.example;;;;2027-03-01;;;\n"
        "Maanstof;Onbekend risico;organisatie;;Sanne;sanne@arbo.example;;;;2027-03-01;;;\n"
        "Werkdruk;Geen deadline;organisatie;;Sanne;sanne@arbo.example;;;;;;;\n"
        "Werkdruk;Geen adres;organisatie;;Sanne;;;-5;;2027-03-01;;;\n"
    )
    response = hr_client.post(url(org), {"file": upload(csv)})
    assert response.status_code == 422
    errors = dict(response.context["outcome"].errors)
    assert set(errors) == {2, 3, 4, 5}
    assert any(line.startswith("team:") for line in errors[2])
    assert any(line.startswith("risico:") for line in errors[3])
    assert any(line.startswith("deadline:") for line in errors[4])
    assert {line.split(":")[0] for line in errors[5]} >= {"budget"}
    assert not Action.objects.exists() and not CheckIn.objects.exists()


def test_english_column_names_and_xlsx_are_accepted(hr_client, org):
    book = openpyxl.Workbook()
    book.active.append(["Risk", "Measure", "Owner", "Owner e-mail", "Planned start", "Deadline"])
    book.active.append(
        [
            "work-life balance",
            "Thuiswerkafspraken",
            "Piet",
            "piet@x.example",
            dt.date(2026, 12, 1),
            dt.date(2027, 2, 1),
        ]
    )
    out = io.BytesIO()
    book.save(out)
    file = io.BytesIO(out.getvalue())
    file.name = "plan.xlsx"
    response = hr_client.post(url(org), {"file": file})
    assert response.status_code == 302, response.context["outcome"].errors
    action = Action.objects.get()
    assert (action.risk, action.level, action.deadline) == ("balance", "organisation", dt.date(2027, 2, 1))


def test_an_exported_plan_of_action_imports_again(hr_client, org, make_action, team):
    make_action(title="=Formule", level="team", team=team, budget=Decimal("250.00"))
    make_action(title="Tweede", owner_membership=None, owner_name="Extern", owner_email="e@x.example")
    xlsx = hr_client.get(url(org, "export/plan-of-action.xlsx"))
    assert xlsx.status_code == 200
    values = [
        c.value for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row
    ]
    assert "'=Formule" in values
    file = io.BytesIO(xlsx.content)
    file.name = "export.xlsx"
    response = hr_client.post(url(org), {"file": file})
    assert response.status_code == 302, response.context["outcome"].errors
    assert Action.objects.count() == 4
    assert Action.objects.filter(title="'=Formule", team=team, budget=Decimal("250.00")).exists()


def test_a_dry_run_saves_nothing(hr_client, org):
    csv = HEADER + "Werkdruk;Proef;organisatie;;Sanne;s@x.example;;;;2027-03-01;;;\n"
    response = hr_client.post(url(org), {"file": upload(csv), "step": "preview"})
    assert response.status_code == 200 and response.context["token"]
    assert not Action.objects.exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.WORKS_COUNCIL, Role.AMBASSADOR])
def test_only_hr_and_the_core_team_import(client_for, member_of, org, role):
    csv = HEADER + "Werkdruk;Proef;organisatie;;Sanne;s@x.example;;;;2027-03-01;;;\n"
    assert client_for(member_of(role)).post(url(org), {"file": upload(csv)}).status_code == 403
    assert not Action.objects.exists()


def test_a_managers_export_holds_only_what_they_may_see(
    client_for, manager, make_action, team, other_team, org
):
    make_action(title="Van mijn team", level="team", team=team)
    make_action(title="Van een ander team", level="team", team=other_team)
    text = client_for(manager).get(url(org, "export/plan-of-action.csv")).content.decode()
    assert "Van mijn team" in text and "Van een ander team" not in text


def test_an_exporter_is_not_reachable_under_another_scope(hr_client, org):
    from tests.campaigns.factories import make_campaign

    campaign = make_campaign(org)
    assert (
        hr_client.get(f"/o/{org.slug}/campaigns/{campaign.pk}/export/plan-of-action.csv").status_code == 404
    )
    assert hr_client.get(url(org, "export/agenda.csv")).status_code == 404
    assert hr_client.get(url(org, "export/nothing.csv")).status_code == 404
