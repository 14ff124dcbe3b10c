from __future__ import annotations

from campaigns import demo
from campaigns.health import health_check
from campaigns.models import Campaign
from campaigns.selectors import campaign_facts
from werkstressweek.accounts import demo as accounts_demo


def test_the_demo_campaign_is_alive_and_loads_once(db):
    org, users = accounts_demo.load()
    demo.load(org=org, users=users)
    demo.load(org=org, users=users)
    campaign = Campaign.objects.get(organisation=org)
    assert campaign.week_start.weekday() == 0 and campaign.week_start.month == 11
    assert campaign.goals.count() == 2 and campaign.themes.count() == 2
    assert campaign.ambassadors.values("team").distinct().count() >= 3
    assert campaign.activities.count() > 8 and campaign.communications.count() > 5
    assert campaign.steps.filter(done_at__isnull=False).exists()
    assert campaign.public_token
    assert health_check(campaign_facts(campaign=campaign)) == []


def test_the_loaddemo_command_runs(db):
    from django.core.management import call_command

    call_command("loaddemo")
    assert Campaign.objects.filter(organisation__slug="demo").count() == 1
