"""Preconditions per organisation, their yearly review reminder and the public signals page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from actions.models import Precondition
from actions.services import precondition_save, preconditions_review_plan, signals_org_id, signals_token
from tests.factories import OrganisationFactory
from werkstressweek.accounts.models import Role
from werkstressweek.notify.models import Notification


def test_hr_records_a_precondition_and_sees_it_on_the_overview(hr_client, org):
    response = hr_client.post(
        f"/o/{org.slug}/actions/preconditions/confidential_adviser/",
        {"status": "in_place", "public_info": "Karin, 050 1234567", "last_reviewed_on": "2026-10-01"},
    )
    assert response.status_code == 302
    precondition = Precondition.objects.get(organisation=org, kind="confidential_adviser")
    assert precondition.status == "in_place" and precondition.last_reviewed_on == dt.date(2026, 10, 1)
    html = hr_client.get(f"/o/{org.slug}/actions/preconditions/").content.decode()
    assert "Karin" not in html  # the public text is for the public page
    assert _shown(dt.date(2026, 10, 1), "j M") in html  # the year only when it is not this year


def _shown(day: dt.date, fmt: str) -> str:
    from django.utils import translation

    from werkstressweek.templatetags.dates import day as day_filter

    with translation.override("nl"):
        return day_filter(day, fmt)


def test_a_review_date_in_the_future_is_refused_next_to_the_field(hr_client, org):
    response = hr_client.post(
        f"/o/{org.slug}/actions/preconditions/psa_policy/",
        {"status": "in_place", "note": "Beleid 2027", "last_reviewed_on": "2099-01-01"},
    )
    assert "last_reviewed_on" in response.context["form"].errors
    assert "Beleid 2027" in response.content.decode()
    assert not Precondition.objects.exists()


def test_the_works_council_reads_preconditions_but_cannot_change_them(member_of, client_for, org):
    client = client_for(member_of(Role.WORKS_COUNCIL))
    assert client.get(f"/o/{org.slug}/actions/preconditions/").status_code == 200
    assert client.post(f"/o/{org.slug}/actions/preconditions/pmo/", {"status": "in_place"}).status_code == 403


def test_an_unknown_kind_is_404(hr_client, org):
    assert hr_client.get(f"/o/{org.slug}/actions/preconditions/no-such-thing/").status_code == 404


def test_the_public_page_shows_only_what_is_published_for_employees(client, org):
    precondition_save(
        org=org, kind="confidential_adviser", status="in_place", public_info="Bel Karin: 050 1234567"
    )
    precondition_save(org=org, kind="psa_policy", status="in_place", public_info="Intern beleidsstuk")
    precondition_save(org=org, kind="company_doctor", status="in_place", note="Contract loopt af in maart")
    html = client.get(f"/signals/{signals_token(org)}/").content.decode()
    assert "Bel Karin: 050 1234567" in html
    assert "Intern beleidsstuk" not in html and "Contract loopt af" not in html


def test_a_forged_or_other_token_does_not_open_a_page(client, org):
    other = OrganisationFactory(slug="ander")
    assert signals_org_id(signals_token(other)) == other.pk
    assert client.get(f"/signals/{org.pk}-{'0' * 24}/").status_code == 404
    assert client.get(f"/signals/{org.pk}/").status_code == 404
    assert signals_org_id(f"{other.pk}-{signals_token(org).split('-')[1]}") is None


def test_the_public_agenda_links_to_the_signals_page(client, org):
    from campaigns.services import campaign_publish_agenda
    from tests.campaigns.factories import make_campaign

    campaign = make_campaign(org)
    campaign_publish_agenda(campaign=campaign)
    campaign.refresh_from_db()
    html = client.get(f"/agenda/{campaign.public_token}/").content.decode()
    assert f"/signals/{signals_token(org)}/" in html


def test_hr_is_reminded_once_a_year_to_review(org, hr_user):
    precondition_save(
        org=org, kind="rie_up_to_date", status="in_place", last_reviewed_on=dt.date(2025, 11, 1)
    )
    assert preconditions_review_plan(today=dt.date(2026, 10, 31)) == 0
    assert preconditions_review_plan(today=dt.date(2026, 11, 1)) == 1
    assert preconditions_review_plan(today=dt.date(2026, 11, 2)) == 0
    assert list(Notification.objects.values_list("recipient", flat=True)) == [hr_user.email]


def test_an_unknown_status_is_refused(org):
    with pytest.raises(ValidationError):
        precondition_save(org=org, kind="pmo", status="maybe")


@pytest.mark.parametrize("role", list(Role))
def test_the_organisation_home_shows_how_many_preconditions_are_in_place(member_of, client_for, org, role):
    precondition_save(org=org, kind="pmo", status="in_place")
    html = client_for(member_of(role)).get(f"/o/{org.slug}/").content.decode()
    assert "1 van 7" in html or "1 of 7" in html
    assert (f"/o/{org.slug}/actions/preconditions/" in html) == (role != Role.AMBASSADOR)
