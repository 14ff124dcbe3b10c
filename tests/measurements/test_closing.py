"""Closing a pulse, tried as a database administrator would: after the close nothing orders or
links the answers (not xmin, ctid, rowid, keys or a column), codes and invitations are gone, and
closing again or answering afterwards changes nothing. Beat goes on past a failing pulse."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measurements import services, tasks
from measurements.models import (
    Answer,
    Distribution,
    Pulse,
    PulseCode,
    PulseKind,
    Recurrence,
    Response,
)
from measurements.services import closing
from werkstressweek.notify.models import Notification

from ..factories import OrganisationFactory, TeamFactory

ANSWERS = 200  # |rho| of a random order exceeds 0.3 with n=200 about once in 30 000 runs


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (no ties in our data), in plain Python."""

    def ranks(values):
        order = sorted(range(len(values)), key=values.__getitem__)
        result = [0] * len(values)
        for rank, index in enumerate(order):
            result[index] = rank
        return result

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mean = (n - 1) / 2
    cov = sum((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True))
    var = sum((a - mean) ** 2 for a in rx)
    return cov / var


def test_spearman_is_one_for_the_same_order_and_minus_one_for_the_reverse():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1)


def answer_in_order(pulse, team, count=ANSWERS, *, codes=None):
    """Answer `count` times; the comment records the answering order (001, 002, ...)."""
    questions = list(pulse.questions.all())
    for i in range(count):
        answers = {q.pk: 1 + (i + q.pk) % 5 for q in questions}
        code = codes[i] if codes else None
        services.pulse_submit(pulse=pulse, team=team, answers=answers, comment=f"{i:03d}", code=code)


