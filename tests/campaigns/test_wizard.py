"""Each wizard step with valid and invalid input; invalid input keeps what was typed."""

from __future__ import annotations

import pytest

from campaigns.models import Activity, Campaign, Theme
from werkstressweek.accounts.models import Membership, Role


def test_starting_a_campaign_suggests_this_years_week_and_creates_the_plan(hr_client, org):
    page = hr_client.get(f"/o/{org.slug}/campaigns/new/")
    assert page.status_code == 200
    assert "week_start" in page.context["form"].initial
    response = hr_client.post(
        f"/o/{org.slug}/campaigns/new/",
        {"name": "Week van de Werkstress 2026", "year": 2026, "week_start": "2026-11-16", "prep_weeks": 7},
    )
    campaign = Campaign.objects.get(organisation=org)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/campaigns/{campaign.pk}/wizard/goals/")
    assert campaign.prep_weeks == 7 and campaign.steps.count() > 20


def test_a_campaign_on_a_tuesday_is_refused_and_keeps_what_was_typed(hr_client, org):
    response = hr_client.post(
        f"/o/{org.slug}/campaigns/new/",
        {"name": "Mijn eigen naam", "year": 2026, "week_start": "2026-11-17", "prep_weeks": 8},
    )
    assert response.status_code == 200
    assert "week_start" in response.context["form"].errors
    assert "Mijn eigen naam" in response.content.decode()
    assert not Campaign.objects.exists()


def test_goals_step_saves_themes_and_refuses_three(hr_client, campaign, url):
    themes = list(Theme.objects.values_list("pk", flat=True)[:3])
    response = hr_client.post(url("wizard/goals/"), {"form": "themes", "themes": themes[:2]})
    assert response.status_code == 302
    assert campaign.themes.count() == 2
    response = hr_client.post(url("wizard/goals/"), {"form": "themes", "themes": themes})
    assert response.status_code == 422
    assert response.context["themes_form"].errors["themes"]
    assert campaign.themes.count() == 2


def test_goals_step_adds_a_goal_and_keeps_typed_text_on_error(hr_client, campaign, url):
    ok = hr_client.post(
        url("wizard/goals/"),
        {
            "form": "goal",
            "title": "Minder ervaren werkdruk",
            "kpi_kind": "pulse_score",
            "baseline": "3.1",
            "target": "3.6",
            "unit": "score",
            "measured_how": "Pulse",
        },
    )
    assert ok.status_code == 302
    assert campaign.goals.get().title == "Minder ervaren werkdruk"
    bad = hr_client.post(
        url("wizard/goals/"), {"form": "goal", "title": "Tweede doel", "kpi_kind": "nonsense"}
    )
    assert bad.status_code == 422
    assert "kpi_kind" in bad.context["goal_form"].errors
    assert 'value="Tweede doel"' in bad.content.decode()
    assert campaign.goals.count() == 1


def test_team_step_adds_a_member_or_a_named_person_and_needs_one_of_both(
    hr_client, hr_user, campaign, url, org
):
    membership = Membership.objects.get(user=hr_user, organisation=org)
    assert (
        hr_client.post(url("wizard/team/"), {"membership": membership.pk, "role": "host"}).status_code == 302
    )
    assert (
        hr_client.post(
            url("wizard/team/"), {"name": "Piet Arbo", "email": "piet@arbo.nl", "role": "other"}
        ).status_code
        == 302
    )
    bad = hr_client.post(url("wizard/team/"), {"email": "zonder@naam.nl", "role": "manager"})
    assert bad.status_code == 422
    assert "name" in bad.context["form"].errors
    assert 'value="zonder@naam.nl"' in bad.content.decode()
    assert campaign.core_team.count() == 2


def test_team_step_suggestion_adds_you_as_host_and_a_manager(hr_client, campaign, url, member_of):
    member_of(Role.MANAGER)
    hr_client.post(url("wizard/team/"), {"form": "suggested"})
    roles = set(campaign.core_team.values_list("role", flat=True))
    assert {"host", "manager"} <= roles


def test_ambassadors_step_needs_a_team_of_the_organisation(hr_client, campaign, url, team, other_org):
    from tests.factories import TeamFactory

    assert hr_client.post(url("wizard/ambassadors/"), {"name": "Fatima", "team": team.pk}).status_code == 302
    foreign = TeamFactory(organisation=other_org)
    bad = hr_client.post(url("wizard/ambassadors/"), {"name": "Sven", "team": foreign.pk})
    assert bad.status_code == 422
    assert "team" in bad.context["form"].errors
    assert 'value="Sven"' in bad.content.decode()
    assert campaign.ambassadors.count() == 1


def test_agenda_step_adds_an_activity_and_refuses_one_that_ends_before_it_starts(hr_client, campaign, url):
    from campaigns.models import ActivityKind

    kind = ActivityKind.objects.get(slug="walking-meeting")
    data = {
        "kind": kind.pk,
        "title": "Wandeling",
        "day": "2026-11-18",
        "start": "12:15",
        "end": "12:45",
        "format": "onsite",
        "audience": "office",
    }
    assert hr_client.post(url("wizard/agenda/"), data).status_code == 302
    activity = campaign.activities.get()
    assert activity.starts_at.isoformat() == "2026-11-18T11:15:00+00:00"  # 12:15 in Amsterdam, winter time
    bad = hr_client.post(url("wizard/agenda/"), dict(data, title="Te kort", end="12:00"))
    assert bad.status_code == 422
    assert "end" in bad.context["form"].errors
    assert 'value="Te kort"' in bad.content.decode()
    assert campaign.activities.count() == 1


