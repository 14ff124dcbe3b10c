"""Audit rows for pulses, codes and result files: written by the services, in the change's transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurements import services
from measurements.exports import codes_export, results_export
from measurements.models import Distribution, PulseKind, Question
from measurements.question_bank import seed
from measurements.selectors import results_for_audience
from tests.factories import TeamFactory
from tests.measurements.helpers import answer_randomly
from werkstressweek.accounts.models import Role
from werkstressweek.audit.models import AuditAction, AuditEntry


@pytest.fixture
def questions(db):
    seed(Question)
    seen: dict[str, Question] = {}
    for question in Question.objects.filter(organisation__isnull=True).order_by("pk"):
        seen.setdefault(question.dimension, question)
    return list(seen.values())[:3]


@pytest.fixture
def second_team(org):
    return TeamFactory(organisation=org, name="Thuiszorg", headcount=12)


@pytest.fixture
def make_pulse(org, team, second_team, questions):
    def make(**overrides):
        now = timezone.now()
        args = {
            "org": org,
            "title": "Nulmeting",
            "kind": PulseKind.BASELINE,
            "questions": questions,
            "teams": [team, second_team],
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=6),
            "distribution": Distribution.TEAM_LINK,
        }
        args.update(overrides)
        return services.pulse_create(**args)

    return make


def entries(org, action):
    return list(AuditEntry.objects.filter(organisation=org, action=action).order_by("id"))


def test_creating_a_pulse_logs_who_created_it_for_which_teams(org, hr_user, make_pulse):
    pulse = make_pulse(by=hr_user)

    [entry] = entries(org, AuditAction.PULSE_CREATED)
    assert entry.actor == hr_user
    assert entry.subject == "Nulmeting"
    assert entry.details == {"pulse": pulse.pk, "teams": "Thuiszorg, Verpleging"}


def test_a_pulse_that_fails_validation_leaves_no_audit_row(org, hr_user, make_pulse):
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from the service
        make_pulse(by=hr_user, teams=[])
    assert entries(org, AuditAction.PULSE_CREATED) == []


def test_extending_an_open_pulse_logs_the_old_and_new_closing_time(org, hr_user, make_pulse):
    pulse = make_pulse()
    old = pulse.closes_at
    new = old + timedelta(days=3)
    services.pulse_update(
        pulse=pulse,
        title=pulse.title,
        opens_at=pulse.opens_at,
        closes_at=new,
        comments_shared=False,
        by=hr_user,
    )

    [entry] = entries(org, AuditAction.PULSE_EXTENDED)
    assert entry.actor == hr_user
    fmt = "%Y-%m-%d %H:%M"
    assert entry.details["closes"] == {
        "old": timezone.localtime(old).strftime(fmt),
        "new": timezone.localtime(new).strftime(fmt),
    }
    assert entry.details["pulse"] == pulse.pk


def test_saving_a_pulse_without_a_later_closing_time_logs_no_extension(org, hr_user, make_pulse):
    pulse = make_pulse()
    services.pulse_update(
        pulse=pulse,
        title="Andere titel",
        opens_at=pulse.opens_at,
        closes_at=pulse.closes_at,
        comments_shared=True,
        by=hr_user,
    )
    assert entries(org, AuditAction.PULSE_EXTENDED) == []


def test_close_now_logs_the_member_who_closed_and_the_sealing_adds_nothing(
    org, hr_user, hr_client, make_pulse
):
    pulse = make_pulse()
    response = hr_client.post(
        reverse("measurements:pulse_close", kwargs={"org_slug": org.slug, "pulse_id": pulse.pk})
    )
    assert response.status_code == 302
    pulse.refresh_from_db()
    services.pulse_close(pulse_id=pulse.pk, now=timezone.now() + timedelta(minutes=10), vacuum=False)

    [entry] = entries(org, AuditAction.PULSE_CLOSED)
    assert entry.actor == hr_user
    assert entry.details["pulse"] == pulse.pk
    assert "closes" in entry.details


def test_a_pulse_closing_at_its_planned_time_is_logged_as_closed_by_nobody(org, make_pulse):
    pulse = make_pulse()
    services.pulses_close_due(now=pulse.closes_at + timedelta(minutes=5))

    [entry] = entries(org, AuditAction.PULSE_CLOSED)
    assert entry.actor is None and entry.actor_name == ""
    assert entry.details == {"pulse": pulse.pk}
    services.pulses_close_due(now=pulse.closes_at + timedelta(minutes=10))
    assert len(entries(org, AuditAction.PULSE_CLOSED)) == 1


def test_downloading_codes_as_csv_and_print_sheet_is_logged(org, hr_user, hr_client, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=4)
    kwargs = {"org_slug": org.slug, "pulse_id": pulse.pk}
    assert hr_client.get(reverse("measurements:codes_csv", kwargs=kwargs)).status_code == 200
    assert hr_client.get(reverse("measurements:codes_print", kwargs=kwargs)).status_code == 200

    logged = entries(org, AuditAction.CODES_DOWNLOADED)
    assert [e.details["format"] for e in logged] == ["csv", "print"]
    assert all(e.actor == hr_user and e.details["codes"] == 8 for e in logged)


def test_codes_export_outside_a_request_still_writes_its_row_in_its_own_transaction(org, hr_user, make_pulse):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=2)
    codes = codes_export(pulse=pulse, by=hr_user, fmt="csv")
    assert len(codes) == 4
    assert len(entries(org, AuditAction.CODES_DOWNLOADED)) == 1


def test_exporting_results_as_csv_and_xlsx_is_logged(org, hr_user, member_of, client_for, make_pulse, team):
    pulse = make_pulse(teams=[team])
    answer_randomly(pulse, team, 8)
    services.pulse_close_now(pulse=pulse, by=hr_user)
    council_member = member_of(Role.WORKS_COUNCIL)
    council = client_for(council_member)
    kwargs = {"org_slug": org.slug, "pulse_id": pulse.pk}
    assert council.get(reverse("measurements:export_csv", kwargs=kwargs)).status_code == 200
    assert council.get(reverse("measurements:export_xlsx", kwargs=kwargs)).status_code == 200

    logged = entries(org, AuditAction.RESULTS_EXPORTED)
    assert [e.details["format"] for e in logged] == ["csv", "xlsx"]
    assert all(e.actor == council_member for e in logged)
    assert all(e.subject == "Nulmeting" for e in logged)


def test_results_export_service_returns_the_file_and_logs_it(org, hr_user, make_pulse, team):
    pulse = make_pulse(teams=[team])
    answer_randomly(pulse, team, 8)
    services.pulse_close_now(pulse=pulse, by=hr_user)
    results = results_for_audience(pulse, role=Role.HR, team_ids=[])
    content = results_export(results=results, role=Role.HR, by=hr_user, fmt="csv")
    assert content.startswith("\ufeff") and "Verpleging" in content
    assert entries(org, AuditAction.RESULTS_EXPORTED)[0].details == {
        "pulse": pulse.pk,
        "format": "csv",
        "comments": False,
    }
