"""The toolkit is built once per version: rebuilt after the campaign changes, and not before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import CommunicationItem, ToolkitShare
from campaigns.toolkit import selectors, services
from campaigns.toolkit.branding import branding_update
from campaigns.toolkit.texts import toolkit_text_save
from werkstressweek.accounts.models import Membership, Role
from werkstressweek.documents.models import ReportExport


@pytest.fixture
def ask(demo, django_capture_on_commit_callbacks, monkeypatch):
    """Ask for the toolkit as HR. The files themselves are tested in test_build; here a stand-in
    ZIP keeps the many builds fast."""
    org, users, campaign = demo
    monkeypatch.setattr(
        "campaigns.toolkit.build.toolkit_zip", lambda content, progress=None: b"PK\x05\x06" + bytes(18)
    )

    def request(campaign=campaign, team=None):
        with django_capture_on_commit_callbacks(execute=True):
            export = services.toolkit_request(campaign=campaign, team=team, by=users[Role.HR], role=Role.HR)
        export.refresh_from_db()
        return export

    return request


def builds() -> int:
    return ReportExport.objects.filter(report="toolkit").count()


def test_asking_twice_without_changes_reuses_the_first_build(ask):
    first = ask()
    second = ask()
    assert first.pk == second.pk and first.status == "done" and builds() == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda org, campaign, users: campaign_services.campaign_update(
            campaign=campaign, name="Samen minder druk"
        ),
        lambda org, campaign, users: campaign.activities.filter(pk=campaign.activities.first().pk).update(
            title="Verplaatste kick-off"
        ),
        lambda org, campaign, users: toolkit_text_save(
            campaign=campaign, key="poster", language="nl", title="Adem in", body="Doe mee.", by=None
        ),
        lambda org, campaign, users: branding_update(org=org, primary_colour="#7A1F5C"),
        lambda org, campaign, users: campaign_services.campaign_revoke_agenda(campaign=campaign),
    ],
    ids=["name", "agenda", "text", "branding", "agenda-link"],
)
def test_a_change_to_the_campaign_or_its_parts_makes_a_new_build(ask, demo, change):
    org, users, campaign = demo
    first = ask()
    assert services.toolkit_is_current(export=first, campaign=campaign, team=None)
    change(org, campaign, users)
    campaign.refresh_from_db()
    assert not services.toolkit_is_current(export=first, campaign=campaign, team=None)
    second = ask(campaign=campaign)
    assert second.pk != first.pk and builds() == 2
    assert ask(campaign=campaign).pk == second.pk


def test_each_team_gets_its_own_build_with_its_own_pulse_link(ask, demo):
    org, users, campaign = demo
    teams = list(org.teams.order_by("name")[:2])
    a, b = ask(team=teams[0]), ask(team=teams[1])
    assert a.pk != b.pk and a.parameters["fingerprint"] != b.parameters["fingerprint"]


def test_the_ambassadors_toolkit_is_for_their_own_team(demo):
    org, users, campaign = demo
    membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    ambassador = campaign.ambassadors.get(membership=membership)
    assert services.toolkit_team(campaign=campaign, membership=membership) == ambassador.team
    hr = Membership.objects.get(organisation=org, user=users[Role.HR])
    assert services.toolkit_team(campaign=campaign, membership=hr) is None


def test_a_share_adds_its_reach_to_the_matching_message_of_the_plan(demo):
    org, users, campaign = demo
    membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    item = campaign.communications.filter(channel="teams", phase="before").order_by("planned_on").last()
    before = item.views
    day = min(item.planned_on, timezone.localdate())
    share = services.toolkit_share_record(
        campaign=campaign, membership=membership, channel="teams", shared_on=day, reach=25
    )
    item.refresh_from_db()
    assert share.communication == item and item.views == before + 25
    assert share.team == campaign.ambassadors.get(membership=membership).team


def test_a_share_without_a_matching_message_is_still_logged(demo):
    org, users, campaign = demo
    membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    total_before = sum(CommunicationItem.objects.filter(campaign=campaign).values_list("views", flat=True))
    share = services.toolkit_share_record(
        campaign=campaign, membership=membership, channel="meeting", shared_on=timezone.localdate(), reach=12
    )
    assert share.communication is None
    assert (
        sum(CommunicationItem.objects.filter(campaign=campaign).values_list("views", flat=True))
        == total_before
    )


def test_a_share_in_the_future_or_with_negative_reach_is_refused(demo):
    org, users, campaign = demo
    membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    with pytest.raises(ValidationError) as caught:
        services.toolkit_share_record(
            campaign=campaign,
            membership=membership,
            channel="teams",
            shared_on=timezone.localdate() + dt.timedelta(days=1),
            reach=-1,
        )
    assert set(caught.value.error_dict) == {"shared_on", "reach"}
    assert not ToolkitShare.objects.exists()


def test_activity_per_team_counts_downloads_shares_and_reach(ask, demo):
    org, users, campaign = demo
    membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    team = services.toolkit_team(campaign=campaign, membership=membership)
    export = ask(team=team)
    services.toolkit_download_record(export=export, campaign=campaign, membership=membership)
    services.toolkit_download_record(export=export, campaign=campaign, membership=membership)
    for reach in (10, 30):
        services.toolkit_share_record(
            campaign=campaign,
            membership=membership,
            channel="email",
            shared_on=timezone.localdate(),
            reach=reach,
        )
    rows = {row.name: row for row in selectors.toolkit_activity_by_team(campaign=campaign)}
    row = rows[team.name]
    assert (row.downloads, row.shares, row.reach) == (2, 2, 40)
    assert row.channels == ["E-mail"]
    assert row.ambassadors == campaign.ambassadors.filter(team=team).count()
    silent = [r for r in rows.values() if r.name != team.name]
    assert all(r.downloads == 0 and r.shares == 0 for r in silent)
