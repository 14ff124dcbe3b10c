from __future__ import annotations

import pytest

from tests.factories import TeamFactory
from tests.measurements.conftest import bank, questions  # noqa: F401 - pulse fixtures for goal tests

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


@pytest.fixture(autouse=True)
def _catalogues(db):
    """The catalogues come from a data migration; a transactional test elsewhere may have flushed them."""
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, PlanStepTemplate, Theme

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
