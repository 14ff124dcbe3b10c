"""Pulse pages inside the organisation: HR plans and shares, each role sees what it may."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from measurements import services
from measurements.models import Distribution, Pulse, PulseKind
from werkstressweek.accounts.models import Role

from ..factories import TeamFactory
from .helpers import answer_randomly, close


def url(name, org, **kwargs):
    return reverse(f"measurements:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def teams(org, team):
    return [
        team,
        TeamFactory(organisation=org, name="Klein", headcount=4),
        TeamFactory(organisation=org, name="Midden", headcount=10),
    ]


@pytest.fixture
def answered_open(make_pulse, teams):
    pulse = make_pulse(teams=teams, title="Nulmeting 2026", open_question="Wat helpt?")
    answer_randomly(pulse, teams[0], 12, comment='=HYPERLINK("x")')
    answer_randomly(pulse, teams[1], 3)
    answer_randomly(pulse, teams[2], 8)
    return pulse


@pytest.fixture
def answered(answered_open):
    close(answered_open)
    return answered_open


def test_hr_creates_a_pulse_with_team_links(hr_client, org, team, questions):
    now = timezone.localtime()
    data = {
        "title": "Nameting",
        "kind": PulseKind.FOLLOW_UP,
        "questions": [q.pk for q in questions],
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "teams": [team.pk],
        "distribution": Distribution.TEAM_LINK,
    }
    response = hr_client.post(url("pulse_create", org), data)
    pulse = Pulse.objects.get(title="Nameting")
    assert response["Location"] == url("pulse_detail", org, pulse_id=pulse.pk)
    detail = hr_client.get(response["Location"]).content.decode()
    assert pulse.pulse_teams.get().token in detail


def test_the_pulse_form_shows_errors_next_to_the_fields_and_keeps_the_input(hr_client, org, team, bank):
    response = hr_client.post(
        url("pulse_create", org), {"title": "Te kort", "questions": [bank[0].pk], "teams": [team.pk]}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Te kort" in html and "invalid-feedback" in html
    assert not Pulse.objects.exists()


def test_hr_creates_codes_per_team_headcount_and_downloads_them(hr_client, org, team, questions):
    now = timezone.localtime()
    hr_client.post(
        url("pulse_create", org),
        {
            "title": "Codes",
            "kind": PulseKind.BASELINE,
            "questions": [q.pk for q in questions],
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "teams": [team.pk],
            "distribution": Distribution.CODES,
        },
    )
    pulse = Pulse.objects.get(title="Codes")
    assert pulse.codes.count() == team.headcount
    csv = hr_client.get(url("codes_csv", org, pulse_id=pulse.pk)).content.decode("utf-8-sig")
    assert csv.count("/p/c/") == team.headcount
    sheet = hr_client.get(url("codes_print", org, pulse_id=pulse.pk)).content.decode()
    assert sheet.count("<svg") >= team.headcount and "<script>" not in sheet


def test_hr_adds_email_invitations(hr_client, org, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.EMAIL)
    hr_client.post(
        url("pulse_invitations", org, pulse_id=pulse.pk), {"team": team.pk, "emails": "a@x.nl\nb@x.nl"}
    )
    assert pulse.codes.exclude(email="").count() == 2


def test_participation_rises_and_hides_small_teams(hr_client, org, answered_open, teams):
    html = hr_client.get(url("pulse_participation", org, pulse_id=answered_open.pk)).content.decode()
    assert 'hx-trigger="every 10s"' in html
    assert ">23<" in html  # the organisation total
    assert ">12<" in html
    assert ">3<" not in html and ">8<" not in html  # small team and its next-smallest sibling


def test_the_heat_map_labels_every_colour_and_hides_small_groups(
    hr_client, org, answered, teams, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = hr_client.get(url("pulse_results", org, pulse_id=answered.pk))
    html = response.content.decode()
    assert "cell-hidden" in html
    assert any(word in html for word in ("good", "goed", "attention", "aandacht", "concern", "zorg"))
    assert html.count("cell-hidden") == 2 * 3  # two hidden teams × three dimensions
    assert "<script" not in html.split("<main")[1]
    assert "=HYPERLINK" in html  # comments shown (escaped) for the whole organisation


@pytest.mark.parametrize(
    ("role", "sees_total", "sees_teams"),
    [
        (Role.HR, True, True),
        (Role.WORKS_COUNCIL, True, True),
        (Role.CORE_TEAM, True, True),
        (Role.AMBASSADOR, True, False),
        (Role.MANAGER, True, True),
    ],
)
def test_each_role_sees_its_part_of_the_results(
    member_of, client_for, org, answered, teams, role, sees_total, sees_teams
):
    client = client_for(member_of(role))
    html = client.get(url("pulse_results", org, pulse_id=answered.pk)).content.decode()
    assert ("Whole organisation" in html or "Hele organisatie" in html) == sees_total
    assert (teams[0].name in html) == sees_teams
    if role == Role.MANAGER:
        assert "Midden" not in html


def test_a_manager_sees_the_own_team_page_but_not_another_team(member_of, client_for, org, answered, teams):
    client = client_for(member_of(Role.MANAGER))
    own = client.get(url("team_results", org, pulse_id=answered.pk, team_id=teams[0].pk))
    assert own.status_code == 200 and "<svg" in own.content.decode()
    other = client.get(url("team_results", org, pulse_id=answered.pk, team_id=teams[2].pk))
    assert other.status_code == 404


def test_ambassadors_cannot_open_team_pages(member_of, client_for, org, answered, teams):
    client = client_for(member_of(Role.AMBASSADOR))
    assert client.get(url("team_results", org, pulse_id=answered.pk, team_id=teams[0].pk)).status_code == 403


def test_only_hr_plans_pulses(member_of, client_for, org, answered):
    for role in (Role.MANAGER, Role.WORKS_COUNCIL, Role.AMBASSADOR, Role.CORE_TEAM):
        client = client_for(member_of(role))
        assert client.get(url("pulse_create", org)).status_code == 403
        assert client.get(url("pulse_detail", org, pulse_id=answered.pk)).status_code == 403


def test_the_pulse_list_runs_a_bounded_number_of_queries(
    hr_client, org, make_pulse, teams, django_assert_max_num_queries
):
    for i in range(6):
        make_pulse(title=f"Puls {i}", teams=teams)
    with django_assert_max_num_queries(10):
        html = hr_client.get(url("pulses", org)).content.decode()
    assert "Puls 5" in html


def test_the_comparison_page_says_when_there_is_no_clear_change(hr_client, org, make_pulse, teams):
    before = make_pulse(teams=teams[:1], title="Voor")
    after = make_pulse(teams=teams[:1], title="Na", kind=PulseKind.FOLLOW_UP)
    answer_randomly(before, teams[0], 10, seed=1)
    answer_randomly(after, teams[0], 10, seed=2)
    close(before, after)
    hr_client.cookies["django_language"] = "en"
    html = hr_client.get(
        url("comparison", org), {"baseline": before.pk, "follow_up": after.pk}
    ).content.decode()
    assert "no clear change" in html
    assert "<svg" in html and "<script" not in html.split("<main")[1]


def test_the_comparison_refuses_the_same_pulse_twice(hr_client, org, answered):
    response = hr_client.get(url("comparison", org), {"baseline": answered.pk, "follow_up": answered.pk})
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert response.context["form"].non_field_errors()


def test_the_csv_export_has_aggregates_only_with_hidden_cells_marked(hr_client, org, answered):
    content = hr_client.get(url("export_csv", org, pulse_id=answered.pk)).content.decode("utf-8-sig")
    lines = content.splitlines()
    assert len(lines) == 1 + 4 * 3  # header + (organisation + three teams) × three dimensions
    klein = [line for line in lines if line.startswith("Klein")]
    assert all("< 7" in line for line in klein)
    assert all(line.count(";;") >= 3 for line in klein)  # Dutch CSV: ";" between cells
    assert "HYPERLINK" not in content  # comments are not shared unless HR turns them on


def test_comments_in_exports_are_neutralised_against_formulas(hr_client, org, answered):
    answered.comments_shared = True
    answered.save()
    content = hr_client.get(url("export_csv", org, pulse_id=answered.pk)).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    book = openpyxl.load_workbook(
        io.BytesIO(hr_client.get(url("export_xlsx", org, pulse_id=answered.pk)).content)
    )
    assert len(book.sheetnames) == 2
    comments = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert comments and all(str(c).startswith("'=") for c in comments)
    klein = [row for row in book.worksheets[0].iter_rows(values_only=True) if row[0] == "Klein"]
    assert all(row[2] == "< 7" and row[4] in (None, "") for row in klein)


def test_managers_and_ambassadors_cannot_export(member_of, client_for, org, answered):
    for role in (Role.MANAGER, Role.AMBASSADOR):
        assert (
            client_for(member_of(role)).get(url("export_csv", org, pulse_id=answered.pk)).status_code == 403
        )


def test_hr_adds_an_own_question(hr_client, org):
    hr_client.post(
        url("question_create", org),
        {"dimension": "focus", "text_nl": "Ik kan rustig werken.", "low_nl": "Nooit", "high_nl": "Altijd"},
    )
    question = services.available_questions(org=org).get(text_nl="Ik kan rustig werken.")
    assert question.organisation == org


def test_the_comparison_page_runs_a_bounded_number_of_queries(
    hr_client, org, make_pulse, teams, django_assert_max_num_queries
):
    for i in range(6):
        pulse = make_pulse(title=f"Puls {i}", teams=teams, kind=PulseKind.RECURRING, recurrence="weekly")
        for team in teams:
            answer_randomly(pulse, team, 8, seed=i)
        close(pulse)
    with django_assert_max_num_queries(16):
        html = hr_client.get(url("comparison", org)).content.decode()
    assert "Puls 5" in html and "<svg" in html