def test_the_suggested_agenda_has_a_variant_per_work_pattern(hr_client, campaign, url):
    hr_client.post(url("wizard/agenda/"), {"form": "suggested"})
    audiences = set(campaign.activities.values_list("audience", flat=True))
    assert {"all", "shift", "remote", "office"} <= audiences
    kinds = set(campaign.activities.values_list("kind__slug", flat=True))
    assert {"kick-off", "team-check-in", "retro"} <= kinds
    hours = {a.starts_at.astimezone().hour for a in campaign.activities.all()}
    assert len(hours) > 4, "times are spread over the day"


def test_communication_step_suggestion_and_phase_dates(hr_client, campaign, url):
    hr_client.post(url("wizard/communication/"), {"form": "suggested"})
    phases = set(campaign.communications.values_list("phase", flat=True))
    assert phases == {"before", "during", "after"}
    assert campaign.communications.filter(channel="manager_letter").exists()
    count = campaign.communications.count()
    data = {
        "phase": "before",
        "channel": "email",
        "planned_on": "2026-11-18",
        "subject": "Te laat",
        "status": "planned",
        "views": 0,
        "reactions": 0,
        "attendees": 0,
    }
    bad = hr_client.post(url("wizard/communication/"), data)
    assert bad.status_code == 422
    assert "planned_on" in bad.context["form"].errors
    assert 'value="Te laat"' in bad.content.decode()
    assert (
        hr_client.post(url("wizard/communication/"), dict(data, planned_on="2026-11-02")).status_code == 302
    )
    assert campaign.communications.count() == count + 1


def test_measurement_step_suggests_dates_and_refuses_a_baseline_after_the_week(hr_client, campaign, url):
    page = hr_client.get(url("wizard/measurement/"))
    assert page.context["prefilled"]
    bad = hr_client.post(
        url("wizard/measurement/"),
        {
            "baseline_date": "2026-11-30",
            "followup_date": "2026-11-23",
            "pulse_cadence": "none",
            "rie_psa_link": "Werkdruk RI&E",
        },
    )
    assert bad.status_code == 422
    assert "baseline_date" in bad.context["form"].errors
    assert "Werkdruk RI&amp;E" in bad.content.decode()
    ok = hr_client.post(
        url("wizard/measurement/"),
        {
            "baseline_date": "2026-10-19",
            "followup_date": "2026-11-23",
            "pulse_cadence": "fortnightly",
            "rie_psa_link": "Werkdruk",
        },
    )
    assert ok.status_code == 302
    campaign.refresh_from_db()
    assert str(campaign.baseline_date) == "2026-10-19" and campaign.pulse_cadence == "fortnightly"


def test_review_lists_the_findings_with_links_to_the_steps(hr_client, campaign, url):
    page = hr_client.get(url("wizard/review/"))
    codes = {f.code for f in page.context["findings"]}
    assert {"no_baseline", "no_manager", "few_ambassadors"} <= codes
    assert url("wizard/measurement/") in page.content.decode()


def test_an_unknown_wizard_step_is_404(hr_client, url):
    assert hr_client.get(url("wizard/nonsense/")).status_code == 404


def test_items_are_removed_and_activities_edited(hr_client, campaign, url):
    hr_client.post(url("wizard/agenda/"), {"form": "suggested"})
    activity = campaign.activities.first()
    page = hr_client.get(url(f"activities/{activity.pk}/"))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(
        kind=activity.kind_id,
        title="Nieuwe titel",
        format=activity.format,
        audience=activity.audience,
        day=activity.starts_at.date().isoformat(),
        start="08:00",
        end="08:30",
    )
    assert hr_client.post(url(f"activities/{activity.pk}/"), data).status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Nieuwe titel"
    assert hr_client.post(url(f"activity/{activity.pk}/remove/")).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert hr_client.post(url(f"nonsense/{activity.pk}/remove/")).status_code == 404


@pytest.mark.parametrize(
    "step", ["goals", "team", "ambassadors", "agenda", "communication", "measurement", "review"]
)
def test_every_step_explains_itself(hr_client, url, step):
    page = hr_client.get(url(f"wizard/{step}/"))
    assert page.status_code == 200
    assert page.context["step"] == step


def test_the_goals_suggestion_adds_two_measurable_goals_that_can_be_edited(hr_client, campaign, url):
    hr_client.post(url("wizard/goals/"), {"form": "suggested"})
    goals = list(campaign.goals.order_by("id"))
    assert [g.kpi_kind for g in goals] == ["pulse_score", "participation"]
    assert all(g.measured_how for g in goals)
    goal = goals[1]
    data = {"title": "Minstens 70% doet mee", "kpi_kind": "participation", "target": "70", "unit": "%"}
    assert hr_client.post(url(f"goals/{goal.pk}/"), data).status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Minstens 70% doet mee" and goal.target == 70
    bad = hr_client.post(url(f"goals/{goal.pk}/"), dict(data, title=""))
    assert bad.status_code == 200 and "title" in bad.context["form"].errors
