"""The migration that adds `ambassador_once` first merges the doubles that exist already."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("campaigns", "0007_activity_outside_week_core_team_once")]
AFTER = [("campaigns", "0008_ambassador_once")]


@pytest.mark.django_db(transaction=True)
def test_existing_double_ambassadors_are_merged_before_the_constraint(org, team, hr_user):
    from tests.campaigns.factories import make_campaign
    from werkstressweek.accounts.models import Membership

    campaign = make_campaign(org)
    membership = Membership.objects.get(user=hr_user, organisation=org)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("campaigns", "Ambassador")
        first = old.objects.create(campaign_id=campaign.pk, membership_id=membership.pk, team_id=team.pk)
        old.objects.create(campaign_id=campaign.pk, membership_id=membership.pk, team_id=team.pk)
        old.objects.create(campaign_id=campaign.pk, name="Piet", team_id=team.pk)
        old.objects.create(campaign_id=campaign.pk, name="Piet", team_id=team.pk)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps.get_model("campaigns", "Ambassador")
    assert list(new.objects.filter(membership_id=membership.pk).values_list("pk", flat=True)) == [first.pk]
    assert new.objects.filter(name="Piet").count() == 2  # names alone are left alone
