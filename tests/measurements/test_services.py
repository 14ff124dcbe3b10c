"""Pulses, codes and anonymous answering."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from measurements import services
from measurements.models import (
    Answer,
    CodeAttempt,
    Dimension,
    Distribution,
    Pulse,
    PulseCode,
    PulseKind,
    Question,
    Recurrence,
    Response,
)
from werkstressweek.notify.models import Notification

from ..factories import TeamFactory


def all_fours(pulse) -> dict[int, int]:
    return {q.pk: 4 for q in pulse.questions.all()}


def test_the_question_bank_has_dutch_and_english_items_for_every_dimension(bank):
    bank = Question.objects.filter(organisation__isnull=True)
    assert {q.dimension for q in bank} == set(Dimension.values)
    assert all(q.text_nl and q.text_en and q.low_nl and q.high_en for q in bank)
    assert bank.filter(reverse_coded=True).exists()


def test_a_pulse_needs_three_to_five_questions(make_pulse, bank):
    with pytest.raises(ValidationError) as too_few:
        make_pulse(questions=bank[:2])
    assert "questions" in too_few.value.message_dict
    with pytest.raises(ValidationError):
        make_pulse(questions=bank[:6])
    assert make_pulse(questions=bank[:5]).questions.count() == 5


def test_a_pulse_refuses_teams_of_another_organisation_and_closing_before_opening(make_pulse, other_org):
    with pytest.raises(ValidationError) as foreign:
        make_pulse(teams=[TeamFactory(organisation=other_org)])
    assert "teams" in foreign.value.message_dict
    now = timezone.now()
    with pytest.raises(ValidationError) as backwards:
        make_pulse(opens_at=now, closes_at=now - timedelta(hours=1))
    assert "closes_at" in backwards.value.message_dict


def test_each_team_gets_its_own_unguessable_link(make_pulse, team, second_team):
    pulse = make_pulse(teams=[team, second_team])
    tokens = list(pulse.pulse_teams.values_list("token", flat=True))
    assert len(set(tokens)) == 2
    assert all(len(t) >= 22 for t in tokens)


def test_codes_mode_creates_n_unique_codes_per_team(make_pulse, team, second_team):
    pulse = make_pulse(teams=[team, second_team], distribution=Distribution.CODES, codes_per_team=25)
    codes = PulseCode.objects.filter(pulse=pulse)
    assert codes.count() == 50
    assert codes.filter(team=team).count() == 25
    assert len({c.code for c in codes}) == 50
    # 12 Crockford base32 characters: 60 random bits, easy to type from paper
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{12}", c.code) for c in codes)
    assert set(pulse.pulse_teams.values_list("codes_issued", flat=True)) == {25}


def test_submitting_stores_one_anonymous_response_with_scores_higher_is_better(pulse, team):
    reverse_item = Question.objects.filter(organisation__isnull=True, reverse_coded=True).first()
    normal = list(pulse.questions.all())[:2]
    own = services.pulse_create(
        org=pulse.organisation,
        title="Met omgekeerd item",
        kind=PulseKind.BASELINE,
        questions=[*normal, reverse_item],
        teams=[team],
        opens_at=pulse.opens_at,
        closes_at=pulse.closes_at,
    )
    services.pulse_submit(
        pulse=own,
        team=team,
        answers={normal[0].pk: 5, normal[1].pk: 2, reverse_item.pk: 5},
        comment=" Meer rust ",
    )
    response = Response.objects.get(pulse=own)
    assert response.team == team
    assert response.submitted_on == timezone.localdate()
    assert response.comment == ""  # this pulse has no open question
    scores = dict(Answer.objects.filter(response=response).values_list("question_id", "score"))
    assert scores == {normal[0].pk: 5, normal[1].pk: 2, reverse_item.pk: 1}
    assert set(Answer.objects.values_list("pulse_id", "team_id").distinct()) == {(own.pk, team.pk)}


def test_a_response_stores_nothing_that_identifies_a_person_or_an_order(pulse, team):
    services.pulse_submit(pulse=pulse, team=team, answers=all_fours(pulse), comment="Meer rust")
    fields = {f.name for f in Response._meta.concrete_fields}
    assert fields == {"id", "pulse", "team", "submitted_on", "comment"}
    assert Response._meta.pk.get_internal_type() == "UUIDField"
    assert Answer._meta.pk.get_internal_type() == "UUIDField"
    assert Response.objects.get().comment == "Meer rust"


def test_incomplete_or_out_of_range_answers_are_refused_and_nothing_is_stored(pulse, team):
    answers = all_fours(pulse)
    first = next(iter(answers))
    with pytest.raises(services.InvalidAnswers):
        services.pulse_submit(pulse=pulse, team=team, answers={first: 4})
    with pytest.raises(services.InvalidAnswers):
        services.pulse_submit(pulse=pulse, team=team, answers={**answers, first: 6})
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_pulse_that_is_not_open_refuses_answers(make_pulse, team):
    now = timezone.now()
    planned = make_pulse(opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=3))
    closed = make_pulse(opens_at=now - timedelta(days=3), closes_at=now - timedelta(days=1))
    for pulse in (planned, closed):
        with pytest.raises(services.PulseNotOpen):
            services.pulse_submit(pulse=pulse, team=team, answers=all_fours(pulse))
    assert Response.objects.count() == 0


def test_a_used_code_cannot_answer_twice(make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=2)
    code = pulse.codes.first()
    services.pulse_submit(pulse=pulse, team=team, answers=all_fours(pulse), code=code)
    with pytest.raises(services.CodeAlreadyUsed):
        services.pulse_submit(pulse=pulse, team=team, answers=all_fours(pulse), code=code)
    assert Response.objects.filter(pulse=pulse).count() == 1
    code.refresh_from_db()
    assert code.used is True


def test_invalid_answers_do_not_use_up_the_code(make_pulse, team):
    pulse = make_pulse(distribution=Distribution.CODES, codes_per_team=1)
    code = pulse.codes.get()
    with pytest.raises(services.InvalidAnswers):
        services.pulse_submit(pulse=pulse, team=team, answers={}, code=code)
    code.refresh_from_db()
    assert code.used is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submissions_with_one_code_store_exactly_one_response(org, team, questions):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race to test")
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
        codes_per_team=1,
    )
    code = pulse.codes.get()
    answers = {q.pk: 3 for q in questions}
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait()
            services.pulse_submit(pulse=pulse, team=team, answers=answers, code=code)
            result = "stored"
        except services.CodeAlreadyUsed:
            result = "refused"
        except Exception as exc:  # pragma: no cover - reported in the assertion
            result = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 19 + ["stored"]
    assert Response.objects.filter(pulse=pulse).count() == 1
    assert Answer.objects.filter(pulse=pulse).count() == len(questions)


def test_guessing_is_blocked_after_the_limit_per_client_and_window(db):
    client = services.client_key("203.0.113.9")
    assert len(client) == 64 and "203.0.113.9" not in client
    for _ in range(services.ATTEMPT_LIMIT - 1):
        services.attempt_failed(client=client)
    assert not services.attempts_blocked(client=client)
    services.attempt_failed(client=client)
    assert services.attempts_blocked(client=client)
    assert not services.attempts_blocked(client=services.client_key("198.51.100.1"))
    later = timezone.now() + services.ATTEMPT_WINDOW
    assert not services.attempts_blocked(client=client, now=later)
    services.pulses_closed_cleanup(now=timezone.now() + 3 * services.ATTEMPT_WINDOW)
    assert CodeAttempt.objects.count() == 0


def test_email_invitations_are_imported_per_team_all_or_nothing(make_pulse, team):
    pulse = make_pulse(distribution=Distribution.EMAIL)
    assert services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl", "B@x.nl", "a@x.nl", ""]) == 2
    with pytest.raises(ValidationError):
        services.invitations_import(pulse=pulse, team=team, emails=["c@x.nl", "geen adres"])
    assert sorted(pulse.codes.values_list("email", flat=True)) == ["a@x.nl", "b@x.nl"]


def test_reminders_go_once_on_day_three_and_five_only_to_unused_invitations(make_pulse, team):
    opens = timezone.now() - timedelta(minutes=1)
    pulse = make_pulse(distribution=Distribution.EMAIL, opens_at=opens, closes_at=opens + timedelta(days=7))
    services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl", "b@x.nl"])
    used = pulse.codes.get(email="a@x.nl")
    services.pulse_submit(pulse=pulse, team=team, answers=all_fours(pulse), code=used)
    day2, day3, day5 = (opens + timedelta(days=d) for d in (1, 2, 4))
    assert services.pulse_reminders_plan(now=day2) == 0
    assert services.pulse_reminders_plan(now=day3) == 1
    assert services.pulse_reminders_plan(now=day3) == 0  # beat firing twice changes nothing
    assert services.pulse_reminders_plan(now=day5) == 1
    reminders = Notification.objects.filter(kind="pulse_reminder")
    assert set(reminders.values_list("recipient", flat=True)) == {"b@x.nl"}
    assert reminders.count() == 2


def test_closing_a_pulse_deletes_the_invitation_addresses_and_their_unsent_mails(make_pulse, team):
    pulse = make_pulse(distribution=Distribution.EMAIL)
    services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl", "b@x.nl"])
    assert services.pulse_invitations_send() == 2
    services.pulse_close_now(pulse=pulse)
    assert services.pulses_closed_cleanup(now=timezone.now() + services.CLOSE_GRACE) == 1
    assert not pulse.codes.exists()
    assert not Notification.objects.filter(recipient__in=["a@x.nl", "b@x.nl"]).exists()
    pulse.refresh_from_db()
    assert pulse.closed_at is not None
    assert pulse.codes_issued() == 2  # the count the pages need stays


def test_a_recurring_pulse_creates_its_next_round_once(make_pulse, team):
    pulse = make_pulse(kind=PulseKind.RECURRING, recurrence=Recurrence.FORTNIGHTLY)
    assert services.pulses_recur() == 1
    assert services.pulses_recur() == 0  # the first round has its next; the next has not opened
    rounds = list(Pulse.objects.filter(organisation=pulse.organisation).order_by("opens_at"))
    assert len(rounds) == 2
    nxt = rounds[1]
    assert nxt.previous == pulse
    assert nxt.opens_at - pulse.opens_at == timedelta(days=14)
    assert list(nxt.questions.all()) == list(pulse.questions.all())
    assert list(nxt.teams.all()) == [team]


def test_a_recurring_pulse_must_use_team_links(make_pulse):
    with pytest.raises(ValidationError) as error:
        make_pulse(kind=PulseKind.RECURRING, recurrence=Recurrence.WEEKLY, distribution=Distribution.CODES)
    assert "distribution" in error.value.message_dict


def test_the_beat_tasks_run_the_services(make_pulse, team):
    from django.conf import settings

    from measurements import tasks

    tasks_in_schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "measurements.tasks.pulse_mail_plan",
        "measurements.tasks.pulses_housekeeping",
    } <= tasks_in_schedule
    pulse = make_pulse(distribution=Distribution.EMAIL)
    services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl"])
    assert tasks.pulse_mail_plan.delay().get() == 1
    assert tasks.pulses_housekeeping.delay().get() == 0


def test_a_pulse_belongs_to_a_campaign_of_its_own_organisation_only(make_pulse, org, other_org):
    from campaigns.models import Campaign

    def campaign_of(organisation):
        return Campaign.objects.create(
            organisation=organisation, name="Week 2026", year=2026, week_start=timezone.localdate()
        )

    pulse = make_pulse(campaign=campaign_of(org))
    assert pulse.campaign.pulses.get() == pulse
    with pytest.raises(ValidationError) as error:
        make_pulse(campaign=campaign_of(other_org))
    assert "campaign" in error.value.message_dict


def test_a_comment_loses_nul_bytes_and_control_characters_but_keeps_its_lines(pulse, team):
    services.pulse_submit(
        pulse=pulse, team=team, answers=all_fours(pulse), comment="Meer\x00 rust\r\nMinder\x1b[2J ruis"
    )
    assert Response.objects.get().comment == "Meer rust\nMinder[2J ruis"
