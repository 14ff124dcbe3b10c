from __future__ import annotations

import pytest

from tests.factories import TeamFactory

from .factories import make_campaign


@pytest.fixture
def campaign(org, team):
    TeamFactory(organisation=org, name="Nachtdienst", work_pattern="shift")
    TeamFactory(organisation=org, name="ICT", work_pattern="remote")
    return make_campaign(org)


@pytest.fixture
def url(org, campaign):
    def make(suffix: str = "") -> str:
        return f"/o/{org.slug}/campaigns/{campaign.pk}/{suffix}"

    return make
