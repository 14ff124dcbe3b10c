"""Everything that changes pulses: creating them, codes, answering, reminders and clean-up."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team
from werkstressweek.notify.models import Notification
from werkstressweek.notify.services import notification_enqueue

from .models import (
    SCALE,
    Answer,
    CodeAttempt,
    Distribution,
    Pulse,
    PulseCode,
    PulseKind,
    PulseQuestion,
    PulseTeam,
    Question,
    Recurrence,
    Response,
)

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
MAX_CODES_PER_TEAM = 2000
COMMENT_MAX_LENGTH = 1000
DEFAULT_REMINDER_DAYS = [3, 5]
RECURRENCE_DAYS = {Recurrence.WEEKLY: 7, Recurrence.FORTNIGHTLY: 14}
# Guessing: this many unknown codes or links per client per window, then a pause.
ATTEMPT_LIMIT = 20
ATTEMPT_WINDOW = timedelta(minutes=15)


class PulseNotOpen(Exception):
    """The pulse has not opened yet or has closed."""


class CodeAlreadyUsed(Exception):
    """The one-time code has been used before."""


class InvalidAnswers(ValidationError):
    """The answers do not match the pulse's questions or the 1–5 scale."""


def new_token() -> str:
    """128 bits of randomness, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


# --- Pulses ---------------------------------------------------------------------------------------


def available_questions(*, org: Organisation):
    """Questions HR may choose: the shared bank and the organisation's own items."""
    return Question.objects.filter(Q(organisation__isnull=True) | Q(organisation=org), is_active=True)


def question_create(
    *,
    org: Organisation,
    dimension: str,
    text_nl: str,
    text_en: str = "",
    low_nl: str,
    high_nl: str,
    low_en: str = "",
    high_en: str = "",
    reverse_coded: bool = False,
) -> Question:
    question = Question(
        organisation=org,
        dimension=dimension,
        text_nl=text_nl,
        text_en=text_en,
        low_nl=low_nl,
        high_nl=high_nl,
        low_en=low_en,
        high_en=high_en,
        reverse_coded=reverse_coded,
    )
    question.full_clean()
    question.save()
    return question


