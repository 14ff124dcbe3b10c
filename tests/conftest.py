"""Fixtures for the whole suite: an organisation, its teams and one member per role.

Tests that need a service mark themselves: `postgres`, `redis` or `e2e` (Chromium). Such a test
skips, with the reason, when the service is missing — unless REQUIRE_SERVICES=true (CI): then it
fails, so nothing is skipped silently there.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from werkstressweek.accounts.models import Role

from .factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "").strip().lower() in ("1", "true", "yes")
CHROMIUM = "/usr/bin/chromium"


@functools.cache
def postgres_missing() -> str | None:
    if django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs PostgreSQL: DATABASE_URL is not a postgres:// URL"
    return None


@functools.cache
def redis_missing() -> str | None:
    url = django_settings.REDIS_URL
    if not url:
        return "needs Redis: REDIS_URL is not set"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"needs Redis: {url} does not answer ({exc})"
    return None


@functools.cache
def chromium_missing() -> str | None:
    if not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (Debian package chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as exc:
        return f"needs Playwright and axe-playwright-python ({exc})"
    return None


SERVICE_CHECKS = {"postgres": postgres_missing, "redis": redis_missing, "e2e": chromium_missing}


def require(reason: str | None) -> None:
    """Skip the current test for `reason` (None: all is there), or fail under REQUIRE_SERVICES."""
    if reason is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=true: required here, not skipped)", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker, missing in SERVICE_CHECKS.items():
        if item.get_closest_marker(marker):
            require(missing())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests (committed rows for threads, a worker process or the live server) get a
    serialized rollback: each starts from the migrated database, seeded question bank and catalogues
    included, whichever transactional test ran before it. (pytest-django runs them last.)"""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction", False)) or bool(
            {"transactional_db", "live_server"} & set(item.fixturenames)
        )
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """With integration tests in the run, SQLite tests use a file, so that a worker process sees
    the test data; otherwise memory, which is faster."""
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    with_worker = any(item.get_closest_marker("integration") for item in request.session.items)
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3" and with_worker:
        path = Path(django_settings.BASE_DIR) / "var" / f"test-db-{os.getpid()}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        settings_dict["TEST"]["NAME"] = str(path)


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
