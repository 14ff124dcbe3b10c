"""Team agreements (versioned, from a template, printable), quarterly evaluations and the yearly discussion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from actions.models import QuarterlyEvaluation, TeamAgreement, YearlyDiscussion
from actions.services import (
    AGREEMENT_TEMPLATE,
    agreement_save,
    evaluation_record,
    evaluation_reminders_plan,
    yearly_discussion_record,
)
from werkstressweek.accounts.models import Role
from werkstressweek.notify.models import Notification


def agreement_url(team, suffix: str = "") -> str:
    return f"/o/{team.organisation.slug}/actions/agreements/{team.pk}/{suffix}"


def test_a_new_agreement_starts_from_the_template(client_for, manager, team):
    response = client_for(manager).get(agreement_url(team, "new/"))
    assert response.context["form"].initial["focus_blocks"] == AGREEMENT_TEMPLATE["focus_blocks"]


def test_each_change_is_a_new_version_and_old_ones_stay_readable(client_for, manager, team):
    client = client_for(manager)
    data = {**AGREEMENT_TEMPLATE, "agreed_on": "2026-11-20", "breaks": "Samen lunchen"}
    assert client.post(agreement_url(team, "new/"), data).status_code == 302
    assert client.post(agreement_url(team, "new/"), {**data, "breaks": "Pauze om 12:30"}).status_code == 302
    assert list(team.agreements.order_by("version").values_list("version", "breaks")) == [
        (1, "Samen lunchen"),
        (2, "Pauze om 12:30"),
    ]
    assert "Pauze om 12:30" in client.get(agreement_url(team)).content.decode()
    assert "Samen lunchen" in client.get(agreement_url(team) + "?version=1").content.decode()
    printable = client.get(agreement_url(team, "v1/print/")).content.decode()
    assert "Samen lunchen" in printable and "data-print" in printable


def test_an_agreement_needs_content_and_a_date_that_has_been(team, hr_user):
    with pytest.raises(ValidationError):
        agreement_save(team=team, by=hr_user, agreed_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        agreement_save(team=team, by=hr_user, agreed_on=dt.date(2099, 1, 1), breaks="x")
    assert not TeamAgreement.objects.exists()


def test_a_manager_sees_and_edits_only_the_agreements_of_their_teams(client_for, manager, other_team):
    client = client_for(manager)
    assert client.get(agreement_url(other_team)).status_code == 404
    data = {**AGREEMENT_TEMPLATE, "agreed_on": "2026-11-20"}
    assert client.post(agreement_url(other_team, "new/"), data).status_code == 404
    assert not TeamAgreement.objects.exists()


def test_the_works_council_reads_agreements_but_does_not_write_them(client_for, member_of, team, hr_user):
    agreement_save(team=team, by=hr_user, agreed_on=dt.date(2026, 11, 20), breaks="Samen lunchen")
    client = client_for(member_of(Role.WORKS_COUNCIL))
    assert "Samen lunchen" in client.get(agreement_url(team)).content.decode()
    assert (
        client.post(agreement_url(team, "new/"), {"breaks": "x", "agreed_on": "2026-11-20"}).status_code
        == 403
    )


def test_hr_records_a_quarterly_evaluation_with_reviewed_actions(hr_client, org, make_action):
    action = make_action(title="Werkdruk bespreken")
    response = hr_client.post(
        f"/o/{org.slug}/actions/evaluations/quarter/",
        {
            "year": 2026,
            "quarter": 3,
            "what_changed": "Pauzes beter bewaakt",
            "rie_updated": "on",
            "actions_reviewed": [action.pk],
        },
    )
    assert response.status_code == 302
    evaluation = QuarterlyEvaluation.objects.get()
    assert evaluation.rie_updated and list(evaluation.actions_reviewed.all()) == [action]
    html = hr_client.get(f"/o/{org.slug}/actions/evaluations/").content.decode()
    assert "Pauzes beter bewaakt" in html and "Werkdruk bespreken" in html


def test_a_future_quarter_cannot_be_evaluated(org, hr_user):
    with pytest.raises(ValidationError):
        evaluation_record(org=org, by=hr_user, year=2099, quarter=1, what_changed="Later")


def test_the_works_council_reads_evaluations_but_does_not_record_them(client_for, member_of, org):
    client = client_for(member_of(Role.WORKS_COUNCIL))
    assert client.get(f"/o/{org.slug}/actions/evaluations/").status_code == 200
    response = client.post(
        f"/o/{org.slug}/actions/evaluations/year/",
        {"year": 2026, "with_employees_on": "2026-10-01", "with_council_on": "2026-10-02"},
    )
    assert response.status_code == 403
    assert not YearlyDiscussion.objects.exists()


def test_missing_evaluations_are_reminded_once(org, hr_user, make_action, core_member):
    make_action()
    today = dt.date(2026, 12, 2)  # Q3 has ended, and the year's discussion is due
    assert evaluation_reminders_plan(today=today) == 4  # two kinds × HR and the core team
    assert evaluation_reminders_plan(today=today) == 0
    evaluation_record(org=org, by=hr_user, year=2026, quarter=3, what_changed="x")
    yearly_discussion_record(
        org=org,
        by=hr_user,
        year=2026,
        with_employees_on=dt.date(2026, 10, 1),
        with_council_on=dt.date(2026, 10, 2),
    )
    assert evaluation_reminders_plan(today=dt.date(2026, 12, 3)) == 0
    assert Notification.objects.filter(kind="actions.quarterly_evaluation").count() == 2


def test_organisations_without_a_plan_of_action_are_not_reminded(org, hr_user):
    assert evaluation_reminders_plan(today=dt.date(2026, 12, 2)) == 0


def test_another_organisations_team_agreement_is_404_under_your_own_slug(hr_client, org):
    from tests.factories import OrganisationFactory, TeamFactory, UserFactory

    stranger = TeamFactory(organisation=OrganisationFactory(slug="elders"), name="Elders")
    agreement_save(team=stranger, by=UserFactory(), agreed_on=dt.date(2026, 11, 1), breaks="Geheim")
    base = f"/o/{org.slug}/actions/agreements/{stranger.pk}/"
    for path in (base, base + "new/", base + "v1/print/"):
        assert hr_client.get(path).status_code == 404, path
