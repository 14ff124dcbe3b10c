from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from werkstressweek.accounts.models import Team, WorkPattern
from werkstressweek.accounts.services import team_save

from ..factories import TeamFactory


def test_hr_adds_a_team_with_headcount_and_work_pattern(org, hr_client):
    response = hr_client.post(
        f"/o/{org.slug}/teams/new/",
        {"name": "Nachtdienst", "headcount": "12", "work_pattern": WorkPattern.SHIFT},
    )
    assert response.status_code == 302
    team = Team.objects.get(organisation=org, name="Nachtdienst")
    assert (team.headcount, team.work_pattern) == (12, WorkPattern.SHIFT)


def test_a_team_form_with_errors_keeps_what_was_typed(org, hr_client):
    response = hr_client.post(
        f"/o/{org.slug}/teams/new/", {"name": "Nachtdienst", "headcount": "-3", "work_pattern": "shift"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Nachtdienst"' in page
    assert "is-invalid" in page
    assert not Team.objects.filter(name="Nachtdienst").exists()


def test_two_teams_of_one_organisation_cannot_share_a_name(org, team, hr_client):
    response = hr_client.post(
        f"/o/{org.slug}/teams/new/", {"name": team.name, "headcount": "5", "work_pattern": "office"}
    )
    assert response.status_code == 200
    assert Team.objects.filter(organisation=org, name=team.name).count() == 1


def test_a_team_cannot_be_part_of_a_team_of_another_organisation(org, other_org):
    foreign = TeamFactory(organisation=other_org)
    with pytest.raises(ValidationError):
        team_save(org=org, name="Sub", headcount=3, work_pattern="office", parent=foreign)


def test_the_team_list_runs_a_fixed_number_of_queries(org, hr_client, django_assert_max_num_queries):
    parent = TeamFactory(organisation=org)
    TeamFactory.create_batch(30, organisation=org, parent=parent)
    with django_assert_max_num_queries(8):
        response = hr_client.get(f"/o/{org.slug}/teams/")
    assert response.content.decode().count("/delete/") == 31


def _tree(org):
    top = TeamFactory(organisation=org, name="Zorg")
    middle = TeamFactory(organisation=org, name="Verpleging", parent=top)
    bottom = TeamFactory(organisation=org, name="Nachtdienst", parent=middle)
    return top, middle, bottom


def _save(team, parent):
    return team_save(
        org=team.organisation,
        team=team,
        name=team.name,
        headcount=team.headcount,
        work_pattern=team.work_pattern,
        parent=parent,
    )


def test_the_service_refuses_a_parent_that_would_close_a_cycle(org):
    top, middle, bottom = _tree(org)
    for team, parent in ((top, bottom), (top, middle), (middle, bottom), (middle, middle)):
        with pytest.raises(ValidationError) as info:
            _save(team, parent)
        assert "parent" in info.value.error_dict
    top.refresh_from_db()
    assert top.parent is None


def test_the_service_still_moves_a_team_under_another_branch(org):
    top, middle, bottom = _tree(org)
    other = TeamFactory(organisation=org, name="Facilitair")
    assert _save(bottom, other).parent == other
    assert _save(other, top).parent == top


def test_the_team_form_explains_a_cycle_next_to_the_parent_field(org, hr_client):
    top, middle, bottom = _tree(org)
    response = hr_client.post(
        f"/o/{org.slug}/teams/{top.pk}/",
        {"name": "Zorg", "headcount": "30", "work_pattern": WorkPattern.OFFICE, "parent": bottom.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nachtdienst" in page and "is-invalid" in page
    top.refresh_from_db()
    assert top.parent is None
