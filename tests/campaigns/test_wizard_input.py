"""The wizard never loses what was typed or ticked: "next step" and "previous step" submit the form."""

from __future__ import annotations

from campaigns.models import Theme


def test_next_step_saves_the_ticked_themes_and_the_typed_goal(hr_client, campaign, url):
    themes = list(Theme.objects.values_list("pk", flat=True)[:2])
    response = hr_client.post(
        url("wizard/goals/"),
        {
            "themes_shown": "1",
            "themes": themes,
            "title": "Minder werkdruk",
            "kpi_kind": "pulse_score",
            "then": "team",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/wizard/team/")
    assert sorted(campaign.themes.values_list("pk", flat=True)) == sorted(themes)
    assert campaign.goals.get().title == "Minder werkdruk"


def test_adding_a_goal_keeps_the_themes_ticked_but_not_yet_saved(hr_client, campaign, url):
    themes = list(Theme.objects.values_list("pk", flat=True)[:2])
    hr_client.post(
        url("wizard/goals/"),
        {"themes_shown": "1", "themes": themes, "form": "goal", "title": "Doel", "kpi_kind": "custom"},
    )
    assert campaign.themes.count() == 2 and campaign.goals.count() == 1


def test_a_goal_with_an_error_keeps_the_ticked_themes_on_the_page(hr_client, campaign, url):
    themes = list(Theme.objects.values_list("pk", flat=True)[:2])
    response = hr_client.post(
        url("wizard/goals/"),
        {"themes_shown": "1", "themes": themes, "form": "goal", "title": "Half doel", "then": "team"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="Half doel"' in html
    assert html.count("checked") >= 2  # the ticks are still there
    assert not campaign.goals.exists()


def _as_shown(page) -> dict:
    """What the browser sends for the step's form as it was shown (its initial values)."""
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_next_step_on_an_untouched_form_just_moves_on(hr_client, campaign, url):
    for step, then in [
        ("team", "ambassadors"),
        ("ambassadors", "agenda"),
        ("agenda", "communication"),
        ("communication", "measurement"),
    ]:
        shown = _as_shown(hr_client.get(url(f"wizard/{step}/")))
        response = hr_client.post(url(f"wizard/{step}/"), dict(shown, then=then))
        assert response.status_code == 302, step
        assert response["Location"].endswith(f"/wizard/{then}/")


def test_next_step_with_a_half_typed_activity_shows_the_errors_and_keeps_it(hr_client, campaign, url):
    response = hr_client.post(
        url("wizard/agenda/"), {"title": "Lunchwandeling", "day": "2026-11-18", "then": "communication"}
    )
    assert response.status_code == 422
    assert 'value="Lunchwandeling"' in response.content.decode()
    assert not campaign.activities.exists()


def test_the_step_buttons_submit_the_steps_form(hr_client, url):
    html = hr_client.get(url("wizard/team/")).content.decode()
    assert 'id="step-form"' in html
    assert 'form="step-form" name="then" value="ambassadors"' in html
    assert 'form="step-form" name="then" value="goals"' in html


def test_a_core_team_members_role_can_be_changed(hr_client, hr_user, campaign, url, org):
    from werkstressweek.accounts.models import Membership

    membership = Membership.objects.get(user=hr_user, organisation=org)
    hr_client.post(url("wizard/team/"), {"membership": membership.pk, "role": "host"})
    member = campaign.core_team.get()
    assert url(f"core-team/{member.pk}/") in hr_client.get(url("wizard/team/")).content.decode()
    response = hr_client.post(
        url(f"core-team/{member.pk}/"), {"membership": membership.pk, "role": "facilitator"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "facilitator"


def test_the_same_person_is_not_added_to_the_core_team_twice(hr_client, hr_user, campaign, url, org):
    from werkstressweek.accounts.models import Membership

    membership = Membership.objects.get(user=hr_user, organisation=org)
    assert (
        hr_client.post(url("wizard/team/"), {"membership": membership.pk, "role": "host"}).status_code == 302
    )
    again = hr_client.post(url("wizard/team/"), {"membership": membership.pk, "role": "manager"})
    assert again.status_code == 422 and "membership" in again.context["form"].errors
    by_address = hr_client.post(
        url("wizard/team/"), {"name": "Zelfde persoon", "email": hr_user.email.upper(), "role": "other"}
    )
    assert by_address.status_code == 422 and "email" in by_address.context["form"].errors
    assert 'value="Zelfde persoon"' in by_address.content.decode()
    hr_client.post(url("wizard/team/"), {"form": "suggested"})  # the suggestion skips who is there
    assert campaign.core_team.filter(membership=membership).count() == 1
    assert campaign.core_team.count() == 1


def test_the_database_refuses_the_same_member_twice_in_a_core_team(hr_user, campaign, org):
    import pytest
    from django.db import IntegrityError, transaction

    from campaigns.models import CoreTeamMember
    from werkstressweek.accounts.models import Membership

    membership = Membership.objects.get(user=hr_user, organisation=org)
    CoreTeamMember.objects.create(campaign=campaign, membership=membership, role="host")
    with pytest.raises(IntegrityError), transaction.atomic():
        CoreTeamMember.objects.create(campaign=campaign, membership=membership, role="manager")
    CoreTeamMember.objects.create(campaign=campaign, name="Piet", role="other")
    CoreTeamMember.objects.create(campaign=campaign, name="Joke", role="other")  # names alone may repeat


def test_the_same_person_is_not_added_as_ambassador_twice(hr_client, hr_user, campaign, url, org, team):
    from tests.factories import TeamFactory
    from werkstressweek.accounts.models import Membership

    membership = Membership.objects.get(user=hr_user, organisation=org)
    other_team = TeamFactory(organisation=org, name="Thuiszorg")
    first = hr_client.post(url("wizard/ambassadors/"), {"membership": membership.pk, "team": team.pk})
    assert first.status_code == 302
    again = hr_client.post(url("wizard/ambassadors/"), {"membership": membership.pk, "team": other_team.pk})
    assert again.status_code == 422
    assert "is al ambassadeur" in again.context["form"].errors["membership"][0]
    by_address = hr_client.post(
        url("wizard/ambassadors/"),
        {"name": "Zelfde persoon", "email": hr_user.email.upper(), "team": other_team.pk},
    )
    assert by_address.status_code == 422 and "email" in by_address.context["form"].errors
    assert 'value="Zelfde persoon"' in by_address.content.decode()
    assert (
        hr_client.post(url("wizard/ambassadors/"), {"name": "Fatima", "team": other_team.pk}).status_code
        == 302
    )
    assert campaign.ambassadors.filter(membership=membership).count() == 1
    assert campaign.ambassadors.count() == 2


def test_the_database_refuses_the_same_member_twice_as_ambassador(hr_user, campaign, org, team):
    import pytest
    from django.db import IntegrityError, transaction

    from campaigns.models import Ambassador
    from werkstressweek.accounts.models import Membership

    membership = Membership.objects.get(user=hr_user, organisation=org)
    Ambassador.objects.create(campaign=campaign, membership=membership, team=team)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ambassador.objects.create(campaign=campaign, membership=membership, team=team)
    Ambassador.objects.create(campaign=campaign, name="Piet", team=team)
    Ambassador.objects.create(campaign=campaign, name="Joke", team=team)  # names alone may repeat