def order_by(pulse, expression: str, table: str = "measurements_response") -> list[int]:
    """Answering positions of the pulse's responses, in the order of a storage `expression`."""
    if table == "measurements_response":
        sql = f"SELECT comment FROM measurements_response WHERE pulse_id = %s ORDER BY {expression}"
    else:
        sql = (
            f"SELECT r.comment FROM measurements_answer a JOIN measurements_response r ON r.id = a.response_id "
            f"WHERE a.pulse_id = %s ORDER BY a.{expression}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pulse.pk])
        return [int(row[0]) for row in cursor.fetchall()]


def rho_of(positions: list[int]) -> float:
    return spearman(list(range(len(positions))), positions)


def seal(pulse) -> bool:
    services.pulse_close_now(pulse=pulse)
    pulse.refresh_from_db()
    return services.pulse_close(pulse_id=pulse.pk, now=pulse.closes_at + services.CLOSE_GRACE)


def snapshot(pulse):
    responses = Counter(Response.objects.filter(pulse=pulse).values_list("team_id", "comment"))
    answers = Counter(
        Answer.objects.filter(pulse=pulse).values_list("team_id", "question_id", "dimension", "score")
    )
    per_response = Counter(
        tuple(sorted(Answer.objects.filter(response=r).values_list("question_id", "score"))) + (r.comment,)
        for r in Response.objects.filter(pulse=pulse)
    )
    return responses, answers, per_response


@pytest.fixture
def code_pulse(make_pulse, team):
    return make_pulse(distribution=Distribution.CODES, codes_per_team=ANSWERS + 5, open_question="Wat helpt?")


def test_closing_deletes_codes_and_keeps_every_answer_with_its_comment_under_new_keys(code_pulse, team):
    answer_in_order(code_pulse, team, 40, codes=list(code_pulse.codes.all()))
    before = snapshot(code_pulse)
    old_ids = set(Response.objects.values_list("pk", flat=True)) | set(
        Answer.objects.values_list("pk", flat=True)
    )
    assert seal(code_pulse)
    assert not PulseCode.objects.filter(pulse=code_pulse).exists()
    assert snapshot(code_pulse) == before
    new_ids = set(Response.objects.values_list("pk", flat=True)) | set(
        Answer.objects.values_list("pk", flat=True)
    )
    assert not old_ids & new_ids
    assert set(Response.objects.values_list("submitted_on", flat=True)) == {
        timezone.localdate(code_pulse.closes_at)
    }
    code_pulse.refresh_from_db()
    assert code_pulse.closed_at is not None
    assert code_pulse.codes_issued() == ANSWERS + 5


def test_closing_twice_changes_nothing_the_second_time(code_pulse, team):
    answer_in_order(code_pulse, team, 10, codes=list(code_pulse.codes.all()))
    assert seal(code_pulse)
    ids = sorted(Response.objects.values_list("pk", flat=True))
    code_pulse.refresh_from_db()
    assert not services.pulse_close(pulse_id=code_pulse.pk, now=code_pulse.closes_at + timedelta(days=1))
    assert services.pulses_close_due(now=code_pulse.closes_at + timedelta(days=1)) == 0
    assert sorted(Response.objects.values_list("pk", flat=True)) == ids


def test_a_pulse_is_sealed_only_after_the_grace_for_answers_in_flight(pulse, team):
    answer_in_order(pulse, team, 3)
    services.pulse_close_now(pulse=pulse)  # the Celery task runs eagerly here: too early, so it waits
    pulse.refresh_from_db()
    assert pulse.closed_at is None
    assert services.pulses_close_due(now=pulse.closes_at + services.CLOSE_GRACE / 2) == 0
    assert services.pulses_close_due(now=pulse.closes_at + services.CLOSE_GRACE) == 1


def test_closing_deletes_invitation_addresses_and_reminder_rows(make_pulse, team):
    opens = timezone.now() - timedelta(days=2, minutes=1)
    pulse = make_pulse(distribution=Distribution.EMAIL, opens_at=opens, closes_at=opens + timedelta(days=7))
    services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl", "b@x.nl"])
    services.pulse_invitations_send()
    assert services.pulse_reminders_plan() == 2
    assert seal(pulse)
    assert not PulseCode.objects.filter(pulse=pulse).exists()
    assert not Notification.objects.filter(recipient__in=["a@x.nl", "b@x.nl"]).exists()
    assert services.pulse_invitations_send() == 0 and services.pulse_reminders_plan() == 0


def test_a_closed_pulse_accepts_no_answer_through_any_link_or_code(client, code_pulse, make_pulse, team):
    link_pulse = make_pulse(title="Teamlink")
    code = code_pulse.codes.first().code
    token = link_pulse.pulse_teams.get(team=team).token
    for pulse in (code_pulse, link_pulse):
        assert seal(pulse)
    data = {f"q{q.pk}": "4" for q in code_pulse.questions.all()}
    assert client.post(reverse("pulse_code", args=[code]), data).status_code == 404
    client.cookies["django_language"] = "en"
    page = client.post(
        reverse("pulse_answer", args=[token]), {f"q{q.pk}": "4" for q in link_pulse.questions.all()}
    )
    assert "has closed" in page.content.decode()
    # Even with its closing date moved later behind the services' back, a sealed pulse stays closed.
    Pulse.objects.filter(pk=link_pulse.pk).update(closes_at=timezone.now() + timedelta(days=3))
    link_pulse.refresh_from_db()
    with pytest.raises(services.PulseNotOpen):
        services.pulse_submit(
            pulse=link_pulse, team=team, answers={q.pk: 4 for q in link_pulse.questions.all()}
        )
    assert client.post(reverse("pulse_answer", args=[token]), data).status_code != 302
    assert Response.objects.count() == 0


# --- Storage order --------------------------------------------------------------------------------


def test_on_sqlite_rowid_and_key_order_say_nothing_about_answering_order_after_close(code_pulse, team):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL variant below checks ctid and xmin")
    answer_in_order(code_pulse, team, codes=list(code_pulse.codes.all()))
    assert rho_of(order_by(code_pulse, "rowid")) > 0.99  # the leak the close repairs
    assert seal(code_pulse)
    for table in ("measurements_response", "measurements_answer"):
        for expression in ("rowid", "id"):
            rho = rho_of(order_by(code_pulse, expression, table))
            assert abs(rho) < 0.3, (table, expression, rho)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_ctid_xmin_and_keys_say_nothing_after_close_and_old_versions_are_vacuumed(
    org, team, questions
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    now = timezone.now()
    pulse = services.pulse_create(
        org=org,
        title="Codes",
        kind=PulseKind.BASELINE,
        questions=questions,
        teams=[team],
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
        distribution=Distribution.CODES,
        codes_per_team=ANSWERS,
        open_question="Wat helpt?",
    )
    answer_in_order(pulse, team, codes=list(pulse.codes.all()))
    assert rho_of(order_by(pulse, "ctid")) > 0.99  # the leak the close repairs
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM measurements_response WHERE pulse_id = %s", [pulse.pk]
        )
        assert cursor.fetchone()[0] == ANSWERS  # one transaction per answer while open

    with CaptureQueriesContext(connection) as queries:
        assert seal(pulse)
    assert any(q["sql"].startswith("VACUUM") for q in queries.captured_queries)

    assert not PulseCode.objects.filter(pulse=pulse).exists()
    for table in ("measurements_response", "measurements_answer"):
        for expression in ("ctid", "id"):
            rho = rho_of(order_by(pulse, expression, table))
            assert abs(rho) < 0.3, (table, expression, rho)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM measurements_response WHERE pulse_id = %s", [pulse.pk]
        )
        assert cursor.fetchone()[0] == 1  # all rewritten in one transaction: xmin orders nothing
        cursor.execute("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'measurements_response'")
        row = cursor.fetchone()
    assert row is None or row[0] == 0


