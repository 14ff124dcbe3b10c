"""An object of another organisation is never reachable under your own organisation's address.

The middleware already answers 404 for another organisation's slug (test_tenancy.py). This walks the
URL resolver for every pattern under /o/<org_slug>/ and requests it as a member of organisation A, with
A's own slug and the ids of B's objects — each id of the path B's, and every mix of A's and B's ids
(A's campaign with B's plan step, A's pulse with B's team) — by GET and by POST, and expects 404 every
time. Both organisations are full demo organisations (campaign, plan, goals, agenda, messages, pulses
with answers, invitations), so an id points at a real object and a lookup that forgets its
organisation filter answers something other than 404.

A new URL parameter must be added to OBJECTS below; until then the test fails and says so.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import import_string

from actions.models import Action, CheckIn, RetroItem
from campaigns.interventions.services import intervention_create
from campaigns.item_views import ITEM_MODELS
from campaigns.models import (
    Activity,
    Campaign,
    CommunicationItem,
    CoreTeamMember,
    Goal,
    Intervention,
    InterventionKind,
    PlanStep,
    Programme,
    ProgrammeAssignment,
    ProgrammeMoment,
)
from campaigns.wizard import STEP_KEYS
from measurements.models import Distribution, Pulse, PulseKind
from measurements.services import pulse_create
from werkstressweek.accounts.models import Invitation, Membership, Organisation, Role, Team
from werkstressweek.accounts.services import invitation_create, membership_set, organisation_create, team_save
from werkstressweek.accounts.tenancy import ORG_URL_KWARG
from werkstressweek.documents.models import ReportExport
from werkstressweek.management.commands.loaddemo import APP_LOADERS
from werkstressweek.notify.models import Notification, TeamChannel

from ..factories import UserFactory

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
ORG_SLUG = f"<slug:{ORG_URL_KWARG}>"


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


ORG_ROUTES = sorted({r for r in _walk(get_resolver().url_patterns) if ORG_SLUG in r})


# --- which object each URL parameter names --------------------------------------------------------
#
# Keyed by the parameter, or by "<what comes before it>/<int:name>" when one name means several
# kinds of object (item_id). Each entry gives the organisation's objects of that kind, best first.


def _campaign_objects(model) -> Callable[[Organisation], list[int]]:
    return lambda org: list(
        model.objects.filter(campaign__organisation=org).order_by("pk").values_list("pk", flat=True)[:1]
    )


OBJECTS: dict[str, Callable[[Organisation], list[int]]] = {
    "campaign_id": lambda org: [Campaign.objects.filter(organisation=org).order_by("-year").first().pk],
    "step_id": _campaign_objects(PlanStep),
    "goals/<int:item_id>": _campaign_objects(Goal),
    "activities/<int:item_id>": _campaign_objects(Activity),
    "messages/<int:item_id>": _campaign_objects(CommunicationItem),
    "core-team/<int:item_id>": _campaign_objects(CoreTeamMember),
    "activity_id": _campaign_objects(Activity),
    "pulse_id": lambda org: [  # a closed pulse with results, an open one, one with personal codes
        Pulse.objects.filter(organisation=org, closes_at__lt=_now()).order_by("closes_at").first().pk,
        Pulse.objects.filter(organisation=org, closes_at__gt=_now()).order_by("closes_at").first().pk,
        Pulse.objects.filter(organisation=org, distribution=Distribution.CODES).first().pk,
    ],
    "team_id": lambda org: [Team.objects.filter(organisation=org).order_by("name").first().pk],
    "membership_id": lambda org: [
        Membership.objects.filter(organisation=org).exclude(role=Role.HR).order_by("pk").first().pk
    ],
    "invitation_id": lambda org: [Invitation.objects.filter(organisation=org).order_by("pk").first().pk],
    "action_id": lambda org: [Action.objects.filter(organisation=org).order_by("pk").first().pk],
    "checkin_id": lambda org: [CheckIn.objects.filter(action__organisation=org).order_by("pk").first().pk],
    "items/<int:item_id>": _campaign_objects(RetroItem),
    "channel_id": lambda org: [TeamChannel.objects.filter(organisation=org).order_by("pk").first().pk],
    "notification_id": lambda org: [
        Notification.objects.filter(destination__organisation=org).order_by("pk").first().pk
    ],
    "intervention_id": lambda org: [Intervention.objects.filter(organisation=org).order_by("pk").first().pk],
    "programme_id": lambda org: [Programme.objects.filter(organisation=org).order_by("pk").first().pk],
    "moment_id": lambda org: [
        ProgrammeMoment.objects.filter(programme__organisation=org).order_by("pk").first().pk
    ],
    "assignment_id": lambda org: [
        ProgrammeAssignment.objects.filter(programme__organisation=org).order_by("pk").first().pk
    ],
    "export_id": lambda org: [ReportExport.objects.filter(organisation=org).order_by("pk").first().pk],
}
# Parameters that are not objects: one valid value each, so that only the ids decide the answer.
VALUES: dict[str, list[str]] = {
    ORG_URL_KWARG: [],  # filled with the member's own slug
    "step": [STEP_KEYS[0]],
    "what": ["agenda"],
    "fmt": ["csv"],
    "report": ["campaign_plan"],
    "identifier": ["agenda"],
    "version": ["1"],
    "precondition_kind": ["confidential_adviser"],
    "text_key": ["poster"],
}


def _now():
    from django.utils import timezone

    return timezone.now()


def object_key(route: str, placeholder: str) -> str | None:
    """The OBJECTS key for one placeholder of a route, or None when nothing is known for it."""
    before = route.split(placeholder)[0].rstrip("/").rsplit("/", 1)[-1]
    name = PARAM.match(placeholder).group("name")
    for key in (f"{before}/{placeholder}", name):
        if key in OBJECTS:
            return key
    return None


# --- two full organisations ----------------------------------------------------------------------


@dataclass
class World:
    own: Organisation
    other: Organisation
    members: dict[str, object]
    ids: dict[str, dict[str, list[int]]]  # org slug -> OBJECTS key -> ids
    kind_items: dict[str, dict[str, int]]  # org slug -> ITEM_MODELS kind -> id


def _build_rival() -> tuple[Organisation, dict[str, object]]:
    """A second organisation with a member per role and the same demo data as 'demo'."""
    org = organisation_create(name="Rivaal Zorg BV", slug="rivaal")
    teams = [
        team_save(org=org, name=f"Rivaal team {i}", headcount=12, work_pattern="office") for i in range(3)
    ]
    users = {}
    for role in Role.values:
        user = UserFactory(email=f"{role}@rivaal.nl")
        membership_set(user=user, org=org, role=role, teams=teams[:1] if role == Role.MANAGER else [])
        users[role] = user
    for path in APP_LOADERS:
        import_string(path)(org=org, users=users)
    return org, users


def _codes_pulse(org: Organisation) -> None:
    open_pulse = Pulse.objects.filter(organisation=org, closes_at__gt=_now()).first()
    pulse_create(
        org=org,
        title="Codes",
        kind=PulseKind.DURING,
        questions=[pq.question for pq in open_pulse.pulse_questions.select_related("question")],
        teams=list(org.teams.order_by("name")[:2]),
        opens_at=_now() - timedelta(hours=1),
        closes_at=_now() + timedelta(days=7),
        distribution=Distribution.CODES,
        codes_per_team=2,
    )


def _collect(org: Organisation) -> tuple[dict[str, list[int]], dict[str, int]]:
    ids = {key: find(org) for key, find in OBJECTS.items()}
    kinds = {
        kind: item.pk
        for kind, (model, _step) in ITEM_MODELS.items()
        if (item := model.objects.filter(campaign__organisation=org).order_by("pk").first()) is not None
    }
    return ids, kinds


@pytest.fixture(scope="module")
def world_data(django_db_setup, django_db_blocker):
    """Both organisations, built once in a transaction that is rolled back after the module; each
    test runs in a savepoint within it, so a request that deletes something spoils nothing."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("loaddemo", stdout=io.StringIO())
            other = Organisation.objects.get(slug="demo")
            hr = other.memberships.get(role=Role.HR).user
            invitation_create(org=other, email="nieuw@demo.nl", role=Role.CORE_TEAM, invited_by=hr)
            own, members = _build_rival()
            invitation_create(
                org=own, email="nieuw@rivaal.nl", role=Role.CORE_TEAM, invited_by=members[Role.HR]
            )
            ids, kinds = {}, {}
            for org in (own, other):
                _codes_pulse(org)
                intervention_create(
                    org=org, kind=InterventionKind.values[0], duration_seconds=60,
                    title_nl="Eigen moment", text_nl="Even stilstaan.",
                )  # fmt: skip
                ids[org.slug], kinds[org.slug] = _collect(org)
            data = World(own=own, other=other, members=members, ids=ids, kind_items=kinds)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield data
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(world_data, db) -> World:
    return world_data


