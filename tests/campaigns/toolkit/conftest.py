from __future__ import annotations

import io
import zipfile

import pytest

from werkstressweek.accounts.models import Role


@pytest.fixture
def demo(db):
    """The demo organisation with its users by role, campaign and pulses, made by the demo loaders."""
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from measurements import demo as measurement_demo
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    measurement_demo.load(org=org, users=users)
    return org, users, Campaign.objects.get(organisation=org)


@pytest.fixture
def built(demo, django_capture_on_commit_callbacks):
    """Build the ambassador's toolkit once; returns (export, zip file)."""
    from campaigns.toolkit.services import toolkit_request, toolkit_team
    from werkstressweek.accounts.models import Membership

    org, users, campaign = demo
    membership = Membership.objects.get(user=users[Role.AMBASSADOR], organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        export = toolkit_request(
            campaign=campaign,
            team=toolkit_team(campaign=campaign, membership=membership),
            by=users[Role.AMBASSADOR],
            role=Role.AMBASSADOR,
        )
    export.refresh_from_db()
    with export.file.open("rb") as fh:
        data = fh.read()
    return export, zipfile.ZipFile(io.BytesIO(data))
