"""Factories for campaigns; catalogues come from the data migration."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from campaigns.models import (
    Activity,
    ActivityKind,
    Ambassador,
    CommunicationItem,
    CoreTeamMember,
    Goal,
)
from campaigns.services import campaign_create
from tests.factories import OrganisationFactory, TeamFactory

WEEK_2026 = dt.date(2026, 11, 16)


def make_campaign(org=None, *, week_start=WEEK_2026, prep_weeks=8, name="Week van de Werkstress 2026"):
    return campaign_create(
        org=org or OrganisationFactory(),
        name=name,
        year=week_start.year,
        week_start=week_start,
        prep_weeks=prep_weeks,
    )


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    title = "Minder ervaren werkdruk"
    kpi_kind = Goal.KpiKind.PULSE_SCORE


class CoreTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreTeamMember

    name = factory.Faker("name", locale="nl_NL")
    role = "host"


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambassador

    name = factory.Faker("name", locale="nl_NL")
    team = factory.LazyAttribute(lambda o: TeamFactory(organisation=o.campaign.organisation))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = factory.LazyFunction(lambda: ActivityKind.objects.get(slug="kick-off"))
    title = "Kick-off"
    starts_at = factory.LazyAttribute(lambda o: local(o.campaign.week_start, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=45))
    format = "hybrid"
    audience = "all"


class CommunicationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationItem

    phase = "before"
    channel = "intranet"
    planned_on = factory.LazyAttribute(lambda o: o.campaign.week_start - dt.timedelta(days=14))
    subject = "Doe mee met de Week van de Werkstress"
