"""Removing a team never deletes the answers its people gave."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from measurements.models import Answer, Response
from werkstressweek.accounts.models import Organisation, Team
from werkstressweek.accounts.services import team_delete

from .helpers import answer_randomly


def test_a_team_with_pulse_answers_cannot_be_removed(pulse, team):
    answer_randomly(pulse, team, 3)
    with pytest.raises(ValidationError):
        team_delete(team=team)
    assert Team.objects.filter(pk=team.pk).exists()
    assert Response.objects.filter(team=team).count() == 3


def test_hr_sees_why_a_team_with_answers_stays(pulse, team, org, hr_client):
    answer_randomly(pulse, team, 2)
    response = hr_client.post(f"/o/{org.slug}/teams/{team.pk}/delete/", follow=True)
    assert Team.objects.filter(pk=team.pk).exists()
    assert team.name in response.content.decode()
    assert Answer.objects.filter(team=team).exists()


def test_a_team_without_answers_can_be_removed(pulse, second_team):
    team_delete(team=second_team)
    assert not Team.objects.filter(pk=second_team.pk).exists()


def test_removing_the_whole_organisation_still_removes_its_answers(pulse, team, org):
    answer_randomly(pulse, team, 2)
    Organisation.objects.filter(pk=org.pk).delete()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()