def _validate_pulse(
    *,
    org: Organisation,
    questions: Sequence[Question],
    teams: Sequence[Team],
    opens_at: datetime,
    closes_at: datetime,
    distribution: str,
    recurrence: str,
    kind: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        errors["questions"] = [
            _("Choose %(min)d to %(max)d questions: short pulses get more answers.")
            % {"min": MIN_QUESTIONS, "max": MAX_QUESTIONS}
        ]
    elif len({q.pk for q in questions}) != len(questions):
        errors["questions"] = [_("Choose every question only once.")]
    elif any(q.organisation_id not in (None, org.pk) for q in questions):
        errors["questions"] = [_("Choose questions from the question bank or of your organisation.")]
    if not teams:
        errors["teams"] = [_("Choose at least one team.")]
    elif any(t.organisation_id != org.pk for t in teams):
        errors["teams"] = [_("Choose teams of this organisation.")]
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = [_("The pulse must close after it opens.")]
    if distribution not in Distribution.values:
        errors["distribution"] = [_("Choose how people get the pulse.")]
    if recurrence and kind != PulseKind.RECURRING:
        errors["recurrence"] = [_("Only a recurring pulse repeats.")]
    if kind == PulseKind.RECURRING and not recurrence:
        errors["recurrence"] = [_("Choose how often a recurring pulse repeats.")]
    if recurrence and distribution != Distribution.TEAM_LINK:
        errors["distribution"] = [_("A recurring pulse uses one link per team.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pulse_create(
    *,
    org: Organisation,
    title: str,
    kind: str,
    questions: Sequence[Question],
    teams: Sequence[Team],
    opens_at: datetime,
    closes_at: datetime,
    distribution: str = Distribution.TEAM_LINK,
    open_question: str = "",
    recurrence: str = "",
    comments_shared: bool = False,
    reminder_days: Sequence[int] | None = None,
    codes_per_team: int = 0,
    previous: Pulse | None = None,
    campaign=None,
) -> Pulse:
    """Create a pulse with its questions (in the given order), team links and, for codes, N codes per team."""
    questions, teams = list(questions), list(teams)
    _validate_pulse(
        org=org,
        questions=questions,
        teams=teams,
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=distribution,
        recurrence=recurrence,
        kind=kind,
    )
    pulse = Pulse(
        organisation=org,
        title=title,
        kind=kind,
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=distribution,
        open_question=open_question,
        recurrence=recurrence,
        comments_shared=comments_shared,
        reminder_days=list(DEFAULT_REMINDER_DAYS if reminder_days is None else reminder_days),
        previous=previous,
    )
    if campaign is not None:
        if campaign.organisation_id != org.pk:
            raise ValidationError({"campaign": _("Choose a campaign of this organisation.")})
        pulse.campaign = campaign
    pulse.full_clean()
    pulse.save()
    PulseQuestion.objects.bulk_create(
        PulseQuestion(pulse=pulse, question=q, position=i) for i, q in enumerate(questions)
    )
    PulseTeam.objects.bulk_create(PulseTeam(pulse=pulse, team=t, token=new_token()) for t in teams)
    if distribution == Distribution.CODES and codes_per_team:
        for team in teams:
            codes_generate(pulse=pulse, team=team, count=codes_per_team)
    return pulse


@transaction.atomic
def pulse_update(
    *, pulse: Pulse, title: str, opens_at: datetime, closes_at: datetime, comments_shared: bool
) -> Pulse:
    """Change what may change after creation; questions and teams stay fixed once people answer."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The pulse must close after it opens.")})
    pulse.title = title
    pulse.opens_at = opens_at
    pulse.closes_at = closes_at
    pulse.comments_shared = comments_shared
    pulse.full_clean()
    pulse.save(update_fields=["title", "opens_at", "closes_at", "comments_shared"])
    return pulse


def pulse_close_now(*, pulse: Pulse) -> None:
    now = timezone.now()
    if pulse.closes_at > now:
        pulse.closes_at = max(now, pulse.opens_at + timedelta(seconds=1))
        pulse.save(update_fields=["closes_at"])


def codes_generate(*, pulse: Pulse, team: Team, count: int) -> list[PulseCode]:
    """Create `count` one-time codes for a team of the pulse (128 random bits each)."""
    if not PulseTeam.objects.filter(pulse=pulse, team=team).exists():
        raise ValidationError({"team": _("This team does not take part in the pulse.")})
    if not 0 < count <= MAX_CODES_PER_TEAM:
        raise ValidationError(
            {"count": _("Choose between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_TEAM}}
        )
    return PulseCode.objects.bulk_create(
        PulseCode(pulse=pulse, team=team, code=new_token()) for _ in range(count)
    )


@transaction.atomic
def invitations_import(*, pulse: Pulse, team: Team, emails: Iterable[str]) -> int:
    """Add e-mail invitations (one code each) for a team; skip addresses already invited. All or nothing."""
    if pulse.distribution != Distribution.EMAIL:
        raise ValidationError(_("This pulse does not use e-mail invitations."))
    if pulse.addresses_deleted_at is not None or pulse.state() == "closed":
        raise ValidationError(_("This pulse has closed."))
    if not PulseTeam.objects.filter(pulse=pulse, team=team).exists():
        raise ValidationError({"team": _("This team does not take part in the pulse.")})
    cleaned: list[str] = []
    for line_no, raw in enumerate(emails, start=1):
        email = raw.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                _("Line %(line)d: '%(value)s' is not an e-mail address. Nothing was imported.")
                % {"line": line_no, "value": email[:80]}
            ) from None
        cleaned.append(email)
    existing = set(PulseCode.objects.filter(pulse=pulse).exclude(email="").values_list("email", flat=True))
    new = [e for e in dict.fromkeys(cleaned) if e not in existing]
    PulseCode.objects.bulk_create(PulseCode(pulse=pulse, team=team, code=new_token(), email=e) for e in new)
    return len(new)


# --- Answering ------------------------------------------------------------------------------------


def team_link_get(*, token: str) -> PulseTeam | None:
    return PulseTeam.objects.select_related("pulse__organisation", "team").filter(token=token).first()


def team_link_for_answer(*, token: str, client: str) -> tuple[Pulse, Team, list[Question], bool] | None:
    """Everything the answer page needs for a team link, in one query: pulse, team, questions, and
    whether this client is blocked for guessing. None when the link is unknown.

    The answer endpoint is the hottest path of the app. One hand-written query instead of three
    ORM queries keeps it close to the bare stack (see bench/answering.py).
    """
    with connection.cursor() as cursor:
        window = connection.ops.adapt_datetimefield_value(_window(timezone.now()))
        cursor.execute(_ANSWER_CONTEXT_SQL, [client, window, ATTEMPT_LIMIT, token])
        rows = cursor.fetchall()
    if not rows:
        return None
    (blocked, team_id, team_name, pulse_id, title, opens_at, closes_at, distribution, open_question,
     org_id, org_name, org_slug, k) = rows[0][:13]  # fmt: skip
    opens_at, closes_at = _aware(opens_at), _aware(closes_at)
    org = Organisation(pk=org_id, name=org_name, slug=org_slug, min_group_size=k)
    pulse = Pulse(
        pk=pulse_id,
        organisation=org,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=distribution,
        open_question=open_question,
    )
    team = Team(pk=team_id, name=team_name, organisation=org)
    questions = [
        Question(
            pk=row[13],
            dimension=row[14],
            text_nl=row[15],
            text_en=row[16],
            low_nl=row[17],
            high_nl=row[18],
            low_en=row[19],
            high_en=row[20],
            reverse_coded=bool(row[21]),
        )
        for row in rows
    ]
    return pulse, team, questions, bool(blocked)


def _aware(value: datetime | str) -> datetime:
    """Raw SQLite rows hold naive UTC datetimes (or text); PostgreSQL's are aware already."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


_ANSWER_CONTEXT_SQL = """
SELECT EXISTS (SELECT 1 FROM measurements_codeattempt a
               WHERE a.client = %s AND a."window" = %s AND a.failures >= %s),
       pt.team_id, t.name, p.id, p.title, p.opens_at, p.closes_at, p.distribution, p.open_question,
       o.id, o.name, o.slug, o.min_group_size,
       q.id, q.dimension, q.text_nl, q.text_en, q.low_nl, q.high_nl, q.low_en, q.high_en, q.reverse_coded
FROM measurements_pulseteam pt
JOIN accounts_team t ON t.id = pt.team_id
JOIN measurements_pulse p ON p.id = pt.pulse_id
JOIN accounts_organisation o ON o.id = p.organisation_id
JOIN measurements_pulsequestion pq ON pq.pulse_id = p.id
JOIN measurements_question q ON q.id = pq.question_id
WHERE pt.token = %s
ORDER BY pq.position, pq.id
"""


def code_get(*, code: str) -> PulseCode | None:
    return PulseCode.objects.select_related("pulse__organisation", "team").filter(code=code.strip()).first()


@transaction.atomic
def pulse_submit(
    *,
    pulse: Pulse,
    team: Team,
    answers: dict[int, int],
    comment: str = "",
    code: PulseCode | None = None,
    questions: Sequence[Question] | None = None,
) -> None:
    """Store one anonymous response; with a code, use the code up in the same transaction.

    The code row is marked used by a conditional UPDATE, so of any number of simultaneous
    submissions exactly one succeeds. Nothing links the response to the code.
    """
    if not pulse.is_open():
        raise PulseNotOpen
    if code is not None:
        if code.pulse_id != pulse.pk or code.team_id != team.pk:
            raise CodeAlreadyUsed
        if PulseCode.objects.filter(pk=code.pk, used=False).update(used=True) != 1:
            raise CodeAlreadyUsed
    scored = _scores(list(pulse.questions.all()) if questions is None else questions, answers)
    comment = comment.strip()[:COMMENT_MAX_LENGTH] if pulse.open_question else ""
    response = Response.objects.create(
        pulse=pulse, team=team, submitted_on=timezone.localdate(), comment=comment
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            pulse_id=pulse.pk,
            team_id=team.pk,
            question_id=q.pk,
            dimension=q.dimension,
            score=score,
        )
        for q, score in scored
    )


def _scores(questions: Sequence[Question], answers: dict[int, int]) -> list[tuple[Question, int]]:
    ids = {q.pk for q in questions}
    if set(answers) != ids:
        raise InvalidAnswers(_("Answer every question."))
    if any(answers[q.pk] not in SCALE for q in questions):
        raise InvalidAnswers(_("Choose an answer from 1 to 5."))
    return [(q, q.score(answers[q.pk])) for q in questions]


# --- Guessing protection --------------------------------------------------------------------------


def client_key(address: str) -> str:
    """A keyed hash of the client address: usable for counting, useless for finding the person."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _window(now: datetime) -> datetime:
    seconds = int(ATTEMPT_WINDOW.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def attempts_blocked(*, client: str, now: datetime | None = None) -> bool:
    window = _window(now or timezone.now())
    return CodeAttempt.objects.filter(client=client, window=window, failures__gte=ATTEMPT_LIMIT).exists()


def attempt_failed(*, client: str, now: datetime | None = None) -> None:
    """Count an unknown code or link for this client in the current window."""
    window = _window(now or timezone.now())
    if CodeAttempt.objects.filter(client=client, window=window).update(failures=F("failures") + 1):
        return
    try:
        with transaction.atomic():
            CodeAttempt.objects.create(client=client, window=window, failures=1)
    except IntegrityError:
        CodeAttempt.objects.filter(client=client, window=window).update(failures=F("failures") + 1)


# --- Background work (called by beat tasks) -------------------------------------------------------


def answer_url(path_token: str, *, code: bool = False) -> str:
    name = "pulse_code" if code else "pulse_answer"
    return settings.SITE_URL + reverse(name, args=[path_token])


def _reminder_dates(pulse: Pulse) -> list:
    first = timezone.localdate(pulse.opens_at)
    return [first + timedelta(days=day - 1) for day in pulse.reminder_days if day >= 1]


def pulse_invitations_send(*, now: datetime | None = None) -> int:
    """Queue the invitation e-mail for every unused invitation of an open pulse (once per code)."""
    now = now or timezone.now()
    pulses = Pulse.objects.filter(
        distribution=Distribution.EMAIL, opens_at__lte=now, closes_at__gt=now
    ).select_related("organisation")
    queued = 0
    for pulse in pulses:
        for code in pulse.codes.filter(used=False).exclude(email=""):
            _, new = _enqueue_code_mail(pulse, code, key=f"pulse-invite:{pulse.pk}:{code.pk}", reminder=False)
            queued += new
    return queued


def pulse_reminders_plan(*, now: datetime | None = None) -> int:
    """Queue today's reminders for invitations that have not been used yet; safe to run often."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    queued = 0
    pulses = Pulse.objects.filter(
        distribution=Distribution.EMAIL, opens_at__lte=now, closes_at__gt=now
    ).select_related("organisation")
    for pulse in pulses:
        if today not in _reminder_dates(pulse):
            continue
        for code in pulse.codes.filter(used=False).exclude(email=""):
            _, new = _enqueue_code_mail(
                pulse, code, key=f"pulse-reminder:{pulse.pk}:{code.pk}:{today.isoformat()}", reminder=True
            )
            queued += new
    return queued


def _enqueue_code_mail(pulse: Pulse, code: PulseCode, *, key: str, reminder: bool):
    with translation.override(settings.LANGUAGE_CODE):
        context = {"pulse": pulse, "url": answer_url(code.code, code=True), "reminder": reminder}
        subject = (_("Reminder: %(title)s") if reminder else _("Short pulse: %(title)s")) % {
            "title": pulse.title
        }
        body = render_to_string("measurements/email/invitation.txt", context)
    return notification_enqueue(
        key=key,
        organisation=pulse.organisation,
        recipient=code.email,
        kind="pulse_reminder" if reminder else "pulse_invitation",
        subject=subject,
        body=body,
    )


@transaction.atomic
def pulse_addresses_delete(*, pulse: Pulse) -> int:
    """Forget the invitation addresses of a closed pulse, including unsent mails to them."""
    count = pulse.codes.exclude(email="").update(email="")
    Notification.objects.filter(
        Q(key__startswith=f"pulse-invite:{pulse.pk}:") | Q(key__startswith=f"pulse-reminder:{pulse.pk}:")
    ).delete()
    pulse.addresses_deleted_at = timezone.now()
    pulse.save(update_fields=["addresses_deleted_at"])
    return count


def pulses_closed_cleanup(*, now: datetime | None = None) -> int:
    """Delete the addresses of every pulse that has closed; also drop old guessing counters."""
    now = now or timezone.now()
    done = 0
    for pulse in Pulse.objects.filter(closes_at__lte=now, addresses_deleted_at__isnull=True):
        pulse_addresses_delete(pulse=pulse)
        done += 1
    CodeAttempt.objects.filter(window__lt=now - 2 * ATTEMPT_WINDOW).delete()
    return done


@transaction.atomic
def pulse_next_round(*, pulse: Pulse) -> Pulse | None:
    """Create the next round of a recurring pulse once (the OneToOne `previous` enforces it)."""
    pulse = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if not pulse.recurrence or Pulse.objects.filter(previous=pulse).exists():
        return None
    step = timedelta(days=RECURRENCE_DAYS[pulse.recurrence])
    return pulse_create(
        org=pulse.organisation,
        title=pulse.title,
        kind=pulse.kind,
        questions=[pq.question for pq in pulse.pulse_questions.select_related("question")],
        teams=list(pulse.teams.all()),
        opens_at=pulse.opens_at + step,
        closes_at=pulse.closes_at + step,
        distribution=pulse.distribution,
        open_question=pulse.open_question,
        recurrence=pulse.recurrence,
        comments_shared=pulse.comments_shared,
        reminder_days=pulse.reminder_days,
        previous=pulse,
        campaign=pulse.campaign,
    )


def pulses_recur(*, now: datetime | None = None) -> int:
    """Create the next round for every recurring pulse that has opened and has no next round yet."""
    now = now or timezone.now()
    due = Pulse.objects.filter(opens_at__lte=now).exclude(recurrence="").filter(next_round__isnull=True)
    return sum(pulse_next_round(pulse=p) is not None for p in due)
