"""Tenant isolation: a member of one organisation never sees anything of another."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import ORG_URL_KWARG

from ..factories import MembershipFactory, TeamFactory, UserFactory

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def organisation_routes() -> list[str]:
    """Every URL pattern of the project that lives under /o/<org_slug>/."""
    routes = sorted({r for r in _walk(get_resolver().url_patterns) if f"<slug:{ORG_URL_KWARG}>" in r})
    assert len(routes) > 5, "the organisation URLs were not found"
    return routes


def fill(route: str, org_slug: str, object_id: int) -> str:
    """Turn a route into a path: the organisation's slug, and the id of one of its objects."""

    def value(match: re.Match) -> str:
        converter, name = match.group("converter"), match.group("name")
        if name == ORG_URL_KWARG:
            return org_slug
        if converter == "int":
            return str(object_id)
        if converter == "uuid":
            return "00000000-0000-0000-0000-000000000001"
        return "x"

    return "/" + PARAM.sub(value, route).replace("^", "").replace("$", "")


@pytest.mark.parametrize("role", Role.values)
def test_a_member_of_one_organisation_gets_404_on_every_url_of_another(org, other_org, client_for, role):
    intruder = MembershipFactory(organisation=org, role=role, user=UserFactory()).user
    # Give the other organisation objects so ids in the URLs point at something real.
    victim_team = TeamFactory(organisation=other_org)
    MembershipFactory(organisation=other_org, role=Role.HR)
    client = client_for(intruder)
    for route in organisation_routes():
        path = fill(route, other_org.slug, victim_team.pk)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 404, (
                f"{method.__name__.upper()} {path} gave {response.status_code}"
            )


def test_an_unknown_organisation_looks_the_same_as_a_foreign_one(hr_client, other_org):
    assert hr_client.get(f"/o/{other_org.slug}/").status_code == 404
    assert hr_client.get("/o/does-not-exist/").status_code == 404


def test_anonymous_visitors_are_sent_to_login_whether_or_not_the_organisation_exists(client, org):
    for slug in (org.slug, "does-not-exist"):
        response = client.get(f"/o/{slug}/teams/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_every_organisation_view_declares_its_roles():
    """Each view under /o/ goes through org_role_required, so no page forgets its permission."""
    resolver = get_resolver()
    missing = []
    for route in organisation_routes():
        match = resolver.resolve(fill(route, "org", 1))
        if not hasattr(match.func, "org_roles") and not hasattr(
            getattr(match.func, "view_class", None), "org_roles"
        ):
            missing.append(route)
    assert missing == []
