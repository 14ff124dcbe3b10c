"""Creating and changing pulses, their codes and e-mail invitations."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record, changes

from ..codes import code_new
from ..models import (
    Distribution,
    Pulse,
    PulseCode,
    PulseKind,
    PulseQuestion,
    PulseTeam,
    Question,
    Recurrence,
)

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
MAX_CODES_PER_TEAM = 2000
COMMENT_MAX_LENGTH = 1000
DEFAULT_REMINDER_DAYS = [3, 5]
RECURRENCE_DAYS = {Recurrence.WEEKLY: 7, Recurrence.FORTNIGHTLY: 14}
# A pulse closes at most this long after it opens: long enough for any real measurement, short
# enough that nobody keeps one open for years to watch it (or to pad it).
MAX_PULSE_DURATION = timedelta(days=365)
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


def horizon_message() -> str:
    return _("A pulse closes at most one year after it opens.")


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
    elif opens_at and closes_at and closes_at > opens_at + MAX_PULSE_DURATION:
        errors["closes_at"] = [horizon_message()]
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
    open_question_en: str = "",
    recurrence: str = "",
    comments_shared: bool = False,
    reminder_days: Sequence[int] | None = None,
    codes_per_team: int | None = 0,
    previous: Pulse | None = None,
    campaign=None,
    by: User | None = None,
) -> Pulse:
    """Create a pulse with its questions (in the given order), team links and, for codes, N codes per team.

    `codes_per_team=None` gives each team as many codes as its headcount. The codes are made in the
    same transaction as the pulse: when they cannot be made, no pulse is left behind.
    """
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
    if distribution == Distribution.CODES and codes_per_team is None:
        too_big = [t.name for t in teams if t.headcount > MAX_CODES_PER_TEAM]
        if too_big:
            raise ValidationError(
                {
                    "codes_per_team": _(
                        "%(teams)s: more people than the %(max)d codes a team can get. "
                        "Enter a number of codes per team."
                    )
                    % {"teams": ", ".join(too_big), "max": MAX_CODES_PER_TEAM}
                }
            )
    pulse = Pulse(
        organisation=org,
        title=title,
        kind=kind,
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=distribution,
        open_question=open_question,
        open_question_en=open_question_en,
        recurrence=recurrence,
        comments_shared=comments_shared,
        reminder_days=list(DEFAULT_REMINDER_DAYS if reminder_days is None else reminder_days),
        previous=previous,
        min_group_size=org.min_group_size,
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
    PulseTeam.objects.bulk_create(
        PulseTeam(pulse=pulse, team=t, token=new_token(), headcount=t.headcount) for t in teams
    )
    if distribution == Distribution.CODES and codes_per_team != 0:
        for team in teams:
            count = codes_per_team if codes_per_team is not None else max(team.headcount, 1)
            codes_generate(pulse=pulse, team=team, count=count)
    audit_record(
        org=org,
        by=by,
        action=AuditAction.PULSE_CREATED,
        subject=title,
        details={"pulse": pulse.pk, "teams": ", ".join(sorted(t.name for t in teams))},
    )
    return pulse


@transaction.atomic
def pulse_update(
    *,
    pulse: Pulse,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    comments_shared: bool,
    by: User | None = None,
) -> Pulse:
    """Change what may change after creation; questions and teams stay fixed once people answer.

    A closed pulse stays closed: its dates never change, so it cannot be re-opened and padded. An
    open pulse keeps its opening time; its closing time may move, but not to now or before, and not
    past one year after opening. A planned pulse takes the organisation's current k.
    """
    current = Pulse.objects.select_for_update().select_related("organisation").get(pk=pulse.pk)
    now = timezone.now()
    state = current.state(now)
    errors: dict[str, list[str]] = {}
    if state == "closed":
        if opens_at != current.opens_at or closes_at != current.closes_at:
            errors["closes_at"] = [
                _("This pulse has closed. A closed pulse stays closed: its dates cannot change.")
            ]
    else:
        if state == "open" and opens_at != current.opens_at:
            errors["opens_at"] = [_("This pulse has opened. Its opening time cannot change.")]
        if closes_at <= opens_at:
            errors["closes_at"] = [_("The pulse must close after it opens.")]
        elif closes_at <= now:
            errors["closes_at"] = [
                _("Choose a closing time in the future. To close the pulse now, use 'Close now'.")
            ]
        elif closes_at > opens_at + MAX_PULSE_DURATION:
            errors["closes_at"] = [horizon_message()]
    if errors:
        raise ValidationError(errors)
    fields = ["title", "opens_at", "closes_at", "comments_shared"]
    if state == "planned":
        current.min_group_size = current.organisation.min_group_size
        fields.append("min_group_size")
    if state != "closed" and closes_at > current.closes_at:
        audit_record(
            org=current.organisation,
            by=by,
            action=AuditAction.PULSE_EXTENDED,
            subject=title,
            details={"pulse": current.pk, **changes(closes=(_when(current.closes_at), _when(closes_at)))},
        )
    current.title = title
    current.opens_at = opens_at
    current.closes_at = closes_at
    current.comments_shared = comments_shared
    current.full_clean()
    current.save(update_fields=fields)
    if state == "planned":
        _pulse_teams_follow_headcount(PulseTeam.objects.filter(pulse=current))
    for name in fields:
        setattr(pulse, name, getattr(current, name))
    return pulse


def pulses_planned_follow_k(*, org: Organisation) -> int:
    """Pulses that have not opened yet take the organisation's k; opened pulses keep their own."""
    return Pulse.objects.filter(organisation=org, opens_at__gt=timezone.now()).update(
        min_group_size=org.min_group_size
    )


