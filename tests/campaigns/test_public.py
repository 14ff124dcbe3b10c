"""The public agenda: unguessable, revocable, readable without login, with ICS files."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from campaigns.services import agenda_apply_suggestion, campaign_publish_agenda, campaign_revoke_agenda

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def published(campaign):
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset({"office", "shift", "remote"}))
    campaign_publish_agenda(campaign=campaign)
    return campaign


def test_the_token_has_at_least_128_random_bits(published):
    # token_urlsafe(32): 32 random bytes = 256 bits, 43 URL-safe characters
    assert len(published.public_token) >= 43


def test_employees_see_the_agenda_without_logging_in(client, published):
    response = client.get(f"/agenda/{published.public_token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kick-off Week van de Werkstress" in html
    assert 'name="viewport"' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert f"/agenda/{published.public_token}/agenda.ics" in html


def test_a_wrong_or_revoked_token_shows_nothing(client, published):
    token = published.public_token
    assert client.get("/agenda/not-a-token/").status_code == 404
    campaign_revoke_agenda(campaign=published)
    assert client.get(f"/agenda/{token}/").status_code == 404
    assert client.get(f"/agenda/{token}/agenda.ics").status_code == 404


def test_a_new_link_replaces_the_old_one(client, published):
    old = published.public_token
    campaign_publish_agenda(campaign=published)
    assert published.public_token != old
    assert client.get(f"/agenda/{old}/").status_code == 404
    assert client.get(f"/agenda/{published.public_token}/").status_code == 200


def test_the_ics_feed_parses_back_with_the_activities_in_amsterdam_time(client, published):
    response = client.get(f"/agenda/{published.public_token}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == published.activities.count()
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    kickoff = next(e for e in events if str(e["SUMMARY"]) == "Kick-off Week van de Werkstress")
    start = kickoff.decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert start.astimezone(AMSTERDAM).replace(tzinfo=None) == dt.datetime(2026, 11, 16, 9, 0)
    assert kickoff["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_single_activity_can_be_added_to_a_calendar(client, published):
    activity = published.activities.get(title="Adempauze voor de nachtdienst")
    response = client.get(f"/agenda/{published.public_token}/{activity.pk}.ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("DTSTART").astimezone(AMSTERDAM).hour == 22


def test_an_activity_of_another_campaign_is_not_served(client, published, org):
    from .factories import make_campaign

    other = make_campaign(org, name="Ander")
    agenda_apply_suggestion(campaign=other, patterns=frozenset())
    foreign = other.activities.first()
    assert client.get(f"/agenda/{published.public_token}/{foreign.pk}.ics").status_code == 404


def test_hr_publishes_and_revokes_the_link_from_the_review_step(hr_client, campaign, url):
    hr_client.post(url("agenda-link/"))
    campaign.refresh_from_db()
    assert campaign.public_token
    hr_client.post(url("agenda-link/"), {"revoke": "1"})
    campaign.refresh_from_db()
    assert campaign.public_token is None


def test_the_public_agenda_runs_a_bounded_number_of_queries(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(f"/agenda/{published.public_token}/")
    with django_assert_max_num_queries(4):
        client.get(f"/agenda/{published.public_token}/agenda.ics")


# --- Absurd dates: refused at input, harmless in rows from before --------------------------------


def test_an_activity_dated_9999_is_refused_next_to_the_day_field(hr_client, org, published):
    activity = published.activities.first()
    response = hr_client.post(
        f"/o/{org.slug}/campaigns/{published.pk}/activities/{activity.pk}/",
        {
            "kind": activity.kind_id,
            "title": "Te laat",
            "day": "9999-12-31",
            "start": "10:00",
            "end": "11:00",
            "format": activity.format,
            "audience": activity.audience,
        },
    )
    assert response.status_code == 200
    assert "2100" in response.content.decode()
    assert 'value="9999-12-31"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.title != "Te laat" and activity.starts_at.year < 2100


@pytest.mark.parametrize(
    "starts_at",
    [
        dt.datetime(9999, 12, 31, 22, 0, tzinfo=dt.UTC),
        dt.datetime(1, 1, 1, 0, 10, tzinfo=dt.UTC),
        dt.datetime(2101, 6, 1, 9, 0, tzinfo=dt.UTC),
    ],
    ids=["9999", "year-1", "2101"],
)
def test_an_old_row_with_an_absurd_date_is_left_out_of_the_ics_instead_of_breaking_it(
    client, published, starts_at
):
    absurd = published.activities.first()
    published.activities.filter(pk=absurd.pk).update(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=30)
    )
    others = published.activities.exclude(pk=absurd.pk).count()

    feed = client.get(f"/agenda/{published.public_token}/agenda.ics")
    single = client.get(f"/agenda/{published.public_token}/{absurd.pk}.ics")
    page = client.get(f"/agenda/{published.public_token}/")

    assert feed.status_code == 200
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == others
    assert single.status_code == 200
    assert Calendar.from_ical(single.content).walk("VEVENT") == []
    assert page.status_code == 200
