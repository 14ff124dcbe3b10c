"""ICS calendars for the public agenda, built with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from werkstressweek.forms import MAX_YEAR, MIN_YEAR

from .models import Activity, Campaign

PRODID = "-//Werkstressweek//Agenda//NL"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(activity: Activity, *, domain: str, note: str = "") -> Event:
    tz = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{domain}")
    event.add("summary", activity.title)
    event.add("dtstart", activity.starts_at.astimezone(tz))
    event.add("dtend", activity.ends_at.astimezone(tz))
    event.add("dtstamp", timezone.now())
    description = "\n\n".join(part for part in (activity.description, note) if part)
    if description:
        event.add("description", description)
    if activity.location:
        event.add("location", activity.location)
    return event


def _sane(activity: Activity) -> bool:
    """Whether the activity lies in 2000–2100. The forms refuse other dates; a row from before that
    rule (year 1, 9999) is left out instead of breaking the feed for everyone."""
    return activity.starts_at.year >= MIN_YEAR and activity.ends_at.year <= MAX_YEAR


def agenda_ics(*, campaign: Campaign, activities: Iterable[Activity], domain: str, note: str = "") -> bytes:
    """The activities as a calendar; `note` is added to each description (a sign-up's cancel link)."""
    cal = _calendar(campaign.name)
    activities = [activity for activity in activities if _sane(activity)]
    for activity in activities:
        cal.add_component(_event(activity, domain=domain, note=note))
    if activities:
        # A VTIMEZONE for Europe/Amsterdam covering the events, so every client shows the right time.
        first = min(a.starts_at for a in activities).date()
        last = max(a.ends_at for a in activities).date()
        cal.add_missing_timezones(
            first_date=first.replace(month=1, day=1), last_date=last.replace(year=last.year + 1)
        )
    return cal.to_ical()
