"""Turning programmes into outbox notifications: one per (team, intervention, moment) and channel.

Beat runs `moments_plan` often; every run looks `horizon_days` ahead and inserts what is missing.
The notification key names team, intervention, local moment and channel, and is unique in the
database, so beat firing twice or two workers planning at once still create each message once.
Times are wall-clock times in the organisation's zone (Europe/Amsterdam): 09:00 stays 09:00 across
the change to or from summer time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from werkstressweek.notify.models import PUSH_KINDS, Channel, Notification, TeamChannel

from ..models import ProgrammeAssignment, ProgrammeMoment

HORIZON_DAYS = 2
# A moment whose time passed longer ago than this (beat was down) is skipped, not sent late.
STALE_AFTER = dt.timedelta(minutes=30)


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def moment_at(*, day: dt.date, time: dt.time, shift_minutes: int = 0) -> dt.datetime:
    """The aware moment of `time` (shifted) on `day`, in the local zone of the teams."""
    naive = dt.datetime.combine(day, time) + dt.timedelta(minutes=shift_minutes)
    return naive.replace(tzinfo=zone())


def moment_key(*, team_id: int, intervention_id: int, at: dt.datetime, channel_id: int) -> str:
    return f"moment:{team_id}:{intervention_id}:{at.astimezone(zone()):%Y-%m-%dT%H:%M}:{channel_id}"


def assignment_days(assignment: ProgrammeAssignment, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` on which the team gets its moments."""
    programme = assignment.programme
    start, end = max(first, programme.first_day), min(last, programme.last_day)
    weekdays, quiet = assignment.weekdays, assignment.quiet_dates
    days = []
    day = start
    while day <= end:
        if day.isoweekday() in weekdays and day not in quiet:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _message(moment: ProgrammeMoment) -> tuple[str, str, str]:
    intervention = moment.intervention
    link = settings.SITE_URL + reverse("intervention_page", kwargs={"code": intervention.code})
    return intervention.title, intervention.text, link


def moments_plan(*, now: dt.datetime | None = None, horizon_days: int = HORIZON_DAYS) -> int:
    """Create the outbox notifications of every programme moment in the next `horizon_days` days
    that does not have one yet; return how many were created."""
    now = now or timezone.now()
    today = now.astimezone(zone()).date()
    last = today + dt.timedelta(days=horizon_days)
    assignments = list(
        ProgrammeAssignment.objects.filter(
            programme__campaign__week_start__lte=last,
            programme__campaign__week_start__gte=today - dt.timedelta(weeks=13),
        )
        .select_related("programme__campaign", "team")
        .prefetch_related("programme__moments__intervention")
    )
    if not assignments:
        return 0
    channels: dict[int, list[TeamChannel]] = defaultdict(list)
    for channel in TeamChannel.objects.filter(
        team_id__in={a.team_id for a in assignments}, is_active=True, kind__in=PUSH_KINDS
    ).select_related("organisation"):
        channels[channel.team_id].append(channel)

    candidates: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for assignment in assignments:
            team_channels = channels.get(assignment.team_id)
            if not team_channels:
                continue
            moments = list(assignment.programme.moments.all())
            texts = {m.pk: _message(m) for m in moments}
            for day in assignment_days(assignment, today - dt.timedelta(days=1), last):
                for moment in moments:
                    at = moment_at(day=day, time=moment.time, shift_minutes=assignment.shift_minutes)
                    if at < now - STALE_AFTER:
                        continue
                    subject, body, link = texts[moment.pk]
                    for channel in team_channels:
                        candidates.append(
                            Notification(
                                key=moment_key(
                                    team_id=assignment.team_id,
                                    intervention_id=moment.intervention_id,
                                    at=at,
                                    channel_id=channel.pk,
                                ),
                                organisation_id=channel.organisation_id,
                                destination=channel,
                                channel=Channel(channel.kind),
                                recipient=channel.addresses
                                if channel.kind == Channel.EMAIL
                                else channel.kind,
                                kind="intervention",
                                subject=subject[:200],
                                body=body,
                                link=link,
                                due_at=at,
                            )
                        )
    if not candidates:
        return 0
    keys = [c.key for c in candidates]
    existing = set()
    for start in range(0, len(keys), 500):
        existing.update(
            Notification.objects.filter(key__in=keys[start : start + 500]).values_list("key", flat=True)
        )
    new = [c for c in candidates if c.key not in existing]
    # A concurrent planner may insert the same keys meanwhile: the unique key drops the doubles.
    Notification.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def team_moments(*, team_id: int, day: dt.date) -> list[tuple[dt.datetime, ProgrammeMoment]]:
    """The team's moments on `day`, in time order (for the intranet feed)."""
    assignments = (
        ProgrammeAssignment.objects.filter(team_id=team_id)
        .filter(Q(programme__campaign__week_start__lte=day))
        .select_related("programme__campaign")
        .prefetch_related("programme__moments__intervention__theme")
    )
    found = []
    for assignment in assignments:
        if day not in assignment_days(assignment, day, day):
            continue
        for moment in assignment.programme.moments.all():
            found.append(
                (moment_at(day=day, time=moment.time, shift_minutes=assignment.shift_minutes), moment)
            )
    return sorted(found, key=lambda pair: pair[0])
