"""No user input produces a 500: every URL of the project, fed junk by every kind of visitor.

Each URL pattern of the project is filled with real objects of the demo organisation (its campaign,
plan steps, goals, activities, messages, pulses with answers, one-time codes, public links) and
requested with junk query strings and junk POST bodies built from the field names the page itself
shows. Every URL gets a fresh demo organisation, so an endpoint that deletes something cannot spoil
the next one. All 500s of a URL are collected and reported together, with the exception.
"""

from __future__ import annotations

import io
import re
import traceback
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from actions.models import Action, RetroItem
from actions.services import signals_token
from campaigns import services as campaign_services
from campaigns.item_views import ITEM_MODELS
from campaigns.models import (
    Activity,
    ActivitySignup,
    CommunicationItem,
    CoreTeamMember,
    Goal,
    Intervention,
    PlanStep,
    Programme,
    ProgrammeAssignment,
    ProgrammeMoment,
)
from campaigns.signups import token_hash
from campaigns.wizard import STEP_KEYS
from measurements.models import Distribution, Pulse, PulseCode, PulseKind, PulseTeam
from measurements.services import pulse_create
from werkstressweek.accounts.demo import DEMO_USERS
from werkstressweek.accounts.models import Membership, Organisation, Role
from werkstressweek.accounts.services import invitation_create
from werkstressweek.documents.models import FeedbackPage, ReportExport
from werkstressweek.notify.models import Notification, TeamChannel

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Never posted to: logging out would end the session for the requests after it.
# /healthz answers 503 by design while no worker is up: that is its job, not a crash.
SKIPPED = ("admin/", "accounts/logout/", "healthz")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def all_routes() -> list[str]:
    return sorted({r for r in _walk(get_resolver().url_patterns) if not r.startswith(SKIPPED)})


ROUTES = all_routes()


def is_public(route: str) -> bool:
    return not route.startswith(("o/", "accounts/profile", "accounts/password/change"))


# --- the demo organisation, with one of everything ------------------------------------------------


@dataclass
class Demo:
    org: Organisation
    users: dict[str, object]
    values: dict[str, list[str]] = field(default_factory=dict)
    kind_items: list[tuple[str, int]] = field(default_factory=list)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo organisation, built once for the module inside a transaction that is rolled back at
    the end; each test runs in a savepoint within it (pytest-django's `db`), so one test's deletions
    never reach the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data = build_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield data
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_data, db) -> Demo:
    return demo_data


