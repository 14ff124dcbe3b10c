"""Which role may open which organisation page."""

from __future__ import annotations

import pytest

from werkstressweek.accounts.models import Role

HR_ONLY_PAGES = ["teams/", "teams/new/", "people/", "settings/"]


@pytest.mark.parametrize("role", [Role.CORE_TEAM, Role.MANAGER, Role.AMBASSADOR, Role.WORKS_COUNCIL])
@pytest.mark.parametrize("page", HR_ONLY_PAGES)
def test_only_hr_manages_teams_people_and_settings(org, member_of, client_for, role, page):
    client = client_for(member_of(role))
    assert client.get(f"/o/{org.slug}/{page}").status_code == 403


@pytest.mark.parametrize("page", HR_ONLY_PAGES)
def test_hr_opens_its_own_pages(org, hr_client, page):
    assert hr_client.get(f"/o/{org.slug}/{page}").status_code == 200


@pytest.mark.parametrize("role", Role.values)
def test_every_member_sees_the_organisation_home(org, member_of, client_for, role):
    response = client_for(member_of(role)).get(f"/o/{org.slug}/")
    assert response.status_code == 200
    assert org.name in response.content.decode()


def test_the_menu_shows_a_role_only_what_it_may_use(org, member_of, client_for, hr_client):
    ambassador_page = client_for(member_of(Role.AMBASSADOR)).get(f"/o/{org.slug}/").content.decode()
    hr_page = hr_client.get(f"/o/{org.slug}/").content.decode()
    assert f"/o/{org.slug}/people/" in hr_page
    assert f"/o/{org.slug}/people/" not in ambassador_page


def test_a_member_of_one_organisation_goes_straight_there_from_the_start_page(org, hr_client):
    response = hr_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/"


def test_a_member_of_two_organisations_chooses_one(org, other_org, hr_user, hr_client):
    from ..factories import MembershipFactory

    MembershipFactory(user=hr_user, organisation=other_org, role=Role.WORKS_COUNCIL)
    page = hr_client.get("/").content.decode()
    assert org.name in page and other_org.name in page
