"""The organisation home: where each campaign stands, in the shape that fits the role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from campaigns import services
from campaigns.models import Goal
from measurements.models import Question
from measurements.services import pulse_create
from tests.factories import TeamFactory
from tests.measurements.helpers import answer_randomly, close
from werkstressweek.accounts.models import Role

from .factories import AmbassadorFactory, CoreTeamMemberFactory, make_campaign

TODAY = timezone.localdate()


def _coming_campaign(org, name="Week van de Werkstress", weeks=5):
    monday = TODAY + dt.timedelta(days=(7 - TODAY.weekday()) % 7 or 7) + dt.timedelta(weeks=weeks)
    return make_campaign(org, week_start=monday, prep_weeks=8, name=name)


def _pulse(org, teams, campaign=None, *, kind="baseline", opened=True, title="Nulmeting"):
    now = timezone.now()
    start = now - dt.timedelta(hours=2) if opened else now + dt.timedelta(days=3)
    return pulse_create(
        org=org,
        title=title,
        kind=kind,
        questions=list(Question.objects.filter(organisation=None)[:3]),
        teams=teams,
        opens_at=start,
        closes_at=start + dt.timedelta(days=10),
        campaign=campaign,
    )


def _home(client, org):
    response = client.get(f"/o/{org.slug}/")
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_new_organisation_gets_one_clear_first_action(hr_client, org):
    response, html = _home(hr_client, org)
    assert f'href="/o/{org.slug}/campaigns/new/"' in html
    assert html.count("btn-primary") == 1
    assert response.context["cards"] == []


def test_a_reader_of_a_new_organisation_is_told_to_wait_not_to_start(client_for, member_of, org):
    _response, html = _home(client_for(member_of(Role.AMBASSADOR)), org)
    assert "/campaigns/new/" not in html


def test_hr_sees_countdown_progress_steps_pulses_goals_and_findings(hr_client, org, team):
    campaign = _coming_campaign(org)
    services.goal_save(
        campaign=campaign,
        title="Minder werkdruk",
        kpi_kind=Goal.KpiKind.PULSE_SCORE,
        baseline=Decimal("3.4"),
        target=Decimal("3.8"),
    )
    CoreTeamMemberFactory(campaign=campaign)
    big = TeamFactory(organisation=org, name="Zorg", headcount=40)
    pulse = _pulse(org, [team, big], campaign)
    answer_randomly(pulse, big, 8)
    response, html = _home(hr_client, org)
    card = response.context["cards"][0]
    plan = hr_client.get(f"/o/{org.slug}/campaigns/{campaign.pk}/plan/").context
    assert (card.progress.done, card.progress.total) == (plan["done"], plan["total"])
    assert card.days_until == campaign.days_until(TODAY) and (
        f"{card.days_until} dag" in html or f"{card.days_until} day" in html
    )
    assert "8 van 70" in html or "8 of 70" in html  # participation against the pulse's headcount
    assert "3,4" in html and "3,8" in html  # the goal's baseline and target
    assert card.findings and str(card.findings[0].message) in html
    assert card.next_steps and card.next_steps[0].title in html


def test_an_open_pulse_below_k_shows_no_count(hr_client, org, team):
    campaign = _coming_campaign(org)
    pulse = _pulse(org, [team], campaign)
    answer_randomly(pulse, team, 3)
    response, html = _home(hr_client, org)
    assert response.context["cards"][0].pulses[0].respondents is None
    assert "3 van 30" not in html and "3 of 30" not in html


def test_overdue_steps_are_listed_with_the_reason_of_data_steps(hr_client, org):
    campaign = _coming_campaign(org, weeks=2)  # the first preparation steps are past due
    response, html = _home(hr_client, org)
    card = response.context["cards"][0]
    assert card.overdue_count > 0
    goals_step = next(s for s in card.overdue if s.key == "goals")
    assert escape(goals_step.evidence.reason) in html
    assert campaign.name in html


def test_the_home_runs_a_fixed_number_of_queries_whatever_the_size(
    hr_client, org, team, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            campaign = _coming_campaign(org, name=f"Campagne {n}-{i}", weeks=5 + i)
            teams = [TeamFactory(organisation=org) for _ in range(4)]
            for t in teams:
                AmbassadorFactory(campaign=campaign, team=t)
            _pulse(org, teams, campaign, title=f"Puls {n}-{i}")
            _pulse(org, teams, campaign, kind="follow_up", opened=False, title=f"Na {n}-{i}")

    grow(1)
    with django_assert_max_num_queries(60) as one:
        _home(hr_client, org)
    grow(4)
    with django_assert_max_num_queries(len(one.captured_queries) * 3) as many:
        _response, html = _home(hr_client, org)
    assert html.count('<section class="card') == 3  # at most three campaign cards
    # More campaigns, teams and pulses than fit on the page cost no extra queries per item.
    assert len(many.captured_queries) <= len(one.captured_queries) * 3


def test_the_core_team_sees_the_health_check_but_not_team_management(client_for, member_of, org):
    _coming_campaign(org)
    response, html = _home(client_for(member_of(Role.CORE_TEAM)), org)
    assert response.context["cards"][0].findings
    assert f"/o/{org.slug}/teams/" not in html


def test_a_manager_sees_own_teams_and_their_results_not_the_health_check(client_for, member_of, org, team):
    campaign = _coming_campaign(org)
    other = TeamFactory(organisation=org, name="Keuken", headcount=30)
    pulse = _pulse(org, [team, other], campaign)
    answer_randomly(pulse, team, 8)
    close(pulse)
    response, html = _home(client_for(member_of(Role.MANAGER)), org)
    assert response.context["cards"][0].findings == []
    assert f"/measurements/{pulse.pk}/teams/{team.pk}/" in html
    assert f"/measurements/{pulse.pk}/teams/{other.pk}/" not in html
    assert "Health check" not in html and "Gezondheidscheck" not in html


def test_an_ambassador_sees_the_campaign_and_its_public_agenda(client_for, member_of, org):
    campaign = _coming_campaign(org)
    services.campaign_publish_agenda(campaign=campaign)
    response, html = _home(client_for(member_of(Role.AMBASSADOR)), org)
    assert campaign.name in html
    assert f"/agenda/{campaign.public_token}" in html
    assert response.context["cards"][0].findings == []


def test_the_works_council_gets_its_reading_room(client_for, member_of, org):
    _coming_campaign(org)
    response = client_for(member_of(Role.WORKS_COUNCIL)).get(f"/o/{org.slug}/")
    assert "documents/portal.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AMBASSADOR, Role.WORKS_COUNCIL])
def test_no_role_but_hr_and_core_team_sees_a_budget_on_the_home(client_for, member_of, org, role):
    campaign = _coming_campaign(org)
    services.campaign_update(campaign=campaign, budget=4321)
    _response, html = _home(client_for(member_of(role)), org)
    assert "4321" not in html and "4.321" not in html and "/resources/" not in html
