"""The plan of action through the browser's eyes: board, action pages, check-ins, permissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from actions.models import Action, CheckIn, Status
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory
from werkstressweek.accounts.models import Role


@pytest.fixture
def board_url(org):
    return f"/o/{org.slug}/actions/"


def action_url(action, suffix: str = "") -> str:
    return f"/o/{action.organisation.slug}/actions/{action.pk}/{suffix}"


def checkin_url(checkin) -> str:
    return action_url(checkin.action, f"check-ins/{checkin.pk}/")


def test_the_board_groups_actions_by_status_with_deadline_and_next_check_in(
    hr_client, board_url, make_action
):
    make_action(title="Pauzes bewaken", start_date=dt.date(2026, 12, 1), deadline=dt.date(2027, 2, 1))
    done = make_action(title="Al klaar")
    done.status = Status.DONE
    done.save()
    response = hr_client.get(board_url)
    html = response.content.decode()
    assert response.status_code == 200
    open_section = html.split('id="status-open"')[1].split("<section")[0].lower()
    assert "pauzes bewaken" in open_section and "al klaar" not in open_section
    assert "Al klaar" in html.split('id="status-done"')[1].split("<section")[0]
    assert _shown(dt.date(2026, 12, 31), "j M") in open_section  # the next check-in (1 Dec + 30 days)
    assert _shown(dt.date(2027, 2, 1), "j M") in open_section  # the deadline


def test_the_board_filters_on_overdue_work(hr_client, board_url, make_action):
    today = timezone.localdate()
    deadline = today + dt.timedelta(days=180)
    # The 30-day check-in of the first is past; the second started five days ago (relative to today,
    # so the test does not change meaning as the calendar moves on).
    make_action(title="Achterstallig", start_date=today - dt.timedelta(days=60), deadline=deadline)
    make_action(title="Op schema", start_date=today - dt.timedelta(days=5), deadline=deadline)
    html = hr_client.get(board_url, {"overdue": "on"}).content.decode()
    assert "Achterstallig" in html and "Op schema" not in html


def test_filtering_with_htmx_returns_only_the_board(hr_client, board_url, make_action, team):
    make_action(title="Teamactie", level="team", team=team)
    make_action(title="Organisatiebreed")
    response = hr_client.get(board_url, {"level": "team"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Teamactie" in html and "Organisatiebreed" not in html


def test_a_status_change_with_htmx_moves_the_action_to_its_group(hr_client, make_action):
    action = make_action(title="Verplaats mij")
    response = hr_client.post(action_url(action, "status/"), {"status": "done"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Verplaats mij" in html.split('id="status-done"')[1]
    assert Action.objects.get(pk=action.pk).status == Status.DONE


def test_the_board_runs_a_bounded_number_of_queries(
    hr_client, board_url, make_action, team, django_assert_max_num_queries
):
    def load() -> None:
        assert hr_client.get(board_url).status_code == 200

    make_action(level="team", team=team)
    with django_assert_max_num_queries(30) as few:
        load()
    for n in range(25):
        make_action(title=f"Actie {n}", level="team", team=TeamFactory(organisation=team.organisation))
    with django_assert_max_num_queries(len(few.captured_queries)):
        load()


def test_hr_starts_an_action_from_a_red_results_cell_with_team_and_dimension_filled_in(hr_client, org, team):
    response = hr_client.get(f"/o/{org.slug}/actions/new/", {"team": team.pk, "dimension": "workload"})
    form = response.context["form"]
    assert form.initial["team"] == team and form.initial["measure_dimension"] == "workload"
    assert form.initial["level"] == "team" and form.initial["source"] == "pulse"


def test_hr_creates_an_action_and_sees_its_three_check_ins(hr_client, org, team, hr_user):
    membership = hr_user.memberships.get(organisation=org)
    response = hr_client.post(
        f"/o/{org.slug}/actions/new/",
        {
            "title": "Stilte-uur op dinsdag",
            "risk": "workload",
            "level": "team",
            "team": team.pk,
            "owner_membership": membership.pk,
            "start_date": "2026-12-01",
            "deadline": "2027-03-01",
            "source": "pulse",
            "priority": "high",
            "status": "open",
        },
        follow=True,
    )
    action = Action.objects.get(title="Stilte-uur op dinsdag")
    assert action.checkins.count() == 3
    assert _shown(dt.date(2026, 12, 31), "D j M") in response.content.decode()  # the 30-day check-in


def test_bad_input_is_shown_next_to_the_field_with_what_was_typed(hr_client, org):
    response = hr_client.post(
        f"/o/{org.slug}/actions/new/",
        {
            "title": "Mijn actie",
            "risk": "workload",
            "level": "team",
            "start_date": "2026-12-01",
            "deadline": "2026-11-01",
            "source": "other",
            "priority": "low",
            "status": "open",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Mijn actie"' in html
    assert response.context["form"].errors.keys() >= {"team", "deadline", "owner_name"}
    assert not Action.objects.exists()


def test_a_manager_records_a_check_in_of_their_own_team(client_for, manager, make_action, team):
    action = make_action(level="team", team=team)
    checkin = action.checkins.get(day=30)
    client = client_for(manager)
    response = client.post(
        checkin_url(checkin), {"progress": "at_risk", "note": "Roosters knellen", "measured_value": "3,1"}
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.progress == "at_risk" and checkin.recorded_by == manager


def test_a_manager_cannot_see_or_change_another_teams_action(client_for, manager, make_action, other_team):
    action = make_action(level="team", team=other_team, title="Niet van jou")
    client = client_for(manager)
    assert client.get(action_url(action)).status_code == 404
    assert client.get(action_url(action, "edit/")).status_code == 404
    assert client.post(checkin_url(action.checkins.first()), {"progress": "on_track"}).status_code == 404
    assert "Niet van jou" not in client.get(f"/o/{action.organisation.slug}/actions/").content.decode()
    assert not CheckIn.objects.filter(recorded_at__isnull=False).exists()


def test_a_manager_sees_their_own_actions_in_any_team(
    client_for, manager, manager_membership, make_action, other_team
):
    action = make_action(
        level="team", team=other_team, owner_membership=manager_membership, title="Mijn actie"
    )
    html = client_for(manager).get(f"/o/{action.organisation.slug}/actions/", {"mine": "on"}).content.decode()
    assert "Mijn actie" in html


def test_a_manager_can_only_plan_for_the_teams_they_lead(
    client_for, manager, manager_membership, org, other_team
):
    response = client_for(manager).post(
        f"/o/{org.slug}/actions/new/",
        {
            "title": "Andermans team",
            "risk": "workload",
            "level": "team",
            "team": other_team.pk,
            "owner_membership": manager_membership.pk,
            "start_date": "2026-12-01",
            "deadline": "2027-01-01",
            "source": "other",
            "priority": "low",
            "status": "open",
        },
    )
    assert "team" in response.context["form"].errors
    assert not Action.objects.exists()


def test_the_works_council_reads_everything_but_changes_nothing(member_of, client_for, make_action):
    action = make_action(title="Leesbaar voor de OR")
    client = client_for(member_of(Role.WORKS_COUNCIL))
    assert "Leesbaar voor de OR" in client.get(f"/o/{action.organisation.slug}/actions/").content.decode()
    assert client.get(action_url(action)).status_code == 200
    assert client.get(action_url(action, "edit/")).status_code == 403
    assert client.post(action_url(action, "status/"), {"status": "done"}).status_code == 403
    assert client.post(checkin_url(action.checkins.first()), {"progress": "on_track"}).status_code == 403
    assert client.get(f"/o/{action.organisation.slug}/actions/new/").status_code == 403
    action.refresh_from_db()
    assert action.status == Status.OPEN


def test_ambassadors_have_no_access_to_the_plan_of_action(member_of, client_for, make_action):
    action = make_action()
    client = client_for(member_of(Role.AMBASSADOR))
    assert client.get(f"/o/{action.organisation.slug}/actions/").status_code == 403
    assert client.get(action_url(action)).status_code == 403


def test_another_organisations_actions_are_404_under_your_own_slug(hr_client, org, make_action):
    stranger_org = OrganisationFactory(slug="elders")
    stranger = MembershipFactory(
        organisation=stranger_org, role=Role.HR, user=UserFactory(email="x@elders.nl")
    )
    from actions.services import action_create

    theirs = action_create(
        org=stranger_org,
        by=stranger.user,
        title="Van een ander",
        level="organisation",
        owner_membership=stranger,
        start_date=dt.date(2026, 9, 1),
        deadline=dt.date(2027, 1, 1),
    )
    checkin = theirs.checkins.first()
    base = f"/o/{org.slug}/actions/{theirs.pk}/"
    for path in (base, base + "edit/", f"{base}check-ins/{checkin.pk}/"):
        assert hr_client.get(path).status_code == 404, path
    assert hr_client.post(base + "status/", {"status": "done"}).status_code == 404
    # And the stranger's own slug is not ours to use.
    assert hr_client.get(f"/o/{stranger_org.slug}/actions/").status_code == 404


def test_the_due_page_lists_overdue_and_upcoming_check_ins(hr_client, org, make_action):
    make_action(title="Te laat", start_date=dt.date(2026, 1, 5), deadline=dt.date(2027, 6, 1))
    response = hr_client.get(f"/o/{org.slug}/actions/check-ins/")
    assert [c.action.title for c in response.context["overdue"]] == ["Te laat"] * 3


def _shown(day, fmt: str) -> str:
    """A date as the pages show it in Dutch (the year only when it is not this year)."""
    from django.utils import translation

    from werkstressweek.templatetags.dates import day as day_filter

    with translation.override("nl"):
        return day_filter(day, fmt)