def _pulse_teams_follow_headcount(pulse_teams) -> int:
    return pulse_teams.update(
        headcount=Subquery(Team.objects.filter(pk=OuterRef("team_id")).values("headcount")[:1])
    )


def pulses_planned_follow_headcount(*, org: Organisation, team: Team | None = None) -> int:
    """Pulses that have not opened yet take their teams' headcounts (of `team` only, when given);
    opened pulses keep the headcounts they recorded."""
    planned = PulseTeam.objects.filter(pulse__organisation=org, pulse__opens_at__gt=timezone.now())
    return _pulse_teams_follow_headcount(planned if team is None else planned.filter(team=team))


def _when(moment: datetime) -> str:
    """A moment as the audit log shows it: local time to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def pulse_close_now(*, pulse: Pulse, by: User | None = None) -> None:
    """HR closes a pulse now; the closing service seals it (through Celery) once the grace is over."""
    from ..tasks import pulse_close
    from .closing import CLOSE_GRACE

    now = timezone.now()
    if pulse.closes_at > now:
        old = pulse.closes_at
        pulse.closes_at = max(now, pulse.opens_at + timedelta(seconds=1))
        pulse.save(update_fields=["closes_at"])
        audit_record(
            org=pulse.organisation,
            by=by,
            action=AuditAction.PULSE_CLOSED,
            subject=pulse.title,
            details={"pulse": pulse.pk, **changes(closes=(_when(old), _when(pulse.closes_at)))},
        )
    if pulse.closed_at is None:
        pulse_pk, countdown = pulse.pk, CLOSE_GRACE.total_seconds() + 5
        transaction.on_commit(lambda: pulse_close.apply_async((pulse_pk,), countdown=countdown))


@transaction.atomic
def codes_generate(*, pulse: Pulse, team: Team, count: int) -> list[PulseCode]:
    """Create `count` one-time codes for a team of the pulse (Crockford base32, 60 random bits)."""
    if pulse.closed_at is not None or pulse.state() == "closed":
        raise ValidationError(_("This pulse has closed."))
    if not PulseTeam.objects.filter(pulse=pulse, team=team).exists():
        raise ValidationError({"team": _("This team does not take part in the pulse.")})
    if not 0 < count <= MAX_CODES_PER_TEAM:
        raise ValidationError(
            {"count": _("Choose between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_TEAM}}
        )
    codes = PulseCode.objects.bulk_create(
        PulseCode(pulse=pulse, team=team, code=code) for code in _fresh_codes(count)
    )
    _count_issued(pulse=pulse, team=team, count=count)
    return codes


def _fresh_codes(count: int) -> list[str]:
    """`count` new codes; a (very rare) clash with an existing code is drawn again."""
    codes: set[str] = set()
    while len(codes) < count:
        wanted = {code_new() for _ in range(count - len(codes))}
        codes |= wanted - set(PulseCode.objects.filter(code__in=wanted).values_list("code", flat=True))
    return list(codes)


def _count_issued(*, pulse: Pulse, team: Team, count: int) -> None:
    PulseTeam.objects.filter(pulse=pulse, team=team).update(codes_issued=F("codes_issued") + count)


@transaction.atomic
def invitations_import(*, pulse: Pulse, team: Team, emails: Iterable[str]) -> int:
    """Add e-mail invitations (one code each) for a team; skip addresses already invited. All or nothing."""
    if pulse.distribution != Distribution.EMAIL:
        raise ValidationError(_("This pulse does not use e-mail invitations."))
    if pulse.closed_at is not None or pulse.state() == "closed":
        raise ValidationError(_("This pulse has closed."))
    if not PulseTeam.objects.filter(pulse=pulse, team=team).exists():
        raise ValidationError({"team": _("This team does not take part in the pulse.")})
    cleaned: list[str] = []
    bad: list[str] = []
    for line_no, raw in enumerate(emails, start=1):
        email = raw.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            bad.append(
                _("Line %(line)d: '%(value)s' is not an e-mail address.")
                % {"line": line_no, "value": email[:80]}
            )
        else:
            cleaned.append(email)
    if bad:  # every bad line at once, so they can all be fixed in one go
        raise ValidationError({"emails": [*bad, _("Nothing was imported. Correct the lines above.")]})
    existing = set(PulseCode.objects.filter(pulse=pulse).exclude(email="").values_list("email", flat=True))
    new = [e for e in dict.fromkeys(cleaned) if e not in existing]
    PulseCode.objects.bulk_create(
        PulseCode(pulse=pulse, team=team, code=code, email=email)
        for code, email in zip(_fresh_codes(len(new)), new, strict=True)
    )
    _count_issued(pulse=pulse, team=team, count=len(new))
    return len(new)


class PulseHasAnswers(Exception):
    """A pulse with answers is never deleted: its answers are the organisation's measurement."""


@transaction.atomic
def pulse_delete(*, pulse: Pulse, by=None) -> None:
    """HR deletes a pulse nobody has answered (a mistake, a duplicate); the audit log keeps a line.

    The pulse row is locked first: an answer arriving at the same moment waits for the lock (its
    foreign key needs the row), then finds the pulse gone.
    """
    from werkstressweek.audit.services import audit_record

    current = Pulse.objects.select_for_update().select_related("organisation").get(pk=pulse.pk)
    if current.responses.exists():
        raise PulseHasAnswers
    audit_record(
        org=current.organisation,
        by=by,
        action="pulse.deleted",
        subject=current.title,
        details={"kind": current.kind, "opens_at": current.opens_at.isoformat()},
    )
    current.delete()
