"""Planned campaign messages go out through the teams' channels only once HR approved them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from campaigns.interventions.messages import messages_dispatch, messages_sync
from campaigns.models import CommunicationItem
from campaigns.services import communication_save
from tests.notify.conftest import webhook_server  # noqa: F401 (the local webhook fixture)
from werkstressweek.accounts.models import Role
from werkstressweek.notify.destinations import team_channel_save
from werkstressweek.notify.models import Notification, State
from werkstressweek.notify.services import notifications_send_due

from .factories import make_campaign

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
PLANNED = dt.date(2026, 11, 12)


@pytest.fixture
def item(org):
    campaign = make_campaign(org)
    return communication_save(
        campaign=campaign, phase="before", channel="email", planned_on=PLANNED, subject="De week komt eraan",
        text="Volgende week is de Week van de Werkstress.",
    )  # fmt: skip


@pytest.fixture
def email(org, team):
    return team_channel_save(org=org, team=team, kind="email", addresses="verpleging@zorg.nl")


def approve(client, org, item):
    return client.post(
        reverse("interventions:message_approve", kwargs={"org_slug": org.slug, "item_id": item.pk})
    )


def run_day(day: dt.date, hour: int = 10):
    """Beat on `day`: dispatch, the outbox sends what is due, the statuses follow."""
    now = dt.datetime.combine(day, dt.time(hour), tzinfo=AMS)
    messages_dispatch(now=now)
    Notification.objects.filter(state=State.PENDING, due_at__lte=now).update(due_at=dt.datetime.now(dt.UTC))
    notifications_send_due()
    messages_sync()


def test_an_approved_message_is_sent_on_its_planned_date_and_marked_sent(org, item, email, hr_client):
    approve(hr_client, org, item)

    run_day(PLANNED - dt.timedelta(days=1))
    assert mail.outbox == []  # not before its date

    run_day(PLANNED)
    run_day(PLANNED)  # beat again: nothing twice
    assert [(m.to, m.subject) for m in mail.outbox] == [(["verpleging@zorg.nl"], "De week komt eraan")]
    item.refresh_from_db()
    assert item.status == CommunicationItem.Status.SENT
    assert item.approval.reached == 1


def test_nothing_is_sent_without_approval(org, item, email):
    run_day(PLANNED)
    assert mail.outbox == []
    item.refresh_from_db()
    assert item.status == CommunicationItem.Status.PLANNED


def test_an_approved_message_edited_afterwards_needs_approval_again(org, item, email, hr_client):
    approve(hr_client, org, item)
    communication_save(campaign=item.campaign, item=item, subject="Nieuwe tekst")

    run_day(PLANNED)
    assert mail.outbox == []
    page = hr_client.get(reverse("interventions:messages", kwargs={"org_slug": org.slug})).content.decode()
    assert "text-bg-warning" in page  # changed since approval

    approve(hr_client, org, item)
    run_day(PLANNED)
    assert [m.subject for m in mail.outbox] == ["Nieuwe tekst"]


def test_a_failing_channel_marks_the_message_failed_with_the_reason(org, team, hr_client, webhook_server):  # noqa: F811
    webhook_server.answers = [404]
    team_channel_save(org=org, team=team, kind="slack", webhook_url=webhook_server.url)
    item = communication_save(campaign=make_campaign(org), phase="during", channel="slack", planned_on=PLANNED,
                              subject="Kick-off", text="Vandaag om 9 uur.")  # fmt: skip
    approve(hr_client, org, item)

    run_day(PLANNED)

    item.refresh_from_db()
    assert item.status == CommunicationItem.Status.FAILED
    assert "Verpleging" in item.approval.failure and "404" in item.approval.failure
    assert webhook_server.received[0]["text"] == "Kick-off"


def test_a_message_for_a_channel_nobody_configured_cannot_be_approved(org, item, hr_client):
    response = approve(hr_client, org, item)
    assert response.status_code == 302
    assert not hasattr(CommunicationItem.objects.get(pk=item.pk), "approval")


def test_only_hr_approves_and_other_organisations_are_not_found(
    org, other_org, item, email, member_of, client_for
):
    core = client_for(member_of(Role.CORE_TEAM))
    assert approve(core, org, item).status_code == 403
    assert core.get(reverse("interventions:messages", kwargs={"org_slug": org.slug})).status_code == 200
    from tests.factories import MembershipFactory, UserFactory

    stranger = client_for(MembershipFactory(organisation=other_org, role=Role.HR, user=UserFactory()).user)
    assert approve(stranger, other_org, item).status_code == 404