# --- Beat goes on ---------------------------------------------------------------------------------


def test_a_recurring_pulse_closing_in_9999_does_not_stop_the_recurrence_of_other_organisations(
    make_pulse, team, questions, caplog
):
    absurd = make_pulse(kind=PulseKind.RECURRING, recurrence=Recurrence.WEEKLY)
    Pulse.objects.filter(pk=absurd.pk).update(closes_at=datetime(9999, 12, 31, 12, tzinfo=UTC))
    other_org = OrganisationFactory(name="Ander", slug="ander")
    other_team = TeamFactory(organisation=other_org, name="Team")
    now = timezone.now()
    fine = services.pulse_create(
        org=other_org,
        title="Weekpuls",
        kind=PulseKind.RECURRING,
        recurrence=Recurrence.WEEKLY,
        questions=questions,
        teams=[other_team],
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
    )
    with caplog.at_level(logging.WARNING):
        assert tasks.pulses_housekeeping.delay().get() == 1
    assert Pulse.objects.filter(previous=fine).exists()
    assert not Pulse.objects.filter(previous=absurd).exists()
    assert str(absurd.pk) in caplog.text


def test_beat_closes_the_other_pulses_when_one_fails(make_pulse, team, monkeypatch, caplog):
    past = timezone.now() - timedelta(days=1)
    pulses = [make_pulse(title=f"P{i}", opens_at=past - timedelta(days=3), closes_at=past) for i in range(3)]
    for p in pulses:
        answer_in_order_past(p, team)
    broken = pulses[1]
    original = closing._responses_rewrite

    def rewrite(pulse):
        if pulse.pk == broken.pk:
            raise RuntimeError("disk full")
        original(pulse)

    monkeypatch.setattr(closing, "_responses_rewrite", rewrite)
    with caplog.at_level(logging.ERROR):
        tasks.pulses_housekeeping.delay().get()
    sealed = set(Pulse.objects.filter(closed_at__isnull=False).values_list("pk", flat=True))
    assert sealed == {pulses[0].pk, pulses[2].pk}
    assert "disk full" in caplog.text
    assert Response.objects.filter(pulse=broken).count() == 2  # rolled back, nothing lost


def answer_in_order_past(pulse, team):
    """Store two answers for a pulse that has closed already (as if given while it was open)."""
    for i in range(2):
        response = Response.objects.create(
            pulse=pulse, team=team, submitted_on=timezone.localdate(), comment=str(i)
        )
        Answer.objects.bulk_create(
            Answer(response=response, pulse=pulse, team=team, question=q, dimension=q.dimension, score=3)
            for q in pulse.questions.all()
        )


def test_beat_invitations_go_on_past_a_pulse_that_fails(make_pulse, team, second_team, monkeypatch):
    first = make_pulse(distribution=Distribution.EMAIL, title="A")
    second = make_pulse(distribution=Distribution.EMAIL, title="B", teams=[second_team])
    services.invitations_import(pulse=first, team=team, emails=["a@x.nl"])
    services.invitations_import(pulse=second, team=second_team, emails=["b@x.nl"])
    from measurements.services import background

    original = background._enqueue_code_mail

    def enqueue(pulse, code, **kwargs):
        if pulse.pk == first.pk:
            raise RuntimeError("template broken")
        return original(pulse, code, **kwargs)

    monkeypatch.setattr(background, "_enqueue_code_mail", enqueue)
    assert services.pulse_invitations_send() == 1
    assert Notification.objects.filter(recipient="b@x.nl").exists()


def test_hr_closing_now_hands_the_sealing_to_celery_after_the_grace(
    hr_client, org, pulse, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(
        tasks.pulse_close, "apply_async", lambda args, countdown: calls.append((args, countdown))
    )
    url = reverse("measurements:pulse_close", kwargs={"org_slug": org.slug, "pulse_id": pulse.pk})
    with django_capture_on_commit_callbacks(execute=True):
        hr_client.post(url)
    pulse.refresh_from_db()
    assert pulse.closes_at <= timezone.now() and pulse.closed_at is None
    assert calls == [((pulse.pk,), services.CLOSE_GRACE.total_seconds() + 5)]
