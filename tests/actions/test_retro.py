"""The retro after the week: a bottleneck becomes an action in one click."""

from __future__ import annotations

import pytest

from actions.models import Action, RetroItem
from actions.services import retro_item_add
from tests.campaigns.factories import make_campaign
from werkstressweek.accounts.models import Role


@pytest.fixture
def campaign(org):
    return make_campaign(org)


def retro_url(campaign, suffix: str = "") -> str:
    return f"/o/{campaign.organisation.slug}/actions/retro/{campaign.pk}/{suffix}"


def test_the_core_team_adds_successes_bottlenecks_and_learnings(hr_client, campaign):
    hr_client.post(retro_url(campaign, "add/"), {"kind": "success", "text": "Volle aula"})
    hr_client.post(retro_url(campaign, "add/"), {"kind": "bottleneck", "text": "Nachtdienst kon niet"})
    html = hr_client.get(retro_url(campaign)).content.decode()
    success = html.split('id="col-success"')[1].split("</section>")[0]
    bottleneck = html.split('id="col-bottleneck"')[1].split("</section>")[0]
    assert "Volle aula" in success and "Nachtdienst kon niet" in bottleneck


def test_an_empty_point_is_refused_with_a_message(hr_client, campaign):
    response = hr_client.post(retro_url(campaign, "add/"), {"kind": "success", "text": "   "})
    assert response.status_code == 422
    assert "text" in response.context["form"].errors
    assert not RetroItem.objects.exists()


def test_a_bottleneck_becomes_an_action_in_one_click_and_only_once(hr_client, campaign, hr_user):
    item = retro_item_add(campaign=campaign, kind="bottleneck", text="Roosters wijzigen te laat", by=hr_user)
    response = hr_client.post(retro_url(campaign, f"items/{item.pk}/action/"))
    action = Action.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/actions/{action.pk}/edit/")
    assert (action.title, action.source, action.campaign) == ("Roosters wijzigen te laat", "retro", campaign)
    assert action.checkins.count() == 3
    hr_client.post(retro_url(campaign, f"items/{item.pk}/action/"))
    assert Action.objects.count() == 1


def test_a_success_does_not_become_an_action(hr_client, campaign, hr_user):
    item = retro_item_add(campaign=campaign, kind="success", text="Goed bezocht", by=hr_user)
    hr_client.post(retro_url(campaign, f"items/{item.pk}/action/"))
    assert not Action.objects.exists()


def test_managers_and_the_works_council_read_the_retro_but_do_not_change_it(
    member_of, client_for, campaign, hr_user
):
    item = retro_item_add(campaign=campaign, kind="bottleneck", text="Te druk", by=hr_user)
    for role in (Role.MANAGER, Role.WORKS_COUNCIL):
        client = client_for(member_of(role))
        assert "Te druk" in client.get(retro_url(campaign)).content.decode()
        assert client.post(retro_url(campaign, "add/"), {"kind": "success", "text": "x"}).status_code == 403
        assert client.post(retro_url(campaign, f"items/{item.pk}/action/")).status_code == 403
    assert not Action.objects.exists()


def test_another_organisations_retro_item_is_404(hr_client, org, hr_user):
    from tests.factories import OrganisationFactory

    theirs = make_campaign(OrganisationFactory(slug="elders"))
    item = retro_item_add(campaign=theirs, kind="bottleneck", text="Van een ander", by=None)
    mine = make_campaign(org, name="Mijn campagne")
    assert hr_client.get(f"/o/{org.slug}/actions/retro/{theirs.pk}/").status_code == 404
    assert hr_client.post(f"/o/{org.slug}/actions/retro/{mine.pk}/items/{item.pk}/action/").status_code == 404
    assert not Action.objects.exists()


def test_the_health_check_counts_the_actions_once_the_retro_is_held(campaign, hr_user, make_action):
    import datetime as dt

    from campaigns.health import health_check
    from campaigns.selectors import campaign_facts

    assert campaign_facts(campaign=campaign).action_count is None
    retro_item_add(campaign=campaign, kind="learning", text="Korter is beter", by=hr_user)
    make_action(campaign=campaign)
    facts = campaign_facts(campaign=campaign)
    assert facts.action_count == 1
    after = dt.date(2026, 12, 1)
    from dataclasses import replace

    assert "few_actions" in {f.code for f in health_check(replace(facts, today=after))}
