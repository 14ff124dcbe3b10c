"""Fixtures for the plan of action: a campaign-less action builder and members per role."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.services import action_create
from tests.factories import MembershipFactory, TeamFactory, UserFactory
from werkstressweek.accounts.models import Role


@pytest.fixture
def other_team(org):
    return TeamFactory(organisation=org, name="Thuiszorg", headcount=12)


@pytest.fixture
def manager(member_of):
    """A manager who leads `team`."""
    return member_of(Role.MANAGER)


@pytest.fixture
def manager_membership(manager, org):
    return manager.memberships.get(organisation=org)


@pytest.fixture
def core_member(org):
    return MembershipFactory(
        organisation=org, role=Role.CORE_TEAM, user=UserFactory(email="kern@zorggroep.nl")
    )


@pytest.fixture
def make_action(org, hr_user):
    def make(**overrides):
        hr = hr_user.memberships.get(organisation=org)
        fields = {
            "title": "Werkdruk bespreken in elk overleg",
            "level": "organisation",
            "owner_membership": hr,
            "start_date": dt.date(2026, 9, 1),
            "deadline": dt.date(2027, 3, 1),
        }
        fields.update(overrides)
        return action_create(org=org, by=hr_user, **fields)

    return make
