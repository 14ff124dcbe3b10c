"""Activity sign-up on the public agenda: waiting list, cancel link, attendance, per-team counts."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import signups
from campaigns.models import ActivitySignup, SignupMode, SignupStatus
from campaigns.services import campaign_publish_agenda
from tests.factories import TeamFactory

from .factories import ActivityFactory


@pytest.fixture
def activity(campaign):
    start = timezone.now() + dt.timedelta(days=2)
    return ActivityFactory(
        campaign=campaign,
        title="Wandeling",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=2,
    )


@pytest.fixture
def agenda_token(campaign):
    campaign_publish_agenda(campaign=campaign)
    campaign.refresh_from_db()
    return campaign.public_token


def test_places_fill_up_then_the_waiting_list_and_a_cancel_promotes_the_first_waiting(activity):
    first, first_token = signups.signup_create(activity=activity, name="An")
    second, _t = signups.signup_create(activity=activity)
    third, _t = signups.signup_create(activity=activity, name="Cas")
    fourth, _t = signups.signup_create(activity=activity)
    assert [s.status for s in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    assert signups.waiting_position(signup=fourth) == 2

    promoted = signups.signup_cancel(token=first_token)

    assert promoted.pk == third.pk
    third.refresh_from_db()
    assert third.status == SignupStatus.CONFIRMED
    assert signups.waiting_position(signup=fourth) == 1
    assert not ActivitySignup.objects.filter(pk=first.pk).exists()


def test_cancelling_a_waiting_place_promotes_nobody(activity):
    signups.signup_create(activity=activity)
    signups.signup_create(activity=activity)
    _waiting, token = signups.signup_create(activity=activity)
    assert signups.signup_cancel(token=token) is None
    assert activity.signups.filter(status=SignupStatus.CONFIRMED).count() == 2


def test_only_a_hash_of_the_cancel_token_is_stored(activity):
    signup, token = signups.signup_create(activity=activity)
    signup.refresh_from_db()
    assert token not in signup.token_hash
    assert signup.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert signups.signup_cancel(token=signup.token_hash) is None  # the hash itself is no key
    assert ActivitySignup.objects.filter(pk=signup.pk).exists()


def test_an_anonymous_campaign_keeps_no_names_and_switching_forgets_earlier_names(campaign, activity):
    signups.signup_create(activity=activity, name="An de Vries")
    signups.signup_mode_set(campaign=campaign, mode=SignupMode.ANONYMOUS)
    assert not ActivitySignup.objects.exclude(name="").exists()
    signup, _t = signups.signup_create(activity=activity, name="Bo")
    assert signup.name == ""


def test_signing_up_after_the_start_is_refused(activity):
    with pytest.raises(signups.SignupClosed):
        signups.signup_create(activity=activity, now=activity.starts_at)


def test_a_team_of_another_organisation_is_refused(activity, other_org):
    with pytest.raises(ValidationError):
        signups.signup_create(activity=activity, team=TeamFactory(organisation=other_org))


def test_attendance_is_recorded_once_the_activity_has_started(activity, hr_user):
    with pytest.raises(ValidationError):
        signups.attendance_record(activity=activity, count=5, by=hr_user)
    signups.attendance_record(activity=activity, count=5, by=hr_user, now=activity.starts_at)
    signups.attendance_record(activity=activity, count=6, by=hr_user, now=activity.ends_at)
    activity.refresh_from_db()
    assert activity.attendance.count == 6
    with pytest.raises(ValidationError):
        signups.attendance_record(activity=activity, count=-1, by=hr_user, now=activity.ends_at)


def test_participation_per_team_hides_teams_below_k_and_the_next_smallest(campaign, activity, org, team):
    activity.capacity = None
    activity.save()
    night = org.teams.get(name="Nachtdienst")
    for _ in range(8):
        signups.signup_create(activity=activity, team=team)
    for _ in range(9):
        signups.signup_create(activity=activity, team=night)
    ict = org.teams.get(name="ICT")
    for _ in range(2):
        signups.signup_create(activity=activity, team=ict)
    shown = {row.team.name: row.signups for row in signups.participation_per_team(campaign=campaign)}
    # ICT (2) is below k = 7; hiding it alone would reveal it by subtraction, so Verpleging goes too.
    assert shown == {"ICT": None, "Nachtdienst": 9, "Verpleging": None}


def test_activity_participation_counts_attendance_where_recorded_otherwise_sign_ups(
    campaign, activity, hr_user
):
    other = ActivityFactory(
        campaign=campaign, title="Lunch", starts_at=activity.starts_at, ends_at=activity.ends_at
    )
    signups.signup_create(activity=activity)
    signups.signup_create(activity=other)
    assert signups.activity_participation(campaign=campaign).people == 2
    signups.attendance_record(activity=other, count=12, by=hr_user, now=other.ends_at)
    result = signups.activity_participation(campaign=campaign)
    assert (result.people, result.headcount, result.source) == (13, 70, "mixed")


# --- Pages -----------------------------------------------------------------------------------------


def test_an_employee_signs_up_from_the_public_agenda_and_can_cancel_through_the_link(
    client, campaign, activity, agenda_token
):
    page = client.get(f"/agenda/{agenda_token}/")
    assert f"/agenda/{agenda_token}/{activity.pk}/signup/" in page.content.decode()
    assert "2 places left" in page.content.decode() or "nog 2 plaatsen" in page.content.decode()

    response = client.post(f"/agenda/{agenda_token}/{activity.pk}/signup/", {"name": "An", "team": ""})

    assert response.status_code == 302
    detail_url = response["Location"]
    signup = ActivitySignup.objects.get()
    assert signup.name == "An" and signup.status == "confirmed"
    detail = client.get(detail_url)
    ics_url = f"{detail_url}calendar.ics"
    assert ics_url in detail.content.decode()
    ics = client.get(ics_url)
    assert ics["Content-Type"].startswith("text/calendar")
    assert "Wandeling" in ics.content.decode() and detail_url.strip("/").split("/")[
        -1
    ] in ics.content.decode().replace("\r\n ", "")
    campaign.public_token = None  # the agenda link revoked: the person's own page still works
    campaign.save()
    assert client.get(detail_url).status_code == 200
    client.post(detail_url)
    assert not ActivitySignup.objects.exists()
    assert client.get(detail_url).status_code == 404


def test_the_honeypot_and_the_throttle_refuse_abuse(client, activity, agenda_token, monkeypatch):
    url = f"/agenda/{agenda_token}/{activity.pk}/signup/"
    assert client.post(url, {"website": "http://spam"}).status_code == 422
    monkeypatch.setattr(signups, "SIGNUP_LIMIT", 2)
    client.post(url, {})
    assert client.post(url, {}).status_code == 429
    assert ActivitySignup.objects.count() == 1


def test_a_sign_up_for_an_activity_of_another_campaign_is_404(client, agenda_token, other_org):
    from .factories import make_campaign

    foreign = ActivityFactory(campaign=make_campaign(other_org))
    assert client.post(f"/agenda/{agenda_token}/{foreign.pk}/signup/", {}).status_code == 404


def test_hr_records_attendance_and_sees_counts(hr_client, org, campaign, activity, url):
    signups.signup_create(activity=activity, name="An")
    page = hr_client.get(url("signups/"))
    assert "An" in page.content.decode()
    activity.starts_at = timezone.now() - dt.timedelta(hours=2)
    activity.ends_at = timezone.now() - dt.timedelta(hours=1)
    activity.save()
    hr_client.post(url(f"activities/{activity.pk}/attendance/"), {"count": "11"})
    activity.refresh_from_db()
    assert activity.attendance.count == 11


def test_only_hr_chooses_the_sign_up_mode(client_for, member_of, campaign, url):
    core = client_for(member_of("core_team"))
    assert core.post(url("signups/mode/"), {"signup_mode": "anonymous"}).status_code == 403
    ambassador = client_for(member_of("ambassador"))
    assert ambassador.get(url("signups/")).status_code == 403
    campaign.refresh_from_db()
    assert campaign.signup_mode == SignupMode.NAME_OPTIONAL


def test_the_overview_and_the_public_agenda_run_a_bounded_number_of_queries(
    hr_client, client, campaign, activity, agenda_token, url, django_assert_max_num_queries
):
    def fill(n):
        for i in range(n):
            other = ActivityFactory(
                campaign=campaign, title=f"Sessie {i}", starts_at=activity.starts_at, ends_at=activity.ends_at
            )
            signups.signup_create(activity=other, name=f"Naam {i}")

    fill(2)
    with django_assert_max_num_queries(20):
        hr_client.get(url("signups/"))
    with django_assert_max_num_queries(8):
        client.get(f"/agenda/{agenda_token}/")
    fill(10)
    with django_assert_max_num_queries(20):
        assert "Naam 9" in hr_client.get(url("signups/")).content.decode()
    with django_assert_max_num_queries(8):
        client.get(f"/agenda/{agenda_token}/")


def test_the_privacy_page_says_what_a_sign_up_stores(client, org):
    html = client.get(f"/privacy/{org.slug}/").content.decode()
    assert "cancel link" in html or "afmeldlink" in html