def build_demo() -> Demo:
    call_command("loaddemo", stdout=io.StringIO())
    org = Organisation.objects.get(slug="demo")
    users = {role: org.memberships.get(user__email=email).user for email, _n, role, _t in DEMO_USERS}
    campaign = org.campaigns.order_by("-year").first()
    campaign_services.campaign_publish_agenda(campaign=campaign)
    campaign.refresh_from_db()
    teams = list(org.teams.order_by("name"))
    closed_pulse = Pulse.objects.filter(organisation=org, kind=PulseKind.BASELINE).first()
    now = timezone.now()
    # The demo follows its measurement plan, so on some dates none of its pulses is open.
    open_pulse = Pulse.objects.filter(organisation=org, opens_at__lte=now, closes_at__gt=now).first()
    if open_pulse is None:
        open_pulse = pulse_create(
            org=org,
            title="Open",
            kind=PulseKind.DURING,
            questions=[pq.question for pq in closed_pulse.pulse_questions.select_related("question")][:3],
            teams=teams,
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=7),
        )
    code_pulse = pulse_create(
        org=org,
        title="Codes",
        kind=PulseKind.DURING,
        questions=[pq.question for pq in open_pulse.pulse_questions.select_related("question")],
        teams=teams[:2],
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        distribution=Distribution.CODES,
        codes_per_team=3,
        open_question="Anything else?",
    )
    _invitation, invitation_token = invitation_create(
        org=org, email="nieuw@demo.nl", role=Role.MANAGER, teams=teams[:1], invited_by=users[Role.HR]
    )
    hr = users[Role.HR]
    other_membership = Membership.objects.get(organisation=org, user=users[Role.AMBASSADOR])
    activity = Activity.objects.filter(campaign=campaign).first()
    signup_token = "robustness-signup-token"
    ActivitySignup.objects.create(activity=activity, status="confirmed", token_hash=token_hash(signup_token))
    action = Action.objects.filter(organisation=org).first()
    values = {
        "campaign_id": [campaign.pk],
        "step_id": [PlanStep.objects.filter(campaign=campaign).first().pk],
        "goals/<int:item_id>": [Goal.objects.filter(campaign=campaign).first().pk],
        "activities/<int:item_id>": [activity.pk],
        "messages/<int:item_id>": [CommunicationItem.objects.filter(campaign=campaign).first().pk],
        "core-team/<int:item_id>": [CoreTeamMember.objects.filter(campaign=campaign).first().pk],
        "activity_id": [activity.pk],
        "pulse_id": [open_pulse.pk, closed_pulse.pk, code_pulse.pk],
        "team_id": [teams[0].pk],
        "membership_id": [other_membership.pk, Membership.objects.get(organisation=org, user=hr).pk],
        "invitation_id": [_invitation.pk],
        "export_id": [ReportExport.objects.filter(organisation=org).first().pk],
        "report": ["campaign_plan", "measurement", "feedback", "nothing"],
        "intervention_id": [Intervention.objects.filter(organisation=None).first().pk],
        "programme_id": [Programme.objects.filter(organisation=org).first().pk],
        "moment_id": [ProgrammeMoment.objects.filter(programme__organisation=org).first().pk],
        "assignment_id": [ProgrammeAssignment.objects.filter(programme__organisation=org).first().pk],
        "feeds/<str:token>": [c.token for c in TeamChannel.objects.filter(organisation=org)],
        "channel_id": [c.pk for c in TeamChannel.objects.filter(organisation=org)],
        "notification_id": [Notification.objects.filter(destination__organisation=org).first().pk],
        "step": [*STEP_KEYS, "no-such-step"],
        "what": ["agenda", "communication", "nothing"],
        "fmt": ["csv", "xlsx", "pdf"],
        "agenda/<str:token>": [campaign.public_token],
        # Before "p/<str:token>", which is also the end of "signup/<str:token>".
        "signup/<str:token>": [signup_token, "x"],
        "p/<str:token>": [PulseTeam.objects.filter(pulse=open_pulse).first().token],
        "invitation/<str:token>": [invitation_token],
        "reset/<uidb64>/<token>": [default_token_generator.make_token(hr)],
        "uidb64": [urlsafe_base64_encode(force_bytes(hr.pk))],
        "code": [PulseCode.objects.filter(pulse=code_pulse).first().code],
        "privacy/<slug:slug>": [org.slug, "no-such-organisation"],
        "action_id": [action.pk],
        "checkin_id": [action.checkins.first().pk],
        "items/<int:item_id>": [RetroItem.objects.filter(campaign=campaign).first().pk],
        "identifier": ["agenda", "communication", "teams", "plan-of-action", "nothing"],
        "version": ["1", "99"],
        "precondition_kind": ["confidential_adviser", "rie_up_to_date", "no-such-kind"],
        "signals/<str:token>": [signals_token(org), "1-forged", "x"],
        "text_key": ["poster", "message_before_email", "no-such-text"],
        "feedback/<str:token>": [
            *FeedbackPage.objects.filter(organisation=org, token__isnull=False).values_list(
                "token", flat=True
            ),
            "x" * 43,
        ],
    }
    kind_items = [
        (kind, item.pk)
        for kind, (model, _step) in ITEM_MODELS.items()
        if (item := model.objects.filter(campaign=campaign).first()) is not None
    ]
    return Demo(
        org=org,
        users=users,
        values={k: [str(v) for v in vs] for k, vs in values.items()},
        kind_items=[*kind_items, ("nothing", 1)],
    )


def paths_for(route: str, demo: Demo) -> list[str]:
    """Every concrete path of a route: each kwarg filled with each of its real values."""
    if "<slug:kind>" in route:  # an item of each kind, with its own id
        return [
            "/"
            + route.replace("<slug:org_slug>", demo.org.slug)
            .replace("<int:campaign_id>", demo.values["campaign_id"][0])
            .replace("<slug:kind>", kind)
            .replace("<int:item_id>", str(pk))
            for kind, pk in demo.kind_items
        ]
    paths = ["/" + route]
    for match in PARAM.finditer(route):
        name = match.group("name")
        if name == "org_slug":
            options = [demo.org.slug]
        else:
            key = next(
                (k for k in demo.values if "<" in k and route_contains(route, k, match.group(0))),
                name,
            )
            options = demo.values[key]
        paths = [p.replace(match.group(0), option, 1) for p in paths for option in options]
    return paths


def route_contains(route: str, key: str, placeholder: str) -> bool:
    """A context key such as "goals/<int:item_id>" names the placeholder by what comes before it."""
    return key in route and placeholder in key


# --- field discovery and junk ---------------------------------------------------------------------


