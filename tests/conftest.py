"""Fixtures for the whole suite: an organisation, its teams and one member per role."""

from __future__ import annotations

import pytest
from django.test import Client

from werkstressweek.accounts.models import Role

from .factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    from werkstressweek.celery import app

    app.conf.task_always_eager = True


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Zorggroep Test", slug="zorggroep")


@pytest.fixture
def team(org):
    return TeamFactory(organisation=org, name="Verpleging", headcount=30)


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Andere BV", slug="andere")


def _member(org, role, teams=None):
    return MembershipFactory(
        organisation=org, role=role, user=UserFactory(email=f"{role}@{org.slug}.nl"), teams=teams
    ).user


@pytest.fixture
def hr_user(org):
    return _member(org, Role.HR)


@pytest.fixture
def member_of(org, team):
    """Create a member of `org` with a role; managers lead `team`."""

    def make(role: str):
        return _member(org, role, [team] if role == Role.MANAGER else None)

    return make


@pytest.fixture
def client_for():
    """A test client logged in as the given user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def hr_client(hr_user, client_for):
    return client_for(hr_user)
