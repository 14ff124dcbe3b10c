from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from measurements.models import Answer, Pulse, Question, Response
from measurements.question_bank import seed
from tests.factories import TeamFactory
from werkstressweek.accounts.models import Organisation, Role
from werkstressweek.audit.models import AuditAction, AuditEntry
from werkstressweek.retention import gdpr, services
from werkstressweek.retention.services import months_before

NOW = timezone.make_aware(dt.datetime(2026, 11, 22, 4, 0))


@pytest.fixture
def question(db):
    seed(Question)
    return Question.objects.filter(organisation__isnull=True).order_by("pk").first()


@pytest.fixture
def closed_pulse(org, team, question):
    """A pulse that closed `months` before NOW (plus `days`), with 3 responses that have comments."""

    def make(months: int, days: int = 0, *, for_org=None, for_team=None) -> Pulse:
        closes_at = months_before(NOW, months) - dt.timedelta(days=days)
        pulse = Pulse.objects.create(
            organisation=for_org or org,
            title=f"Puls {months}m{days:+d}d",
            opens_at=closes_at - dt.timedelta(days=7),
            closes_at=closes_at,
        )
        for i in range(3):
            response = Response.objects.create(
                pulse=pulse, team=for_team or team, submitted_on=closes_at.date(), comment=f"opmerking {i}"
            )
            Answer.objects.create(
                response=response, pulse=pulse, team=response.team, question=question,
                dimension=question.dimension, score=3,
            )  # fmt: skip
        return pulse

    return make


def _state(pulse: Pulse) -> tuple[int, int, int]:
    responses = Response.objects.filter(pulse=pulse)
    return (
        responses.count(),
        responses.exclude(comment="").count(),
        Answer.objects.filter(pulse=pulse).count(),
    )


def test_months_before_handles_month_ends():
    assert months_before(timezone.make_aware(dt.datetime(2026, 3, 31)), 1).date() == dt.date(2026, 2, 28)
    assert months_before(timezone.make_aware(dt.datetime(2026, 1, 15)), 13).date() == dt.date(2024, 12, 15)


def test_retention_deletes_exactly_what_is_past_its_date_and_nothing_else(org, closed_pulse):
    # Defaults: comments 12 months, answers 36 months after the pulse closed.
    fresh = closed_pulse(11, days=20)  # everything stays
    comments_just_kept = closed_pulse(12, days=-1)  # one day short of 12 months: comments stay
    comments_due = closed_pulse(12, days=1)  # comments go, answers stay
    answers_just_kept = closed_pulse(36, days=-1)  # comments go, answers stay
    answers_due = closed_pulse(36, days=1)  # everything goes
    open_pulse = Pulse.objects.create(
        organisation=org,
        title="Open",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=5),
    )

    result = services.retention_apply(org=org, now=NOW)

    assert _state(fresh) == (3, 3, 3)
    assert _state(comments_just_kept) == (3, 3, 3)
    assert _state(comments_due) == (3, 0, 3)
    assert _state(answers_just_kept) == (3, 0, 3)
    assert _state(answers_due) == (0, 0, 0)
    assert Pulse.objects.filter(pk=answers_due.pk).exists()  # the pulse itself (no answers) stays
    assert Pulse.objects.filter(pk=open_pulse.pk).exists()
    assert (result.comments, result.responses, result.answers) == (6, 3, 3)


def test_retention_records_what_it_removed_and_a_second_run_removes_nothing(org, closed_pulse):
    closed_pulse(40)
    closed_pulse(13)

    services.retention_apply(org=org, now=NOW)
    second = services.retention_apply(org=org, now=NOW)

    entry = AuditEntry.objects.get(organisation=org, action=AuditAction.RETENTION_DELETED)
    assert entry.actor is None
    assert entry.details["responses"] == 3 and entry.details["comments"] == 3
    assert not second.anything
    assert AuditEntry.objects.filter(action=AuditAction.RETENTION_DELETED).count() == 1


def test_each_organisation_uses_its_own_periods(org, other_org, closed_pulse, hr_user):
    other_team = TeamFactory(organisation=other_org)
    services.retention_update(org=org, comments_months=1, answers_months=2, by=hr_user)
    mine = closed_pulse(3)
    theirs = closed_pulse(3, for_org=other_org, for_team=other_team)

    services.retention_apply_all(now=NOW)

    assert _state(mine) == (0, 0, 0)
    assert _state(theirs) == (3, 3, 3)


def test_changing_the_periods_is_audited_and_validated(org, hr_user):
    services.retention_update(org=org, comments_months=6, answers_months=24, by=hr_user)
    entry = AuditEntry.objects.get(action=AuditAction.SETTINGS_RETENTION)
    assert entry.details["comments_months"] == {"old": 12, "new": 6}
    with pytest.raises(ValidationError):
        services.retention_update(org=org, comments_months=0, answers_months=24, by=hr_user)


def test_the_settings_page_keeps_what_was_typed_next_to_an_error(org, hr_client):
    response = hr_client.post(
        f"/o/{org.slug}/settings/data/",
        {"comments_months": "0", "answers_months": "48", "report_language": "en"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "is-invalid" in page and 'value="48"' in page


def test_the_settings_page_saves_periods_and_report_language(org, hr_client):
    from werkstressweek.documents.services import report_language

    response = hr_client.post(
        f"/o/{org.slug}/settings/data/",
        {"comments_months": "6", "answers_months": "24", "report_language": "en"},
    )
    assert response.status_code == 302
    assert services.retention_policy(org=org).answers_months == 24
    assert report_language(org=org) == "en"


def test_only_hr_reaches_the_data_settings(org, member_of, client_for):
    for role in (Role.CORE_TEAM, Role.WORKS_COUNCIL, Role.AMBASSADOR):
        assert client_for(member_of(role)).get(f"/o/{org.slug}/settings/data/").status_code == 403


def test_hr_exports_all_data_of_the_organisation_as_a_zip(org, hr_client, closed_pulse):
    closed_pulse(2)
    response = hr_client.post(f"/o/{org.slug}/settings/data/export/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "data/measurements.Answer.json" in names
    assert "data/accounts.Team.json" in names
    assert len(json.loads(archive.read("data/measurements.Response.json"))) == 3
    assert any(m["role"] == "hr" for m in json.loads(archive.read("members.json")))
    assert AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED).exists()


def test_deleting_the_organisation_needs_its_short_name_and_removes_everything(
    org, other_org, hr_client, closed_pulse
):
    other_team = TeamFactory(organisation=other_org)
    closed_pulse(2)
    theirs = closed_pulse(2, for_org=other_org, for_team=other_team)

    refused = hr_client.post(f"/o/{org.slug}/settings/data/delete/", {"confirmation": "verkeerd"})
    assert refused.status_code == 422
    assert Organisation.objects.filter(pk=org.pk).exists()

    response = hr_client.post(f"/o/{org.slug}/settings/data/delete/", {"confirmation": org.slug})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=org.pk).exists()
    assert not Response.objects.filter(pulse__organisation_id=org.pk).exists()
    assert _state(theirs) == (3, 3, 3)


def test_delete_service_refuses_a_wrong_confirmation(org, hr_user):
    with pytest.raises(ValidationError):
        gdpr.organisation_delete(org=org, by=hr_user, confirmation="")