class FormFields(HTMLParser):
    """The names of the inputs, selects and textareas of a page, with the values it shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds: dict[str, str] = {}
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            self.kinds.setdefault(name, kind)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value") or "on")
            elif kind in ("submit", "button", "image"):
                self.values.setdefault(name, [a.get("value") or ""])
            elif kind != "file":
                self.values.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self.kinds.setdefault(name, "select")
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.setdefault(self._select, []).append(a.get("value") or "")
        elif tag == "textarea" and name:
            self.kinds.setdefault(name, "textarea")
            self._textarea = name
            self.values.setdefault(name, []).append("")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def discover(html: str) -> FormFields:
    parser = FormFields()
    parser.feed(html)
    for fields in (parser.kinds, parser.values):
        fields.pop("csrfmiddlewaretoken", None)
    return parser


DATEISH = re.compile(r"date|_at$|_on$|week_start|day")
ODD_TEXT = "\x00é\u202e<b>'\"; DROP TABLE x; -- \ufffd\U0001f600"


def payloads(form: FormFields) -> list[tuple[str, dict]]:
    """Junk bodies for a page's fields: (label, data)."""
    names = list(form.kinds)
    base = {n: v if len(v) > 1 else v[0] for n, v in form.values.items()}

    def every(value) -> dict:
        return {n: value for n in names if form.kinds[n] != "file"}

    dates = [n for n in names if form.kinds[n] in ("date", "datetime-local") or DATEISH.search(n)]
    choices = [n for n in names if form.kinds[n] in ("select", "radio", "checkbox", "hidden")]
    return [
        ("empty", {}),
        ("as shown", base),
        ("wrong types", every("abc")),
        ("10 000 characters", every("x" * 10_000)),
        ("invalid dates", {**base, **dict.fromkeys(dates or names, "2026-02-31")}),
        ("negative numbers", every("-1")),
        ("huge numbers", every("9" * 30)),
        ("unknown ids", {**base, **dict.fromkeys(choices or names, "999999999")}),
        ("odd text", every(ODD_TEXT)),
        ("lists", every(["1", "abc", ""])),
        ("not a number", every("NaN")),
    ]


JUNK_QUERIES = [
    "page=-1&page=abc&q=" + "x" * 3000 + "&team=abc&pulse=999999999&campaign=-5&sort=%FF%FE&next=//evil",
    "date=2026-02-31&from=abc&to=2026-13-01&week=99999999999999999999&team=1&team=abc&%00=%00",
]


def junk_files() -> list[tuple[str, SimpleUploadedFile]]:
    return [
        ("binary junk", SimpleUploadedFile("junk.csv", bytes(range(256)) * 40, "text/csv")),
        ("empty file", SimpleUploadedFile("empty.csv", b"", "text/csv")),
        (
            "broken CSV",
            SimpleUploadedFile(
                "agenda.csv",
                'title;date;starts_at;team;email\n"unclosed;2026-02-31;25:99;999;x\n;;;\n'.encode(
                    "cp1252", "replace"
                )
                + b"\xff\xfe\x00\x00" * 10,
                "text/csv",
            ),
        ),
        ("xlsx disguised", SimpleUploadedFile("teams.xlsx", b"PK\x03\x04junk", "application/zip")),
    ]


# --- requesting ------------------------------------------------------------------------------------


class Prober:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.count = 0

    def check(self, client: Client, who: str, method: str, path: str, label: str, **kwargs):
        self.count += 1
        call = client.get if method == "GET" else client.post
        response = call(path, **kwargs)
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            reason = ""
            if exc and exc[1] is not None:
                frame = traceback.extract_tb(exc[2])[-1]
                reason = f" — {exc[0].__name__}: {str(exc[1])[:200]} at {frame.filename}:{frame.lineno}"
            self.failures.append(f"{who} {method} {path[:120]} [{label}] → {response.status_code}{reason}")
        return response

    def sample(self, client: Client, who: str, path: str) -> None:
        """A quick look: the page, a junk query with htmx, and one junk POST."""
        self.check(client, who, "GET", path, "plain")
        self.check(client, who, "GET", f"{path}?{JUNK_QUERIES[0]}", "htmx junk query", HTTP_HX_REQUEST="true")
        self.check(client, who, "POST", path, "wrong types", data={"name": "abc", "id": "-1"})

    def probe(self, client: Client, who: str, path: str) -> None:
        """GET (plain, junk queries, htmx) and POST junk built from the page's own fields."""
        page = self.check(client, who, "GET", path, "plain")
        for query in JUNK_QUERIES:
            self.check(client, who, "GET", f"{path}?{query}", "junk query")
        self.check(client, who, "GET", f"{path}?{JUNK_QUERIES[0]}", "htmx", HTTP_HX_REQUEST="true")
        html = page.content.decode("utf-8", "replace") if "html" in page.get("Content-Type", "") else ""
        form = discover(html)
        bodies = payloads(form)
        for label, data in bodies:
            self.check(client, who, "POST", path, label, data=data)
        raw = "&".join(f"{n}=%FF%FE%C0" for n in list(form.kinds) or ["x"])
        self.check(
            client, who, "POST", path, "not UTF-8", data=raw, content_type="application/x-www-form-urlencoded"
        )
        self.check(client, who, "POST", path, "htmx wrong types", data=bodies[2][1], HTTP_HX_REQUEST="true")
        uploads = [n for n, kind in form.kinds.items() if kind == "file"]
        for label, upload in junk_files() if uploads else []:
            self.check(client, who, "POST", path, label, data={**bodies[1][1], uploads[0]: upload})


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


