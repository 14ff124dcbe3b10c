"""Work done by Celery beat: invitations, reminders, deleting addresses, next rounds."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.notify.models import Notification
from werkstressweek.notify.services import notification_enqueue

from ..models import (
    CodeAttempt,
    Distribution,
    Pulse,
    PulseCode,
)
from .pulses import ATTEMPT_WINDOW, RECURRENCE_DAYS, pulse_create

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