# --- paths -----------------------------------------------------------------------------------------


def paths_with_foreign_ids(route: str, world: World) -> list[str]:
    """The route under the member's own slug, with every mix of own and foreign object ids in
    which at least one id is foreign."""
    own, other = world.own.slug, world.other.slug
    placeholders = [m.group(0) for m in PARAM.finditer(route) if m.group(0) != ORG_SLUG]
    if "<slug:kind>" in route:
        options = []
        for kind in ITEM_MODELS:
            choices = {slug: {"<slug:kind>": [kind], "<int:item_id>": [str(world.kind_items[slug][kind])]}
                       for slug in (own, other) if kind in world.kind_items[slug]}  # fmt: skip
            options.append(choices)
        return _combine(route, placeholders, options, world, kinds=True)
    return _combine(route, placeholders, [], world, kinds=False)


def _combine(
    route: str, placeholders: list[str], kind_options: list, world: World, *, kinds: bool
) -> list[str]:
    own, other = world.own.slug, world.other.slug
    per_org: dict[str, dict[str, list[str]]] = {own: {}, other: {}}
    object_placeholders = []
    for placeholder in placeholders:
        name = PARAM.match(placeholder).group("name")
        if kinds and placeholder in ("<slug:kind>", "<int:item_id>"):
            continue
        if name in VALUES:
            for slug in per_org:
                per_org[slug][placeholder] = VALUES[name]
            continue
        key = object_key(route, placeholder)
        assert key is not None, (
            f"{route}: no objects known for {placeholder}; add it to OBJECTS in {__name__} so this view "
            "is tested with another organisation's ids"
        )
        object_placeholders.append(placeholder)
        for slug in per_org:
            per_org[slug][placeholder] = [str(i) for i in world.ids[slug][key]]

    variants: list[dict[str, list[str]]] = []
    groups = object_placeholders + (["<kind>"] if kinds else [])
    for owners in itertools.product((own, other), repeat=len(groups)):
        if other not in owners:
            continue  # only own ids: not this test's business
        if kinds:
            kind_owner = owners[-1]
            for choice in kind_options:
                if kind_owner not in choice:
                    continue
                values = {p: per_org[o][p] for p, o in zip(object_placeholders, owners, strict=False)}
                values.update({p: v for p, v in per_org[own].items() if p not in values})
                values.update(choice[kind_owner])
                variants.append(values)
        else:
            values = {p: per_org[o][p] for p, o in zip(object_placeholders, owners, strict=True)}
            values.update({p: v for p, v in per_org[own].items() if p not in values})
            variants.append(values)

    paths = []
    for values in variants:
        partial = ["/" + route.replace(ORG_SLUG, own)]
        for placeholder, options in values.items():
            partial = [p.replace(placeholder, option, 1) for p in partial for option in options]
        paths.extend(partial)
    return paths