REQUESTS: dict[str, int] = {}
OTHER_ROLES = [Role.CORE_TEAM, Role.MANAGER, Role.AMBASSADOR, Role.WORKS_COUNCIL]


def roles_sampling(route: str) -> list[str]:
    """Two of the other roles per URL, in turn, so each role sees half of the URLs."""
    index = ROUTES.index(route)
    return [OTHER_ROLES[index % 4], OTHER_ROLES[(index + 1) % 4]]


@pytest.mark.parametrize("route", ROUTES)
def test_no_input_on_any_url_gives_a_server_error(route, demo):
    prober = Prober()
    paths = paths_for(route, demo)
    assert paths, route
    for index, path in enumerate(paths):
        if index == 0:  # the other roles on a sample; before HR, whose junk may delete things
            for role in roles_sampling(route):
                prober.sample(client_for(demo.users[role]), role, path)
        if is_public(route):
            prober.probe(client_for(), "anonymous", path)
        elif index == 0:
            prober.sample(client_for(), "anonymous", path)
        prober.probe(client_for(demo.users[Role.HR]), "hr", path)
    REQUESTS[route] = prober.count
    assert prober.failures == [], f"{len(prober.failures)} of {prober.count} requests failed:\n" + "\n".join(
        prober.failures
    )


# --- bad input is shown next to its field, with what the user typed ------------------------------


def _field_error(html: str, field: str) -> bool:
    """Crispy puts a field's error in an element with id error_<n>_id_<field>."""
    return re.search(rf'id="error_\d+_id_{field}"', html) is not None


def test_a_team_with_a_negative_headcount_is_shown_again_with_the_message_and_the_typed_name(demo):
    client = client_for(demo.users[Role.HR])
    response = client.post("/o/demo/teams/new/", {"name": "Nachtdienst Zuid", "headcount": "-3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _field_error(html, "headcount")
    assert 'value="Nachtdienst Zuid"' in html
    assert not demo.org.teams.filter(name="Nachtdienst Zuid").exists()


def test_a_campaign_with_an_impossible_date_is_shown_again_with_the_message_and_the_typed_name(demo):
    client = client_for(demo.users[Role.HR])
    response = client.post(
        "/o/demo/campaigns/new/", {"name": "Actieweek 2027", "year": "2027", "week_start": "2027-02-31"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _field_error(html, "week_start")
    assert 'value="Actieweek 2027"' in html
    assert 'value="2027-02-31"' in html


def test_an_activity_with_an_impossible_day_keeps_every_other_typed_value(demo):
    client = client_for(demo.users[Role.HR])
    campaign_id, activity_id = demo.values["campaign_id"][0], demo.values["activity_id"][0]
    path = f"/o/demo/campaigns/{campaign_id}/activities/{activity_id}/"
    form = discover(client.get(path).content.decode())
    data = {n: v if len(v) > 1 else v[0] for n, v in form.values.items()}
    data.update({"title": "Wandelen in de pauze", "day": "2026-02-31", "capacity": "-4"})
    response = client.post(path, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert _field_error(html, "day")
    assert 'value="Wandelen in de pauze"' in html
    assert Activity.objects.get(pk=activity_id).title != "Wandelen in de pauze"


def test_removing_a_member_keeps_them_in_the_campaign_by_name(demo):
    from campaigns.models import Ambassador

    campaign_id = int(demo.values["campaign_id"][0])
    member = Membership.objects.get(organisation=demo.org, user=demo.users[Role.AMBASSADOR])
    ambassador, _created = Ambassador.objects.get_or_create(  # the demo may have made them one already
        campaign_id=campaign_id, membership=member, defaults={"team": demo.org.teams.first()}
    )
    client = client_for(demo.users[Role.HR])
    response = client.post(f"/o/demo/people/{member.pk}/remove/")
    assert response.status_code == 302
    ambassador.refresh_from_db()
    assert ambassador.membership is None
    assert ambassador.name == str(demo.users[Role.AMBASSADOR])
    assert ambassador.email == demo.users[Role.AMBASSADOR].email


def test_an_agenda_upload_that_is_not_text_gets_a_message_next_to_the_file_field(demo):
    client = client_for(demo.users[Role.HR])
    upload = SimpleUploadedFile("agenda.csv", bytes(range(256)) * 4, "text/csv")
    response = client.post(
        f"/o/demo/campaigns/{demo.values['campaign_id'][0]}/import/agenda/", {"file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Dit is geen tekstbestand (CSV)" in html
