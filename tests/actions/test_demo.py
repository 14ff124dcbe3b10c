"""The demo plan of action shows every part of the follow-up loop."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, CouncilAdvice, Precondition, RetroItem
from campaigns.health import health_check
from campaigns.models import Campaign
from campaigns.selectors import campaign_facts


def test_the_demo_has_actions_at_every_level_check_ins_in_every_state_and_one_overdue(db):
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())  # idempotent
    actions = Action.objects.filter(organisation__slug="demo")
    assert set(actions.values_list("level", flat=True)) == {"organisation", "team", "individual"}
    today = timezone.localdate()
    checkins = [c for a in actions for c in a.checkins.all()]
    assert len([c for c in checkins if c.is_overdue(today)]) == 1
    assert {c.progress for c in checkins if c.is_recorded} == {"on_track", "at_risk"}
    assert any(not c.is_recorded and not c.is_overdue(today) for c in checkins)
    statuses = set(Precondition.objects.filter(organisation__slug="demo").values_list("status", flat=True))
    assert {"in_place", "missing"} <= statuses
    assert RetroItem.objects.filter(kind="bottleneck", action__isnull=False).count() == 2
    assert CouncilAdvice.objects.count() == 1
    campaign = Campaign.objects.get(organisation__slug="demo")
    assert not {"few_actions", "many_actions"} & {
        f.code for f in health_check(campaign_facts(campaign=campaign))
    }