def own_path(route: str, world: World) -> str:
    """The route with the member's own ids (to tell 'method not allowed' from 'not found')."""
    own = world.own.slug
    path = "/" + route.replace(ORG_SLUG, own)
    if "<slug:kind>" in route:
        kind = next(iter(world.kind_items[own]))
        path = path.replace("<slug:kind>", kind).replace("<int:item_id>", str(world.kind_items[own][kind]))
    for match in PARAM.finditer(path):
        name = match.group("name")
        value = (
            VALUES[name][0] if name in VALUES else str(world.ids[own][object_key(route, match.group(0))][0])
        )
        path = path.replace(match.group(0), value, 1)
    return path


ID_ROUTES = [r for r in ORG_ROUTES if any(m.group(0) != ORG_SLUG for m in PARAM.finditer(r))]


def test_the_walk_finds_the_organisation_urls_with_object_ids():
    assert len(ID_ROUTES) > 20
    for expected in (
        "teams/<int:team_id>/",
        "<int:pulse_id>/results/",
        "<int:campaign_id>/plan/<int:step_id>/",
    ):
        assert any(expected in route for route in ID_ROUTES), expected


@pytest.mark.parametrize("role", [Role.HR, Role.MANAGER, Role.WORKS_COUNCIL])
@pytest.mark.parametrize("route", ID_ROUTES)
def test_another_organisations_object_under_your_own_address_is_not_found(world, route, role):
    client = Client()
    client.force_login(world.members[role], backend="django.contrib.auth.backends.ModelBackend")
    wrong = []
    for path in paths_with_foreign_ids(route, world):
        for method in ("GET", "POST"):
            response = client.get(path) if method == "GET" else client.post(path)
            if response.status_code == 404:
                continue
            if response.status_code in (403, 405):
                # Refused before any lookup (role or method): fine when it is refused for own ids too.
                own = client.get if method == "GET" else client.post
                if own(own_path(route, world)).status_code == response.status_code:
                    continue
            wrong.append(f"{method} {path} → {response.status_code}")
    assert not wrong, "reachable with another organisation's ids:\n" + "\n".join(wrong)
