"""Programmes → outbox notifications: once per (team, intervention, moment) and channel, on working
days only, at the team's local time, across the change from summer to winter time."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from campaigns.interventions.programmes import programme_assign, programme_create
from campaigns.interventions.schedule import moments_plan
from campaigns.models import Programme
from tests.factories import TeamFactory
from tests.notify.conftest import webhook_server  # noqa: F401 (the local webhook fixture)
from werkstressweek.accounts.models import Role
from werkstressweek.notify.destinations import team_channel_save
from werkstressweek.notify.models import Notification, State
from werkstressweek.notify.services import notifications_send_due

from .factories import make_campaign

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = dt.date(2026, 11, 16)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMS)


@pytest.fixture
def programme(org):
    campaign = make_campaign(org, week_start=MONDAY)
    return programme_create(org=org, campaign=campaign, name="Standaard", weeks_after=0)


@pytest.fixture
def email_channel(org, team):
    return team_channel_save(org=org, team=team, kind="email", addresses="verpleging@zorg.nl")


def local_times(qs) -> list[str]:
    return sorted(n.due_at.astimezone(AMS).strftime("%a %d %H:%M") for n in qs)


@pytest.mark.django_db
def test_the_standard_day_has_four_moments(programme):
    assert [(m.time.strftime("%H:%M"), m.intervention.kind) for m in programme.moments.all()] == [
        ("09:00", "morning_prompt"),
        ("13:00", "breathing_reset"),
        ("15:30", "boundary_reminder"),
        ("16:45", "reflection"),
    ]


@pytest.mark.django_db
def test_beat_running_twice_creates_each_moment_once_per_channel(
    org,
    team,
    programme,
    email_channel,
    webhook_server,  # noqa: F811
):
    slack = team_channel_save(org=org, team=team, kind="slack", webhook_url=webhook_server.url)
    programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5])

    first = moments_plan(now=at(MONDAY, 7), horizon_days=1)  # Monday and Tuesday
    second = moments_plan(now=at(MONDAY, 7), horizon_days=1)

    assert (first, second) == (16, 0)
    assert Notification.objects.filter(destination=email_channel).count() == 8
    assert Notification.objects.filter(destination=slack).count() == 8
    monday = Notification.objects.filter(destination=email_channel, due_at__date=MONDAY)
    assert local_times(monday) == ["Mon 16 09:00", "Mon 16 13:00", "Mon 16 15:30", "Mon 16 16:45"]
    assert {n.link.rsplit("/", 2)[-2] for n in monday} >= {"middagreset-ademhaling"}


@pytest.mark.django_db
def test_nothing_is_planned_outside_working_days_or_on_quiet_days(team, programme, email_channel):
    programme_assign(
        programme=programme, team=team, working_days=[1, 2, 4], quiet_days=[dt.date(2026, 11, 19)]
    )

    moments_plan(now=at(MONDAY, 7), horizon_days=6)

    days = {n.due_at.astimezone(AMS).date() for n in Notification.objects.all()}
    assert days == {MONDAY, MONDAY + dt.timedelta(days=1)}  # Wed: not a working day; Thu: quiet


@pytest.mark.django_db
def test_a_shift_team_gets_the_moments_at_its_own_times(org, programme):
    night = TeamFactory(organisation=org, name="Avonddienst", work_pattern="shift")
    team_channel_save(org=org, team=night, kind="email", addresses="avond@zorg.nl")
    programme_assign(programme=programme, team=night, working_days=[1], shift_minutes=420)

    moments_plan(now=at(MONDAY, 7), horizon_days=0)

    assert local_times(Notification.objects.all()) == [
        "Mon 16 16:00",
        "Mon 16 20:00",
        "Mon 16 22:30",
        "Mon 16 23:45",
    ]


@pytest.mark.django_db
def test_moments_keep_their_local_time_across_the_end_of_summer_time(org, team, email_channel):
    campaign = make_campaign(org, week_start=dt.date(2026, 10, 19), name="Oktober")
    programme = programme_create(org=org, campaign=campaign, name="Oktober", weeks_after=4)
    programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5])

    moments_plan(now=at(dt.date(2026, 10, 23), 7), horizon_days=3)  # Friday to Monday, over 25 October

    morning = Notification.objects.filter(subject__startswith="Ochtendprompt").order_by("due_at")
    assert [n.due_at.astimezone(dt.UTC).strftime("%a %d %H:%M") for n in morning] == [
        "Fri 23 07:00",  # 09:00 CEST (UTC+2)
        "Mon 26 08:00",  # 09:00 CET (UTC+1)
    ]
    assert local_times(morning) == ["Fri 23 09:00", "Mon 26 09:00"]


@pytest.mark.django_db
def test_moments_already_past_are_not_sent_late(team, programme, email_channel):
    programme_assign(programme=programme, team=team, working_days=[1])
    moments_plan(now=at(MONDAY, 14), horizon_days=0)  # beat was down all morning
    assert local_times(Notification.objects.all()) == ["Mon 16 15:30", "Mon 16 16:45"]


@pytest.mark.django_db
def test_a_team_without_channels_or_outside_the_programme_gets_nothing(org, team, programme):
    programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5])
    assert moments_plan(now=at(MONDAY, 7)) == 0  # no channel yet
    team_channel_save(org=org, team=team, kind="email", addresses="a@zorg.nl")
    assert moments_plan(now=at(MONDAY + dt.timedelta(days=7), 7)) == 0  # the programme is over


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_beats_planning_and_two_workers_sending_at_once_deliver_each_moment_once(org, team):
    campaign = make_campaign(org, week_start=MONDAY)
    programme = programme_create(org=org, campaign=campaign, name="Standaard")
    teams = [team] + [TeamFactory(organisation=org) for _ in range(4)]
    for n, t in enumerate(teams):
        team_channel_save(org=org, team=t, kind="email", addresses=f"team{n}@zorg.nl")
        programme_assign(programme=programme, team=t, working_days=[1, 2, 3, 4, 5])
    now = dt.datetime.now(AMS)
    if now.hour == 0 and now.minute < 10:
        pytest.skip("too close to midnight for a moment five minutes ago today")
    # Every moment of today is five minutes old: due now, not stale.
    programme.moments.update(time=(now - dt.timedelta(minutes=5)).time().replace(second=0, microsecond=0))
    campaign.__class__.objects.filter(pk=campaign.pk).update(
        week_start=now.date() - dt.timedelta(days=now.weekday())
    )
    for t in teams:
        t.programme_assignments.update(working_days="1234567", shift_minutes=0)

    def concurrently(work):
        barrier = threading.Barrier(2)
        results, errors = [], []

        def run():
            try:
                barrier.wait(timeout=10)
                results.append(work())
            except BaseException as exc:
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        return results

    planned = concurrently(lambda: moments_plan(horizon_days=0))
    assert Notification.objects.count() == 5 * 4  # five teams, four moments, once
    assert sum(planned) >= 20  # both planners saw them missing; the unique key kept one of each
    concurrently(lambda: notifications_send_due(limit=1000))

    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == 20 and max(sent.values()) == 1
    assert set(Notification.objects.values_list("state", flat=True)) == {State.SENT}


@pytest.mark.django_db
def test_hr_builds_a_programme_and_assigns_a_team(org, team, hr_client):
    campaign = make_campaign(org, week_start=MONDAY)
    base = f"/o/{org.slug}/interventions/programmes/"
    response = hr_client.post(base, {"name": "Na de week", "campaign": campaign.pk, "weeks_after": 6,
                                      "standard_day": "on"})  # fmt: skip
    programme = Programme.objects.get()
    assert response.status_code == 302 and programme.weeks_after == 6
    assert programme.last_day == MONDAY + dt.timedelta(days=7 * 7 - 1)

    page = f"{base}{programme.pk}/"
    bad = hr_client.post(page, {"assign": "1", "team": team.pk, "working_days": [1], "shift_minutes": 0,
                                "quiet_days": "20 november"})  # fmt: skip
    assert bad.status_code == 200 and "quiet_days" in bad.context["assign_form"].errors
    assert "20 november" in bad.content.decode()
    hr_client.post(page, {"assign": "1", "team": team.pk, "working_days": [1, 2, 3], "shift_minutes": 60,
                          "quiet_days": "2026-11-18"})  # fmt: skip
    assignment = programme.assignments.get()
    assert (assignment.working_days, assignment.shift_minutes, assignment.quiet_days) == (
        "123",
        60,
        ["2026-11-18"],
    )


@pytest.mark.django_db
def test_programmes_of_another_organisation_are_not_found(org, other_org, hr_client, client_for, member_of):
    theirs = programme_create(org=other_org, campaign=make_campaign(other_org, week_start=MONDAY), name="Hun")
    assert hr_client.get(reverse("interventions:programme", kwargs={"org_slug": org.slug,
                                                                     "programme_id": theirs.pk})).status_code == 404  # fmt: skip
    manager = client_for(member_of(Role.MANAGER))
    assert manager.get(reverse("interventions:programmes", kwargs={"org_slug": org.slug})).status_code == 403
