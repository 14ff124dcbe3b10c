"""Attacks by insiders on the results, tried as they would try them (issue 8, DESIGN.md §5).

Each test is an attack: diffing pages around one answer while a pulse is open, re-opening a closed
pulse to pad it, padding a small team past its headcount, lowering k under existing answers. They
run with k = 5, 7 and 10, because a rule that only holds for the default is no rule.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from measurements import selectors, services
from measurements.models import Pulse, PulseKind, PulseTeam
from measurements.permissions import EXPORT_ROLES, RESULT_ROLES, TEAM_ROLES, Scope, access_for
from measurements.selectors.results import hidden_teams
from measurements.views import comparison, pulse_participation, pulse_results, team_results
from werkstressweek.accounts.models import Role
from werkstressweek.accounts.services import organisation_update

from ..factories import TeamFactory
from .helpers import answer_randomly, close

ALL_ROLES = (Role.HR, Role.CORE_TEAM, Role.MANAGER, Role.WORKS_COUNCIL, Role.AMBASSADOR)
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'"X-CSRFToken": "[^"]*"'), '"X-CSRFToken": ""'),
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "chart-id"),  # pygal
]


def url(name, org, **kwargs):
    return reverse(f"measurements:{name}", kwargs={"org_slug": org.slug, **kwargs})


COMMENTS = re.compile(r'(?:<li class="list-group-item">.*?</li>)+')


def normalise(html: str) -> str:
    """Leave out what differs between any two requests: tokens, nonces, the random comment order."""
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return COMMENTS.sub(lambda m: "".join(sorted(re.findall(r"<li.*?</li>", m.group(0)))), html)


def xlsx_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def answer_through_the_link(pulse: Pulse, team, *, value: int, comment: str = "") -> None:
    """One employee answers through the team link, as anyone holding it can."""
    token = PulseTeam.objects.get(pulse=pulse, team=team).token
    data = {f"q{q.pk}": value for q in pulse.questions.all()}
    if comment:
        data["comment"] = comment
    response = Client().post(reverse("pulse_answer", kwargs={"token": token}), data)
    assert response.status_code == 302 and response["Location"] == reverse("pulse_done")


@pytest.fixture(params=[5, 7, 10], ids=lambda k: f"k{k}")
def k(request, org):
    organisation_update(org=org, name=org.name, min_group_size=request.param)
    return request.param


@pytest.fixture
def campaign(org):
    from campaigns.models import Campaign

    return Campaign.objects.create(organisation=org, name="Week", year=2026, week_start=timezone.localdate())


@pytest.fixture
def teams(org, team):
    return [team, TeamFactory(organisation=org, name="Thuiszorg", headcount=40)]


@pytest.fixture
def rounds(k, make_pulse, teams, campaign):
    """A closed baseline and an open follow-up of one campaign, both well above k in every team."""
    now = timezone.now()
    baseline = make_pulse(teams=teams, campaign=campaign, title="Nulmeting", open_question="Wat helpt?")
    for team in teams:
        answer_randomly(baseline, team, k + 3, seed=team.pk, comment="Meer rust")
    close(baseline)
    follow_up = make_pulse(
        teams=teams,
        campaign=campaign,
        kind=PulseKind.FOLLOW_UP,
        title="Nameting",
        open_question="Wat helpt?",
        opens_at=now - timedelta(minutes=5),
    )
    for team in teams:
        answer_randomly(follow_up, team, k + 2, seed=team.pk + 1, comment="Beter")
    return baseline, follow_up


def snapshot(client: Client, org, pulses: list[Pulse], teams) -> dict[str, object]:
    """Everything a member can load that could carry a figure: pages, team pages, charts (inline
    SVG), both exports, the comparison in every combination, the trend of the campaign."""
    shots: dict[str, object] = {}

    def get(key: str, path: str, params=None) -> None:
        response = client.get(path, params or {})
        if (
            response.get("Content-Type", "").startswith("application/vnd.openxml")
            and response.status_code == 200
        ):
            shots[key] = xlsx_cells(response.content)
        else:
            shots[key] = (
                response.status_code,
                response.get("Location"),
                normalise(response.content.decode()),
            )

    for pulse in pulses:
        get(f"results {pulse.pk}", url("pulse_results", org, pulse_id=pulse.pk))
        for team in teams:
            get(f"team {pulse.pk} {team.pk}", url("team_results", org, pulse_id=pulse.pk, team_id=team.pk))
    get("comparison", url("comparison", org))
    a, b = pulses
    get("comparison a-b", url("comparison", org), {"baseline": a.pk, "follow_up": b.pk})
    get("comparison b-a", url("comparison", org), {"baseline": b.pk, "follow_up": a.pk})
    get(
        "trend of campaign",
        url("comparison", org),
        {"baseline": a.pk, "follow_up": b.pk, "campaign": a.campaign_id},
    )
    for pulse in pulses:  # last: a refused download leaves a message for the next page
        get(f"csv {pulse.pk}", url("export_csv", org, pulse_id=pulse.pk))
        get(f"xlsx {pulse.pk}", url("export_xlsx", org, pulse_id=pulse.pk))
    return shots


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_page_export_chart_comparison_or_trend_changes_with_one_answer_while_open(
    role, member_of, client_for, org, rounds, teams
):
    baseline, follow_up = rounds
    user = member_of(role)
    before = snapshot(client_for(user), org, [baseline, follow_up], teams)
    answer_through_the_link(follow_up, teams[0], value=1, comment="Mijn leidinggevende luistert niet")
    after = snapshot(client_for(user), org, [baseline, follow_up], teams)
    assert before.keys() == after.keys()
    for key in before:
        assert before[key] == after[key], f"{key} changed after one answer ({role})"
    # And the attack has something to find once the pulse closes: the page then does show figures.
    close(follow_up)
    html = client_for(user).get(url("pulse_results", org, pulse_id=follow_up.pk)).content.decode()
    assert "cell-green" in html or "cell-amber" in html or "cell-red" in html


@pytest.mark.parametrize("role", ALL_ROLES)
def test_while_open_only_participation_changes_and_nothing_else_is_on_that_block(
    role, member_of, client_for, org, rounds, teams, k
):
    _baseline, follow_up = rounds
    client = client_for(member_of(role))
    path = url("pulse_participation", org, pulse_id=follow_up.pk)
    before = normalise(client.get(path).content.decode())
    answer_through_the_link(follow_up, teams[0], value=5, comment="Geheim")
    after = normalise(client.get(path).content.decode())
    assert "Geheim" not in after and "cell-" not in after and "<svg" not in after
    total = 2 * (k + 2)
    assert f">{total}<" in before and f">{total + 1}<" in after  # the organisation total, for everyone
    # Only counts and percentages changed: with every number masked, the two blocks are equal.
    assert re.sub(r"\d+", "#", before) == re.sub(r"\d+", "#", after)
    assert not re.search(r"\d[,.]\d", after)  # and none of them is a mean


def test_the_results_page_of_an_open_pulse_says_when_results_appear(hr_client, org, rounds):
    _baseline, follow_up = rounds
    hr_client.cookies["django_language"] = "en"
    html = hr_client.get(url("pulse_results", org, pulse_id=follow_up.pk)).content.decode()
    assert "Results appear when the pulse closes on" in html
    assert "so that no single answer can be read from a change" in html
    assert "cell-" not in html.split("<main")[1]


def test_comparison_and_trend_offer_closed_pulses_only(hr_client, org, rounds):
    baseline, follow_up = rounds
    response = hr_client.get(url("comparison", org))
    options = [str(p.pk) for p in response.context["form"].fields["baseline"].queryset]
    assert options == [str(baseline.pk)]
    assert all(point.pulse.state() == "closed" for point in response.context.get("trend", []))
    response = hr_client.get(url("comparison", org), {"baseline": baseline.pk, "follow_up": follow_up.pk})
    assert response.context["comparison"] is None and response.context["form"].errors
    _dims, points = selectors.pulse_trend([baseline, follow_up])
    assert [p.pulse for p in points] == [baseline]


def test_results_selectors_refuse_an_open_pulse(rounds):
    _baseline, follow_up = rounds
    for role in ALL_ROLES:
        assert selectors.results_for_audience(follow_up, role=role, team_ids=[]) is None
    assert selectors.comparison_for_audience(*rounds, role=Role.HR, team_ids=[]) is None


# --- A closed pulse stays closed ------------------------------------------------------------------


@pytest.fixture
def closed_pulse(make_pulse, team):
    pulse = make_pulse(teams=[team])
    answer_randomly(pulse, team, 8)
    close(pulse)
    return pulse


def test_a_closed_pulse_cannot_be_reopened_through_the_service(closed_pulse):
    later = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError):
        services.pulse_update(
            pulse=closed_pulse,
            title=closed_pulse.title,
            opens_at=closed_pulse.opens_at,
            closes_at=later,
            comments_shared=False,
        )
    with pytest.raises(ValidationError):
        services.pulse_update(
            pulse=closed_pulse,
            title=closed_pulse.title,
            opens_at=timezone.now() + timedelta(days=1),
            closes_at=later,
            comments_shared=False,
        )
    closed_pulse.refresh_from_db()
    assert closed_pulse.state() == "closed"


def test_a_closed_pulse_cannot_be_reopened_through_the_form(hr_client, org, closed_pulse, team):
    closes = closed_pulse.closes_at
    later = timezone.localtime() + timedelta(days=3)
    response = hr_client.post(
        url("pulse_edit", org, pulse_id=closed_pulse.pk),
        {
            "title": "Nieuwe titel",
            "opens_at": (later - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": later.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    closed_pulse.refresh_from_db()
    assert closed_pulse.closes_at == closes and closed_pulse.state() == "closed"
    assert response.status_code == 302, response.context["form"].errors
    assert closed_pulse.title == "Nieuwe titel"  # what may change, changes
    # And nobody can answer it afterwards.
    token = PulseTeam.objects.get(pulse=closed_pulse, team=team).token
    data = {f"q{q.pk}": 3 for q in closed_pulse.questions.all()}
    Client().post(reverse("pulse_answer", kwargs={"token": token}), data)
    assert closed_pulse.responses.count() == 8


def test_the_edit_form_shows_the_dates_of_a_closed_pulse_as_fixed(hr_client, org, closed_pulse):
    form = hr_client.get(url("pulse_edit", org, pulse_id=closed_pulse.pk)).context["form"]
    assert form.fields["opens_at"].disabled and form.fields["closes_at"].disabled


def test_an_open_pulse_may_close_later_but_not_before_now_nor_past_a_year(pulse):
    opens, now = pulse.opens_at, timezone.now()
    update = {"pulse": pulse, "title": pulse.title, "opens_at": opens, "comments_shared": False}
    services.pulse_update(**update, closes_at=now + timedelta(days=30))
    assert Pulse.objects.get(pk=pulse.pk).closes_at == now + timedelta(days=30)
    for closes_at in (now - timedelta(minutes=1), opens + timedelta(days=366)):
        with pytest.raises(ValidationError) as error:
            services.pulse_update(**update, closes_at=closes_at)
        assert "closes_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.pulse_update(
            **{**update, "opens_at": now + timedelta(days=1)}, closes_at=now + timedelta(days=9)
        )
    assert "opens_at" in error.value.message_dict
    assert Pulse.objects.get(pk=pulse.pk).opens_at == opens


def test_a_new_pulse_closes_at_most_a_year_after_opening(make_pulse):
    now = timezone.now()
    with pytest.raises(ValidationError):
        make_pulse(opens_at=now, closes_at=now + timedelta(days=366))


def test_the_edit_form_explains_the_horizon_and_refuses_a_date_too_far(hr_client, org, pulse):
    hr_client.cookies["django_language"] = "en"
    now = timezone.localtime()
    response = hr_client.post(
        url("pulse_edit", org, pulse_id=pulse.pk),
        {"title": pulse.title, "closes_at": (now + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "At most one year after opening" in html and "at most one year after it opens" in html


# --- Padding past the headcount -------------------------------------------------------------------


@pytest.fixture
def padded(k, make_pulse, org, team, campaign):
    """A small team (headcount 4) whose link someone used to add answers until it passed k."""
    small = TeamFactory(organisation=org, name="Klein", headcount=4)
    big = TeamFactory(organisation=org, name="Groot", headcount=40)
    pulse = make_pulse(teams=[team, small, big], campaign=campaign, open_question="Wat helpt?")
    answer_randomly(pulse, team, k + 1, seed=1, low=4, high=5, comment="Goed")
    answer_randomly(pulse, big, k + 4, seed=2, low=4, high=5, comment="Prima")
    answer_randomly(pulse, small, 3, seed=3, low=1, high=1, comment="Echt")  # the real answers
    for _ in range(k):  # the padder's known answers
        answer_through_the_link(pulse, small, value=5, comment="Nep")
    close(pulse)
    return pulse, small


def test_padding_past_the_headcount_hides_the_team_and_leaves_it_out_of_every_total(padded, team, k):
    pulse, small = padded
    results = selectors.pulse_results(pulse)
    group = results.for_team(small.pk)
    assert group.hidden and group.padded and all(c.mean is None for c in group.cells.values())
    assert results.padded_teams == ["Klein"]
    assert results.total.respondents == (k + 1) + (k + 4)
    counts = selectors.answer_counts([pulse.pk])
    for dim, cell in results.total.cells.items():  # exactly the answers of the two honest teams
        honest = [
            sum(col)
            for col in zip(
                *(c for (_p, t, d), c in counts.items() if d == dim and t != small.pk), strict=True
            )
        ]
        assert list(cell.distribution) == honest
    assert sorted(set(selectors.pulse_comments(results))) == ["Goed", "Prima"]
    _dims, points = selectors.pulse_trend([pulse])
    assert points[0].respondents == results.total.respondents
    assert all(points[0].means[d] == pytest.approx(results.total.cells[d].mean) for d in results.dimensions)
    assert selectors.pulses_with_participation(pulse.organisation)[0][1] == results.total.respondents


def test_padding_in_a_follow_up_leaves_the_team_out_of_the_comparison_total_of_that_round(
    padded, make_pulse, team, campaign, k
):
    pulse, small = padded
    groot = pulse.teams.get(name="Groot")
    after = make_pulse(teams=[team, small, groot], campaign=campaign, kind=PulseKind.FOLLOW_UP)
    for t, n in ((team, k + 1), (small, 3), (groot, k + 4)):
        answer_randomly(after, t, n, seed=t.pk)
    close(after)
    result = selectors.pulse_comparison(pulse, after)
    rows = {g.name: g for g in result.teams}
    assert rows["Klein"].hidden
    assert result.total.before.respondents == (k + 1) + (k + 4)  # the padded round without Klein
    assert result.total.after.respondents == (k + 1) + 3 + (k + 4)  # Klein counted where it is honest
    # Each round's total is the one on its own results page: no difference between pages.
    assert selectors.pulse_results(pulse).total.respondents == result.total.before.respondents
    assert selectors.pulse_results(after).total.respondents == result.total.after.respondents
    # Klein is hidden on the follow-up page too, and the hidden groups there hold at least k.
    assert selectors.pulse_results(after).for_team(small.pk).hidden


@pytest.mark.parametrize("role", [Role.HR, Role.WORKS_COUNCIL])
def test_hr_and_the_council_are_told_why_a_team_is_missing(role, member_of, client_for, org, padded):
    pulse, _small = padded
    client = client_for(member_of(role))
    client.cookies["django_language"] = "en"
    html = client.get(url("pulse_results", org, pulse_id=pulse.pk)).content.decode()
    assert "more answers than employees" in html.lower()
    assert 'data-testid="padded-teams"' in html
    csv = client.get(url("export_csv", org, pulse_id=pulse.pk)).content.decode("utf-8-sig")
    klein = [line for line in csv.splitlines() if line.startswith("Klein")]
    assert klein and all("more answers than employees" in line for line in klein)
    assert all(",5," not in line and ",1," not in line for line in klein)
    client.cookies["django_language"] = "nl"
    html = client.get(url("pulse_results", org, pulse_id=pulse.pk)).content.decode()
    assert "Meer antwoorden dan medewerkers" in html and "meer antwoorden dan medewerkers" in html


# --- k recorded on the pulse ----------------------------------------------------------------------


def test_lowering_k_after_answers_leaves_old_results_unchanged(org, make_pulse, team):
    organisation_update(org=org, name=org.name, min_group_size=10)
    small = TeamFactory(organisation=org, name="Klein", headcount=8)
    old = make_pulse(teams=[team, small])
    answer_randomly(old, team, 20)
    answer_randomly(old, small, 6)
    close(old)
    before = selectors.pulse_results(old)
    assert before.k == 10 and before.for_team(small.pk).hidden
    organisation_update(org=org, name=org.name, min_group_size=5)
    old = Pulse.objects.get(pk=old.pk)
    after = selectors.pulse_results(old)
    assert after.k == 10 and after.for_team(small.pk).hidden
    assert [g.hidden for g in after.teams] == [g.hidden for g in before.teams]
    assert make_pulse(teams=[team]).min_group_size == 5  # new pulses take the new k


def test_a_pulse_that_has_not_opened_follows_the_organisation_k_and_an_open_one_keeps_its_own(
    org, make_pulse, team
):
    now = timezone.now()
    planned = make_pulse(teams=[team], opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    running = make_pulse(teams=[team])
    organisation_update(org=org, name=org.name, min_group_size=9)
    assert Pulse.objects.get(pk=planned.pk).min_group_size == 9
    assert Pulse.objects.get(pk=running.pk).min_group_size == 7


def test_the_hidden_mark_shows_the_pulse_k_not_the_organisation_k(hr_client, org, make_pulse, team):
    organisation_update(org=org, name=org.name, min_group_size=10)
    small = TeamFactory(organisation=org, name="Klein", headcount=8)
    pulse = make_pulse(teams=[team, small])
    answer_randomly(pulse, team, 20)
    answer_randomly(pulse, small, 6)
    close(pulse)
    organisation_update(org=org, name=org.name, min_group_size=5)
    csv = hr_client.get(url("export_csv", org, pulse_id=pulse.pk)).content.decode("utf-8-sig")
    assert "< 10" in csv and "< 5" not in csv
    html = hr_client.get(url("pulse_results", org, pulse_id=pulse.pk)).content.decode()
    assert "10" in re.search(r'class="cell-hidden[^>]*>.*?</td>', html, re.S).group(0)


@pytest.mark.parametrize("k_value", [5, 10])
def test_a_team_of_exactly_k_is_shown_and_one_less_is_hidden_with_its_next_smallest_sibling(
    k_value, org, make_pulse, team
):
    organisation_update(org=org, name=org.name, min_group_size=k_value)
    at_k = TeamFactory(organisation=org, name="Precies", headcount=30)
    below = TeamFactory(organisation=org, name="Eentje minder", headcount=30)
    middle = TeamFactory(organisation=org, name="Midden", headcount=40)
    shown = make_pulse(teams=[at_k, team])
    answer_randomly(shown, at_k, k_value)
    answer_randomly(shown, team, 3 * k_value)
    hidden = make_pulse(teams=[below, middle, team])
    answer_randomly(hidden, below, k_value - 1)
    answer_randomly(hidden, middle, k_value + 1)
    answer_randomly(hidden, team, 3 * k_value)
    close(shown, hidden)
    assert not selectors.pulse_results(shown).for_team(at_k.pk).hidden
    results = selectors.pulse_results(hidden)
    assert results.k == k_value
    assert {g.name for g in results.teams if g.hidden} == {"Eentje minder", "Midden"}
    assert sum(g.respondents for g in results.teams if g.hidden) >= k_value


# --- One permission table -------------------------------------------------------------------------


def test_the_results_views_take_their_roles_from_the_permission_table():
    assert set(pulse_results.org_roles) == set(RESULT_ROLES)
    assert set(comparison.org_roles) == set(RESULT_ROLES)
    assert set(pulse_participation.org_roles) == set(RESULT_ROLES)
    assert set(team_results.org_roles) == set(TEAM_ROLES)
    from measurements.exports import results_csv, results_xlsx

    assert set(results_csv.org_roles) == set(results_xlsx.org_roles) == set(EXPORT_ROLES)
    assert set(EXPORT_ROLES) == {Role.HR, Role.WORKS_COUNCIL}
    assert access_for(Role.CORE_TEAM).comments == Scope.NONE and not access_for(Role.CORE_TEAM).exports


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_comments_only_as_the_table_says(role, member_of, client_for, org, padded, team):
    pulse, _small = padded
    client = client_for(member_of(role))
    html = client.get(url("pulse_results", org, pulse_id=pulse.pk)).content.decode()
    assert ("Prima" in html) == (access_for(role).comments == Scope.ALL)
    assert "Nep" not in html and "Echt" not in html
    team_page = client.get(url("team_results", org, pulse_id=pulse.pk, team_id=team.pk))
    if access_for(role).teams == Scope.NONE:
        assert team_page.status_code == 403
    else:
        assert ("Goed" in team_page.content.decode()) == (access_for(role).comments != Scope.NONE)


def test_the_privacy_page_of_an_organisation_renders_the_table_with_its_k(client, org):
    organisation_update(org=org, name=org.name, min_group_size=9)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("org_privacy", kwargs={"slug": org.slug})).content.decode()
    assert org.name in html and "at least 9 people" in html
    table = html.split('data-testid="access-table"')[1].split("</table>")[0]
    for role in ALL_ROLES:
        assert str(Role(role).label) in table
    assert "whoever holds unused codes or a team link could add answers" in html.lower()
    assert "works council or the confidential adviser" in html
    assert "deleted when the pulse closes" in html
    assert "Open comments are deleted 12 months" in html and "Answers are deleted 36 months" in html
    assert "The core team" in html
    assert client.get(reverse("org_privacy", kwargs={"slug": "no-such-org"})).status_code == 404


def test_the_privacy_page_states_the_organisations_retention_periods(client, org, hr_user):
    from werkstressweek.retention.services import retention_update

    retention_update(org=org, comments_months=6, answers_months=24, by=hr_user)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("org_privacy", kwargs={"slug": org.slug})).content.decode()
    assert "Open comments are deleted 6 months" in html and "Answers are deleted 24 months" in html


def test_every_answer_page_links_to_the_privacy_page_of_its_organisation(client, org, pulse, team):
    token = PulseTeam.objects.get(pulse=pulse, team=team).token
    html = client.get(reverse("pulse_answer", kwargs={"token": token})).content.decode()
    assert reverse("org_privacy", kwargs={"slug": org.slug}) in html


def test_the_settings_say_who_could_add_answers(hr_client, org):
    hr_client.cookies["django_language"] = "en"
    html = hr_client.get(reverse("accounts:org_settings", kwargs={"org_slug": org.slug})).content.decode()
    assert "Whoever holds unused codes or a team link could add answers" in html
    assert "works council or the confidential adviser" in html


def test_results_and_exports_are_never_cached(hr_client, org, closed_pulse):
    for name in ("pulse_results", "export_csv", "export_xlsx", "pulse_participation"):
        response = hr_client.get(url(name, org, pulse_id=closed_pulse.pk))
        assert "no-store" in response["Cache-Control"], name
    assert "no-store" in hr_client.get(url("comparison", org))["Cache-Control"]


# --- Two views of one round together --------------------------------------------------------------

ROUND = st.dictionaries(st.sampled_from("ABCDEF"), st.integers(min_value=0, max_value=14), max_size=6)


@settings(max_examples=300, deadline=None)
@given(a=ROUND, f=ROUND, k_a=st.sampled_from([5, 7, 10]), k_f=st.sampled_from([5, 7, 10]))
def test_a_results_page_and_the_comparison_together_never_reveal_a_group_below_k(a, f, k_a, k_f):
    """The attacker lays the baseline's own page next to the comparison page (same total) and
    subtracts every team visible on either: what remains must be nothing or at least k."""
    teams = set(a) | set(f)
    a = {t: a.get(t, 0) for t in teams}
    f = {t: f.get(t, 0) for t in teams}
    headcounts = dict.fromkeys(teams, 12)  # counts above 12 are padding
    page, padded_a = hidden_teams([a], headcounts, k_a)
    own_a, _ = hidden_teams([a], headcounts, k_a)
    own_f, _ = hidden_teams([f], headcounts, k_f)
    compared, _ = hidden_teams([a, f], headcounts, max(k_a, k_f), seed=own_a | own_f)
    counted = {t: n for t, n in a.items() if t not in padded_a[0]}
    if sum(counted.values()) < k_a:
        return  # the total itself is hidden
    visible_somewhere = (set(counted) - page) | (set(counted) - compared)
    rest = sum(n for t, n in counted.items() if t not in visible_somewhere)
    assert rest == 0 or rest >= k_a
    assert all(counted[t] >= k_a for t in visible_somewhere)
    assert (padded_a[0] | {t for t, n in f.items() if n > 12}) <= compared  # padding hidden in both rounds


def test_the_admin_shows_an_opened_pulse_read_only(closed_pulse, admin_client):
    path = reverse("admin:measurements_pulse_change", args=[closed_pulse.pk])
    response = admin_client.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and closed_pulse.title in html
    assert 'name="closes_at' not in html and 'name="opens_at' not in html
    assert admin_client.post(path, {"closes_at_0": "2099-01-01", "closes_at_1": "12:00"}).status_code == 403


def test_a_manager_gets_the_same_answer_for_another_team_whether_the_pulse_is_open_or_closed(
    member_of, client_for, org, rounds, teams
):
    _baseline, follow_up = rounds
    client = client_for(member_of(Role.MANAGER))
    other = url("team_results", org, pulse_id=follow_up.pk, team_id=teams[1].pk)
    own = url("team_results", org, pulse_id=follow_up.pk, team_id=teams[0].pk)
    assert client.get(other).status_code == 404 and client.get(own).status_code == 200
    close(follow_up)
    assert client.get(other).status_code == 404 and client.get(own).status_code == 200


def test_hr_is_told_which_teams_cannot_be_checked_for_padding(hr_client, org, make_pulse, team):
    unknown = TeamFactory(organisation=org, name="Onbekend", headcount=0)
    pulse = make_pulse(teams=[team, unknown])
    answer_randomly(pulse, team, 10)
    answer_randomly(pulse, unknown, 40)
    close(pulse)
    hr_client.cookies["django_language"] = "en"
    html = hr_client.get(url("pulse_results", org, pulse_id=pulse.pk)).content.decode()
    note = html.split('data-testid="unchecked-teams"')[1].split("</p>")[0]
    assert "Onbekend" in note and team.name not in note
