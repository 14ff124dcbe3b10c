"""A pulse's team links go out through the teams' channels as a campaign message: only after HR's
approval, each team only its own link, only while the pulse is open; and a sent message's reach
follows by itself."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.interventions.messages import messages_dispatch, messages_sync
from campaigns.models import CommunicationItem
from campaigns.services import communication_save
from measurements.models import Distribution, PulseKind, PulseTeam, Question
from measurements.question_bank import seed
from measurements.services import answer_url, pulse_create
from tests.notify.conftest import webhook_server  # noqa: F401 (the local webhook fixture)
from werkstressweek.notify.destinations import team_channel_save
from werkstressweek.notify.models import Notification, State

from ..factories import TeamFactory
from .factories import make_campaign

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def campaign(org):
    return make_campaign(org)


def make_pulse(org, campaign, teams, *, opens_in=dt.timedelta(days=-1), distribution=Distribution.TEAM_LINK):
    seed(Question)
    now = timezone.now()
    return pulse_create(
        org=org,
        title="Hoe gaat het?",
        kind=PulseKind.DURING,
        questions=list(Question.objects.filter(organisation__isnull=True).order_by("pk")[:3]),
        teams=teams,
        opens_at=now + opens_in,
        closes_at=now + opens_in + dt.timedelta(days=7),
        distribution=distribution,
        campaign=campaign,
    )


@pytest.fixture
def teams(org, team):
    """Two teams in the pulse and one outside it, each with an e-mail channel."""
    thuiszorg = TeamFactory(organisation=org, name="Thuiszorg", headcount=12)
    outside = TeamFactory(organisation=org, name="Keuken", headcount=5)
    for t, address in (
        (team, "verpleging@zorg.nl"),
        (thuiszorg, "thuiszorg@zorg.nl"),
        (outside, "keuken@zorg.nl"),
    ):
        team_channel_save(org=org, team=t, kind="email", addresses=address)
    return team, thuiszorg, outside


def plan(client, org, pulse, channel="email"):
    return client.post(
        reverse("interventions:message_pulse", kwargs={"org_slug": org.slug}),
        {"pulse": pulse.pk, "channel": channel, "planned_on": timezone.localdate().isoformat()},
    )


def approve(client, org, item):
    return client.post(
        reverse("interventions:message_approve", kwargs={"org_slug": org.slug, "item_id": item.pk})
    )


def run_beat():
    """Beat now: dispatch, the outbox sends what is due, the statuses follow."""
    messages_dispatch()
    Notification.objects.filter(state=State.PENDING).update(due_at=timezone.now())
    from werkstressweek.notify.services import notifications_send_due

    notifications_send_due()
    messages_sync()


def link(pulse, team) -> str:
    return answer_url(PulseTeam.objects.get(pulse=pulse, team=team).token)


def test_each_team_gets_only_its_own_pulse_link_and_only_after_approval(org, campaign, teams, hr_client):
    verpleging, thuiszorg, _outside = teams
    pulse = make_pulse(org, campaign, [verpleging, thuiszorg])
    assert plan(hr_client, org, pulse).status_code == 302
    item = CommunicationItem.objects.get(pulse=pulse)

    run_beat()
    assert mail.outbox == []  # planned, not approved: nothing leaves

    approve(hr_client, org, item)
    run_beat()
    run_beat()  # beat again: nothing twice
    sent = {m.to[0]: m.body for m in mail.outbox}
    assert set(sent) == {"verpleging@zorg.nl", "thuiszorg@zorg.nl"}  # the kitchen is not in the pulse
    assert link(pulse, verpleging) in sent["verpleging@zorg.nl"]
    assert link(pulse, thuiszorg) not in sent["verpleging@zorg.nl"]
    assert link(pulse, thuiszorg) in sent["thuiszorg@zorg.nl"]
    item.refresh_from_db()
    assert item.status == CommunicationItem.Status.SENT


def test_a_pulse_message_edited_after_approval_needs_approval_again(org, campaign, teams, hr_client):
    pulse = make_pulse(org, campaign, [teams[0]])
    plan(hr_client, org, pulse)
    item = CommunicationItem.objects.get(pulse=pulse)
    approve(hr_client, org, item)
    communication_save(campaign=campaign, item=item, text="Een andere tekst")

    run_beat()
    assert mail.outbox == []
    approve(hr_client, org, item)
    run_beat()
    assert [m.to for m in mail.outbox] == [["verpleging@zorg.nl"]]
    assert "Een andere tekst" in mail.outbox[0].body


def test_a_pulse_link_waits_for_the_opening_and_is_not_sent_after_the_close(org, campaign, teams, hr_client):
    pulse = make_pulse(org, campaign, [teams[0]], opens_in=dt.timedelta(days=2))
    plan(hr_client, org, pulse)
    item = CommunicationItem.objects.get(pulse=pulse)
    communication_save(campaign=campaign, item=item, planned_on=timezone.localdate())
    approve(hr_client, org, item)

    run_beat()
    assert mail.outbox == []  # the link does not work yet
    now = timezone.now()  # the pulse ran and closed before the next beat
    type(pulse).objects.filter(pk=pulse.pk).update(
        opens_at=now - dt.timedelta(days=2), closes_at=now - dt.timedelta(minutes=1)
    )
    run_beat()
    assert mail.outbox == []
    item.refresh_from_db()
    assert item.status == CommunicationItem.Status.FAILED
    assert "gesloten" in item.approval.failure  # written in the organisation's language (Dutch)


def test_a_pulse_with_personal_codes_cannot_be_sent_through_the_channels(org, campaign, teams, hr_client):
    pulse = make_pulse(org, campaign, [teams[0]], distribution=Distribution.CODES)
    response = plan(hr_client, org, pulse)
    assert response.status_code == 422
    assert not CommunicationItem.objects.filter(pulse=pulse).exists()


def test_the_intranet_feed_shows_a_team_only_its_own_pulse_link(org, campaign, teams, hr_client, client):
    verpleging, thuiszorg, outside = teams
    feeds = {t: team_channel_save(org=org, team=t, kind="intranet") for t in (verpleging, thuiszorg, outside)}
    pulse = make_pulse(org, campaign, [verpleging, thuiszorg])
    plan(hr_client, org, pulse, channel="intranet")
    item = CommunicationItem.objects.get(pulse=pulse)

    def urls(t):
        data = client.get(reverse("team_today_json", kwargs={"token": feeds[t].token})).json()
        return [m["url"] for m in data["messages"]]

    assert urls(verpleging) == []  # not approved yet
    approve(hr_client, org, item)
    assert urls(verpleging) == [link(pulse, verpleging)]
    assert urls(thuiszorg) == [link(pulse, thuiszorg)]
    assert urls(outside) == []
    banner = client.get(reverse("team_banner", kwargs={"token": feeds[verpleging].token})).content
    assert link(pulse, verpleging).encode() in banner and link(pulse, thuiszorg).encode() not in banner


def test_reach_grows_by_the_people_a_sent_message_reached(org, campaign, team, hr_client, webhook_server):  # noqa: F811
    """Two addresses on one e-mail list, a Slack channel reaching a team of 12; earlier reach (for
    example from shares) is kept and added to."""
    team_channel_save(org=org, team=team, kind="email", addresses="a@zorg.nl, b@zorg.nl")
    slack_team = TeamFactory(organisation=org, name="Thuiszorg", headcount=12)
    team_channel_save(org=org, team=slack_team, kind="slack", webhook_url=webhook_server.url)
    today = timezone.localdate()
    by_mail = communication_save(campaign=campaign, phase="during", channel="email", planned_on=today,
                                 subject="Kick-off", text="Vandaag.", views=3)  # fmt: skip
    by_slack = communication_save(campaign=campaign, phase="during", channel="slack", planned_on=today,
                                  subject="Kick-off", text="Vandaag.")  # fmt: skip
    approve(hr_client, org, by_mail)
    approve(hr_client, org, by_slack)
    run_beat()
    run_beat()  # counted once
    by_mail.refresh_from_db()
    by_slack.refresh_from_db()
    assert (by_mail.status, by_mail.views) == (CommunicationItem.Status.SENT, 3 + 2)
    assert (by_slack.status, by_slack.views) == (CommunicationItem.Status.SENT, 12)
    page = hr_client.get(reverse("interventions:messages", kwargs={"org_slug": org.slug})).content.decode()
    assert "reach 5 people" in page or "bereik 5 mensen" in page
