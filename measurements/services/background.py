"""Work done by Celery beat: invitations, reminders, closing pulses, next rounds.

Every beat service handles its pulses one by one: a failure on one pulse is logged and never
stops the others (or the other organisations).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.notify.services import notification_enqueue

from ..models import (
    CodeAttempt,
    Distribution,
    Pulse,
    PulseCode,
)
from .closing import pulses_close_due
from .pulses import ATTEMPT_WINDOW, RECURRENCE_DAYS, pulse_create

logger = logging.getLogger(__name__)

# A next round is created only with dates inside this range (absurd dates are skipped, logged).
YEAR_MIN, YEAR_MAX = 2000, 2100


def _each(pulses: Iterable[Pulse], work: Callable[[Pulse], int], what: str) -> int:
    """Run `work` for every pulse in its own transaction; log a failure and go on."""
    done = 0
    for pulse in pulses:
        try:
            with transaction.atomic():
                done += work(pulse)
        except Exception:
            logger.exception("%s failed for pulse %s", what, pulse.pk)
    return done


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

    def invite(pulse: Pulse) -> int:
        queued = 0
        for code in pulse.codes.filter(used=False).exclude(email=""):
            _, new = _enqueue_code_mail(pulse, code, key=f"pulse-invite:{pulse.pk}:{code.pk}", reminder=False)
            queued += new
        return queued

    return _each(_open_email_pulses(now), invite, "Queueing invitations")


def _open_email_pulses(now: datetime):
    return Pulse.objects.filter(
        distribution=Distribution.EMAIL, opens_at__lte=now, closes_at__gt=now, closed_at__isnull=True
    ).select_related("organisation")


def pulse_reminders_plan(*, now: datetime | None = None) -> int:
    """Queue today's reminders for invitations that have not been used yet; safe to run often."""
    now = now or timezone.now()
    today = timezone.localdate(now)

    def remind(pulse: Pulse) -> int:
        if today not in _reminder_dates(pulse):
            return 0
        queued = 0
        for code in pulse.codes.filter(used=False).exclude(email=""):
            _, new = _enqueue_code_mail(
                pulse, code, key=f"pulse-reminder:{pulse.pk}:{code.pk}:{today.isoformat()}", reminder=True
            )
            queued += new
        return queued

    return _each(_open_email_pulses(now), remind, "Planning reminders")


def _enqueue_code_mail(pulse: Pulse, code: PulseCode, *, key: str, reminder: bool):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "pulse": pulse,
            "url": answer_url(code.code, code=True),
            "code": code.display,
            "code_entry_url": settings.SITE_URL + reverse("pulse_code_enter"),
            "reminder": reminder,
        }
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


def pulses_closed_cleanup(*, now: datetime | None = None) -> int:
    """Close (seal) every pulse whose closing time has passed; drop old guessing counters."""
    now = now or timezone.now()
    done = pulses_close_due(now=now)
    CodeAttempt.objects.filter(window__lt=now - 2 * ATTEMPT_WINDOW).delete()
    return done


@transaction.atomic
def pulse_next_round(*, pulse: Pulse) -> Pulse | None:
    """Create the next round of a recurring pulse once (the OneToOne `previous` enforces it)."""
    pulse = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if not pulse.recurrence or Pulse.objects.filter(previous=pulse).exists():
        return None
    step = timedelta(days=RECURRENCE_DAYS[pulse.recurrence])
    try:
        opens_at, closes_at = pulse.opens_at + step, pulse.closes_at + step
    except OverflowError:
        opens_at = closes_at = None
    if opens_at is None or not (opens_at.year >= YEAR_MIN and closes_at.year <= YEAR_MAX):
        logger.warning(
            "Pulse %s: next round would fall outside %s-%s; none created", pulse.pk, YEAR_MIN, YEAR_MAX
        )
        return None
    return pulse_create(
        org=pulse.organisation,
        title=pulse.title,
        kind=pulse.kind,
        questions=[pq.question for pq in pulse.pulse_questions.select_related("question")],
        teams=list(pulse.teams.all()),
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=pulse.distribution,
        open_question=pulse.open_question,
        open_question_en=pulse.open_question_en,
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
    return _each(due.order_by("pk"), lambda p: pulse_next_round(pulse=p) is not None, "Next round")
