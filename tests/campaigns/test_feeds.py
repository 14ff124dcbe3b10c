"""A team's calendar subscription and intranet feeds: right content, no cookie, no tracking."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from icalendar import Calendar

from campaigns.interventions.programmes import programme_assign, programme_create
from werkstressweek.notify.destinations import team_channel_save

from .factories import make_campaign

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def assigned(org, team):
    programme = programme_create(
        org=org, campaign=make_campaign(org, week_start=MONDAY), name="P", weeks_after=4
    )
    return programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5],
                            quiet_days=[dt.date(2026, 11, 20)])  # fmt: skip


def test_the_calendar_has_recurring_moments_with_an_alarm_in_local_time(client, org, team, assigned):
    channel = team_channel_save(org=org, team=team, kind="calendar")

    response = client.get(f"/feeds/{channel.token}/calendar.ics")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response.cookies == {}
    cal = Calendar.from_ical(response.content)
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 4
    first = events[0]
    start = first.decoded("dtstart")
    assert (start.date(), start.strftime("%H:%M"), str(start.tzinfo)) == (MONDAY, "09:00", "Europe/Amsterdam")
    rule = first["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert rule["UNTIL"][0].date() == MONDAY + dt.timedelta(days=7 * 5 - 1)
    assert first.walk("VALARM") and first.walk("VALARM")[0]["ACTION"] == "DISPLAY"
    assert b"EXDATE;TZID=Europe/Amsterdam:20261120T090000" in response.content
    assert cal.walk("VTIMEZONE")


def test_the_intranet_json_shows_todays_interventions_cacheable_and_without_cookies(
    client, org, team, assigned, monkeypatch
):
    channel = team_channel_save(org=org, team=team, kind="intranet")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: MONDAY)

    response = client.get(f"/feeds/{channel.token}/today.json")

    data = json.loads(response.content)
    assert [item["time"] for item in data["items"]] == ["09:00", "13:00", "15:30", "16:45"]
    assert data["items"][1]["url"].endswith("/m/middagreset-ademhaling/")
    assert response.cookies == {}
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]


def test_the_banner_can_be_embedded_and_carries_no_script_or_tracking(
    client, org, team, assigned, monkeypatch
):
    channel = team_channel_save(org=org, team=team, kind="intranet")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: MONDAY)

    response = client.get(f"/feeds/{channel.token}/banner.html")
    rss = client.get(f"/feeds/{channel.token}/today.rss")

    html = response.content.decode()
    assert "Middagreset" in html
    assert (
        "<script" not in html
        and "<img" not in html
        and "http" not in html.split("<body>")[0].replace('content="width', "")
    )  # nothing loaded from elsewhere
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert response.cookies == {} and rss.cookies == {}
    assert b"<rss" in rss.content and b"Middagreset" in rss.content


def test_a_feed_with_a_wrong_token_or_of_another_kind_is_not_found(client, org, team, assigned):
    calendar = team_channel_save(org=org, team=team, kind="calendar")
    assert client.get("/feeds/nope/today.json").status_code == 404
    assert client.get(f"/feeds/{calendar.token}/today.json").status_code == 404  # a calendar token


def test_an_approved_intranet_message_shows_in_the_feed_on_its_date(
    client, org, team, assigned, hr_user, monkeypatch
):
    from campaigns.interventions.messages import message_approve
    from campaigns.services import communication_save

    channel = team_channel_save(org=org, team=team, kind="intranet")
    item = communication_save(campaign=assigned.programme.campaign, phase="during", channel="intranet",
                              planned_on=MONDAY, subject="Vandaag: kick-off", text="Om 9 uur in de kantine.")  # fmt: skip
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: MONDAY)
    assert json.loads(client.get(f"/feeds/{channel.token}/today.json").content)["messages"] == []

    message_approve(item=item, by=hr_user)

    data = json.loads(client.get(f"/feeds/{channel.token}/today.json").content)
    assert data["messages"] == [
        {"subject": "Vandaag: kick-off", "text": "Om 9 uur in de kantine.", "url": ""}
    ]
    assert "Vandaag: kick-off" in client.get(f"/feeds/{channel.token}/banner.html").content.decode()
