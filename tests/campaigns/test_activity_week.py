"""Activities belong to the campaign's week, unless they are explicitly planned before or after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.utils import translation

from campaigns import selectors
from campaigns.health import ActivityFact, CampaignFacts, health_check
from campaigns.models import ActivityKind


def _activity(day: str, **extra) -> dict:
    return {
        "kind": ActivityKind.objects.get(slug="walking-meeting").pk,
        "title": "Voorbereiding managers",
        "day": day,
        "start": "10:00",
        "end": "11:00",
        "format": "onsite",
        "audience": "office",
        **extra,
    }


def test_an_activity_outside_the_week_is_refused_and_keeps_what_was_typed(hr_client, campaign, url):
    response = hr_client.post(url("wizard/agenda/"), _activity("2026-11-02"))
    assert response.status_code == 422
    assert "day" in response.context["form"].errors
    assert 'value="Voorbereiding managers"' in response.content.decode()
    assert not campaign.activities.exists()


def test_an_activity_marked_before_the_week_is_saved_and_labelled_so(hr_client, campaign, url, org):
    from campaigns.services import campaign_publish_agenda

    response = hr_client.post(url("wizard/agenda/"), _activity("2026-11-02", outside_week="on"))
    assert response.status_code == 302
    assert campaign.activities.get().outside_week
    with translation.override("en"):
        days = selectors.agenda_by_day(campaign=campaign)
        assert days[0][1][0].week_label == "Before the week"
    assert "Vóór de week" in hr_client.get(url("wizard/agenda/")).content.decode()
    token = campaign_publish_agenda(campaign=campaign)
    assert "Vóór de week" in hr_client.get(f"/agenda/{token}/").content.decode()
    codes = {f.code for f in health_check(selectors.campaign_facts(campaign=campaign))}
    assert "activity_outside_week" not in codes


def test_an_activity_in_the_week_is_not_marked_outside_it(hr_client, campaign, url):
    hr_client.post(url("wizard/agenda/"), _activity("2026-11-18", outside_week="on"))
    assert not campaign.activities.get().outside_week


def test_the_health_check_notices_activities_outside_the_week_that_were_not_marked():
    facts = CampaignFacts(
        week_start=dt.date(2026, 11, 16),
        week_end=dt.date(2026, 11, 20),
        activities=(ActivityFact(dt.datetime(2026, 11, 17, 9), "onsite", "all"),),
    )
    assert "activity_outside_week" not in {f.code for f in health_check(facts)}
    stray = replace(
        facts, activities=(*facts.activities, ActivityFact(dt.datetime(2026, 11, 30, 9), "onsite", "all"))
    )
    finding = next(f for f in health_check(stray) if f.code == "activity_outside_week")
    assert finding.fix == "agenda" and "1" in str(finding.message)
    marked = replace(
        facts,
        activities=(*facts.activities, ActivityFact(dt.datetime(2026, 11, 30, 9), "onsite", "all", True)),
    )
    assert "activity_outside_week" not in {f.code for f in health_check(marked)}


def test_the_first_publication_of_the_agenda_does_not_mention_an_earlier_link(hr_client, campaign, url):
    first = hr_client.post(url("agenda-link/"), follow=True).content.decode()
    assert "gepubliceerd" in first or "is published" in first
    assert "eerdere link" not in first and "earlier link" not in first
    second = hr_client.post(url("agenda-link/"), follow=True).content.decode()
    assert "eerdere link" in second
