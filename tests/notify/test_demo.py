"""The demo programme and the approved demo message reach e-mail and the local webhook once."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.interventions.messages import messages_dispatch, messages_sync
from campaigns.interventions.schedule import moments_plan
from campaigns.models import CommunicationItem, Programme
from werkstressweek.notify.models import Notification, State, TeamChannel
from werkstressweek.notify.services import notifications_send_due

pytestmark = pytest.mark.django_db


def test_the_demo_delivers_its_programme_and_message_exactly_once(webhook_server):
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())  # idempotent
    programme = Programme.objects.get(name="Herstelmomenten")
    assert TeamChannel.objects.filter(kind="slack", webhook_url__startswith=webhook_server.url[:-5]).exists()
    monday = dt.datetime.combine(programme.first_day, dt.time(7), tzinfo=ZoneInfo("Europe/Amsterdam"))

    for _ in range(2):  # beat twice
        moments_plan(now=monday, horizon_days=0)
        messages_dispatch(now=monday.replace(hour=10))
    Notification.objects.filter(state=State.PENDING).update(due_at=dt.datetime.now(dt.UTC))
    notifications_send_due(limit=1000)
    notifications_send_due(limit=1000)
    messages_sync()

    assert not Notification.objects.exclude(state=State.SENT).exists()
    emails = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert emails and max(emails.values()) == 1
    moments = programme.moments.count()
    slack = TeamChannel.objects.get(kind="slack")
    assert len(webhook_server.received) == moments  # the Slack team's four moments, once each
    assert Notification.objects.filter(destination=slack, kind="intervention").count() == moments
    message = CommunicationItem.objects.get(subject="Maandag start de Week van de Werkstress")
    assert message.status == CommunicationItem.Status.SENT
    assert message.approval.reached == TeamChannel.objects.filter(kind="email").count()
