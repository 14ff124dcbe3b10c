"""A team's headcount is recorded on each pulse like k (DESIGN.md §5.4): it follows the team while
the pulse is planned and is fixed once the pulse opens, so HR cannot change a team's headcount
afterwards to unhide a padded team or to move participation."""

from __future__ import annotations

import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from measurements import selectors
from measurements.models import Pulse, PulseKind, PulseTeam
from werkstressweek.accounts.services import team_save

from ..factories import TeamFactory
from .helpers import answer_randomly, close

K = 5


@pytest.fixture
def org_k(org):
    org.min_group_size = K
    org.save(update_fields=["min_group_size"])
    return org


def set_headcount(team, headcount: int) -> None:
    """HR edits the team, as the team page does."""
    team_save(
        org=team.organisation,
        team=team,
        name=team.name,
        headcount=headcount,
        work_pattern=team.work_pattern,
        parent=team.parent,
    )


def recorded(pulse, team) -> int:
    return PulseTeam.objects.get(pulse=pulse, team=team).headcount


def snapshot(pulse) -> tuple:
    results = selectors.pulse_results(pulse)
    part = selectors.participation(pulse)
    _dims, points = selectors.pulse_trend([pulse])
    return (
        [(g.name, g.hidden, g.padded, g.headcount, g.participation) for g in results.teams],
        (results.total.respondents, results.total.headcount),
        results.padded_teams,
        [(g.name, g.hidden, g.padded, g.headcount, g.participation) for g in part.teams],
        part.total.headcount,
        [(p.respondents, p.means) for p in points],
        selectors.pulses_with_participation(pulse.organisation),
    )


@pytest.fixture
def padded(org_k, make_pulse, team):
    """A closed pulse in which a team of six was padded past its headcount through its link."""
    small = TeamFactory(organisation=org_k, name="Klein", headcount=6)
    pulse = make_pulse(teams=[team, small])
    answer_randomly(pulse, team, K + 2, seed=1)
    answer_randomly(pulse, small, 6 + K, seed=2)  # more answers than the six people
    close(pulse)
    return pulse, small


def test_raising_the_headcount_after_the_pulse_does_not_unhide_a_padded_team(padded):
    pulse, small = padded
    before = snapshot(pulse)
    assert selectors.pulse_results(pulse).for_team(small.pk).padded
    set_headcount(small, 50)
    assert snapshot(pulse) == before
    assert recorded(pulse, small) == 6


def test_lowering_the_headcount_after_the_pulse_does_not_hide_an_honest_team(padded, team):
    pulse, _small = padded
    before = snapshot(pulse)
    assert not selectors.pulse_results(pulse).for_team(team.pk).hidden
    set_headcount(team, 2)
    assert snapshot(pulse) == before


def test_participation_of_an_open_pulse_keeps_the_headcount_it_opened_with(org_k, make_pulse, team):
    pulse = make_pulse()
    answer_randomly(pulse, team, 12)
    before = selectors.participation(pulse).for_team(team.pk)
    assert (before.headcount, before.participation) == (30, 40.0)
    set_headcount(team, 12)
    after = selectors.participation(pulse).for_team(team.pk)
    assert (after.headcount, after.participation, after.padded) == (30, 40.0, False)


def test_a_planned_pulse_follows_the_team_headcount_until_it_opens(org_k, make_pulse, team):
    now = timezone.now()
    pulse = make_pulse(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    assert recorded(pulse, team) == 30
    set_headcount(team, 25)
    assert recorded(pulse, team) == 25
    Pulse.objects.filter(pk=pulse.pk).update(opens_at=now - timedelta(minutes=1))  # it opens
    set_headcount(team, 3)
    assert recorded(pulse, team) == 25


def test_a_planned_pulse_follows_headcounts_from_a_team_import(org_k, make_pulse, team, hr_client):
    now = timezone.now()
    planned = make_pulse(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    opened = make_pulse()
    file = io.BytesIO(b"name,headcount,work_pattern\nVerpleging,44,office\n")
    file.name = "teams.csv"
    response = hr_client.post(f"/o/{org_k.slug}/data/import/teams/", {"file": file})
    assert response.status_code == 302
    assert (recorded(planned, team), recorded(opened, team)) == (44, 30)


def test_rescheduling_a_planned_pulse_takes_the_current_headcounts(org_k, make_pulse, team):
    from measurements.services import pulse_update

    now = timezone.now()
    pulse = make_pulse(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    team.headcount = 17  # changed outside team_save, as a fixture or the admin could
    team.save(update_fields=["headcount"])
    pulse_update(
        pulse=pulse, title="Later", opens_at=pulse.opens_at, closes_at=pulse.closes_at, comments_shared=False
    )
    assert recorded(pulse, team) == 17


def test_compared_rounds_use_the_headcount_each_round_recorded(padded, make_pulse, team):
    """The baseline padded a small team; the follow-up page hides it too although it answered
    honestly there (other rounds), and the comparison leaves it out of the baseline total — also
    after HR raises its headcount."""
    baseline, small = padded
    campaign = _campaign(baseline)
    after = make_pulse(teams=[team, small], campaign=campaign, kind=PulseKind.FOLLOW_UP)
    answer_randomly(after, team, K + 3, seed=3)
    answer_randomly(after, small, K, seed=4)
    close(after)

    def view():
        result = selectors.pulse_comparison(baseline, after)
        rows = {g.name: g for g in result.teams}
        return (
            rows["Klein"].hidden,
            rows["Klein"].before.headcount,
            result.total.before.respondents,
            result.total.after.respondents,
            result.total.before.headcount,
            selectors.pulse_results(after).for_team(small.pk).hidden,
        )

    before = view()
    assert before == (True, 6, K + 2, K + 3 + K, 30, True)
    set_headcount(small, 50)
    assert view() == before


def _campaign(pulse):
    from campaigns.models import Campaign

    campaign = Campaign.objects.create(
        organisation=pulse.organisation, name="Week", year=2026, week_start=timezone.localdate()
    )
    Pulse.objects.filter(pk=pulse.pk).update(campaign=campaign)
    pulse.refresh_from_db()
    return campaign


def test_the_migration_records_each_team_current_headcount(org_k, make_pulse, team):
    pulse = make_pulse()
    PulseTeam.objects.filter(pulse=pulse).update(headcount=0)
    migration = importlib.import_module("measurements.migrations.0008_pulseteam_headcount")
    migration.record_team_headcount(apps, None)
    assert recorded(pulse, team) == 30
