"""What a team reads without pushing: a calendar subscription with its moments as recurring events
with an alarm, and today's intervention for the intranet as JSON, RSS and an embeddable banner.

The team channel's token is the only key. Responses set no cookie, load nothing from elsewhere and
carry no tracking; they may be cached for a few minutes.
"""

from __future__ import annotations

import datetime as dt
import json
from xml.sax.saxutils import escape

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from icalendar import Alarm, Calendar, Event

from werkstressweek.notify.models import DestinationKind, TeamChannel

from ..models import ProgrammeAssignment
from .schedule import moment_at, team_moments, zone

CACHE_SECONDS = 300
BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def _channel(token: str, kind: str) -> TeamChannel:
    channel = get_object_or_404(
        TeamChannel.objects.select_related("team", "organisation"), token=token, kind=kind
    )
    if not channel.is_active:
        raise Http404
    return channel


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _page_url(code: str) -> str:
    return settings.SITE_URL + reverse("intervention_page", kwargs={"code": code})


def team_calendar(*, channel: TeamChannel) -> bytes:
    """One recurring event per moment of each programme of the team, with an alarm at its start."""
    cal = Calendar()
    cal.add("prodid", "-//Werkstressweek//Micro-interventions//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{channel.team.name} · Werkstressweek")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    assignments = (
        ProgrammeAssignment.objects.filter(team=channel.team)
        .select_related("programme__campaign")
        .prefetch_related("programme__moments__intervention")
    )
    first_dates = []
    for assignment in assignments:
        programme = assignment.programme
        days = sorted(assignment.weekdays)
        start_day = programme.first_day
        while start_day.isoweekday() not in days and start_day <= programme.last_day:
            start_day += dt.timedelta(days=1)
        if start_day > programme.last_day:
            continue
        first_dates.append(start_day)
        until = dt.datetime.combine(programme.last_day, dt.time(23, 59, 59), tzinfo=zone()).astimezone(dt.UTC)
        for moment in programme.moments.all():
            intervention = moment.intervention
            start = moment_at(day=start_day, time=moment.time, shift_minutes=assignment.shift_minutes)
            event = Event()
            event.add("uid", f"moment-{assignment.pk}-{moment.pk}@werkstressweek")
            event.add("summary", intervention.title)
            event.add("description", f"{intervention.text}\n\n{_page_url(intervention.code)}")
            event.add("url", _page_url(intervention.code))
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(seconds=intervention.duration_seconds))
            event.add("dtstamp", timezone.now())
            event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
            event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in days], "until": until})
            for quiet in sorted(assignment.quiet_dates):
                event.add(
                    "exdate", moment_at(day=quiet, time=moment.time, shift_minutes=assignment.shift_minutes)
                )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", intervention.title)
            alarm.add("trigger", dt.timedelta(0))
            event.add_component(alarm)
            cal.add_component(event)
    if first_dates:
        first = min(first_dates)
        cal.add_missing_timezones(
            first_date=first.replace(month=1, day=1), last_date=first.replace(year=first.year + 1)
        )
    return cal.to_ical()


def today_items(*, channel: TeamChannel, day: dt.date | None = None) -> list[dict]:
    day = day or timezone.localdate()
    items = []
    for at, moment in team_moments(team_id=channel.team_id, day=day):
        intervention = moment.intervention
        items.append(
            {
                "time": at.astimezone(zone()).strftime("%H:%M"),
                "starts_at": at.isoformat(),
                "kind": intervention.kind,
                "kind_label": str(intervention.get_kind_display()),
                "title": intervention.title,
                "text": intervention.text,
                "duration_seconds": intervention.duration_seconds,
                "url": _page_url(intervention.code),
            }
        )
    return items


def _messages(channel: TeamChannel) -> list[dict]:
    """Today's approved campaign messages for the intranet."""
    from .messages import intranet_messages_for_team

    return intranet_messages_for_team(channel=channel, day=timezone.localdate())


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    channel = _channel(token, DestinationKind.CALENDAR)
    with translation.override(settings.LANGUAGE_CODE):
        data = team_calendar(channel=channel)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="micro-interventies.ics"'
    return _public(response)


@require_GET
def today_json(request: HttpRequest, token: str) -> HttpResponse:
    channel = _channel(token, DestinationKind.INTRANET)
    with translation.override(request.GET.get("lang") if request.GET.get("lang") in ("nl", "en") else "nl"):
        payload = {
            "team": channel.team.name,
            "date": timezone.localdate().isoformat(),
            "items": today_items(channel=channel),
            "messages": _messages(channel),
        }
    response = HttpResponse(json.dumps(payload, ensure_ascii=False), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"  # read by the intranet's own pages; no credentials
    return _public(response)


@require_GET
def today_rss(request: HttpRequest, token: str) -> HttpResponse:
    channel = _channel(token, DestinationKind.INTRANET)
    with translation.override("nl"):
        items = today_items(channel=channel)
    entries = "".join(
        f"<item><title>{escape(i['time'] + ' · ' + i['title'])}</title><link>{escape(i['url'])}</link>"
        f'<guid isPermaLink="false">{escape(token[:6] + ":" + i["starts_at"] + ":" + i["url"])}</guid>'
        f"<description>{escape(i['text'])}</description></item>"
        for i in items
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(channel.team.name)} · Werkstressweek</title><link>{escape(settings.SITE_URL)}</link>"
        f"<description>{escape('Micro-interventies van vandaag')}</description>{entries}</channel></rss>"
    )
    return _public(HttpResponse(xml, content_type="application/rss+xml; charset=utf-8"))


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # framed by the intranet: nothing secret or interactive in it
def banner(request: HttpRequest, token: str) -> HttpResponse:
    """A small self-contained HTML snippet for an intranet iframe: styles inline, no script."""
    channel = _channel(token, DestinationKind.INTRANET)
    with translation.override("nl"):
        context = {"items": today_items(channel=channel), "messages": _messages(channel)}
        response = render(request, "campaigns/interventions/banner.html", context)
    return _public(response)
