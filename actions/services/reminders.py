"""Check-in reminders through the outbox: three days before, once when overdue, escalation a week later.

Every message has a unique outbox key (kind + check-in + due date [+ recipient]), so running the
planner twice — beat firing twice, two workers at once — creates each message once, and the outbox
sends each row at most once. A check-in that moves to a new date gets its own reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, Role
from werkstressweek.notify.models import Notification
from werkstressweek.notify.services import notification_enqueue

from ..models import ACTIVE_STATUSES, CheckIn

REMIND_DAYS_BEFORE = 3
ESCALATE_DAYS_AFTER = 7
ESCALATION_ROLES = (Role.HR, Role.CORE_TEAM)
KEY_CHUNK = 500

KIND_SOON = "actions.checkin_soon"
KIND_OVERDUE = "actions.checkin_overdue"
KIND_ESCALATION = "actions.checkin_escalation"


@dataclass(frozen=True)
class Planned:
    key: str
    kind: str
    recipient: str
    language: str
    checkin: CheckIn


def reminder_key(kind: str, checkin: CheckIn, recipient: str = "") -> str:
    key = f"{kind}:{checkin.pk}:{checkin.due_on.isoformat()}"
    return f"{key}:{recipient.lower()}" if recipient else key


def open_checkins(*, until: dt.date) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        recorded_at__isnull=True, action__status__in=ACTIVE_STATUSES, due_on__lte=until
    ).select_related("action__organisation", "action__owner_membership__user", "action__team")


def _escalation_recipients(org_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    recipients: dict[int, list[tuple[str, str]]] = {}
    members = Membership.objects.filter(
        organisation_id__in=set(org_ids), role__in=ESCALATION_ROLES, user__is_active=True
    ).select_related("user")
    for member in members.order_by("pk"):
        recipients.setdefault(member.organisation_id, []).append((member.user.email, member.user.language))
    return recipients


def _owner(checkin: CheckIn) -> tuple[str, str]:
    action = checkin.action
    if action.owner_membership_id and action.owner_membership:
        return action.owner_membership.user.email, action.owner_membership.user.language
    return action.owner_email, "nl"


def reminders_due(*, today: dt.date) -> list[Planned]:
    """Every reminder that should exist today (whether or not it exists already)."""
    planned: list[Planned] = []
    escalate: list[CheckIn] = []
    for checkin in open_checkins(until=today + dt.timedelta(days=REMIND_DAYS_BEFORE)):
        address, language = _owner(checkin)
        kind = KIND_SOON if checkin.due_on >= today else KIND_OVERDUE
        if address:
            planned.append(Planned(reminder_key(kind, checkin), kind, address, language, checkin))
        if today >= checkin.due_on + dt.timedelta(days=ESCALATE_DAYS_AFTER):
            escalate.append(checkin)
    recipients = _escalation_recipients(c.action.organisation_id for c in escalate)
    for checkin in escalate:
        for address, language in recipients.get(checkin.action.organisation_id, []):
            key = reminder_key(KIND_ESCALATION, checkin, address)
            planned.append(Planned(key, KIND_ESCALATION, address, language, checkin))
    return planned


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start : start + KEY_CHUNK]
        found.update(Notification.objects.filter(key__in=chunk).values_list("key", flat=True))
    return found


def _message(item: Planned) -> tuple[str, str]:
    checkin = item.checkin
    action = checkin.action
    url = settings.SITE_URL + reverse(
        "actions:checkin_record",
        kwargs={"org_slug": action.organisation.slug, "action_id": action.pk, "checkin_id": checkin.pk},
    )
    values = {
        "day": checkin.day,
        "title": action.title,
        "date": checkin.due_on.strftime("%d-%m-%Y"),
        "url": url,
        "owner": action.owner_display,
        "team": action.team.name if action.team else "—",
    }
    with translation.override(item.language or "nl"):
        if item.kind == KIND_SOON:
            subject = _("Check-in due on %(date)s: %(title)s") % values
            body = (
                _(
                    "The %(day)d-day check-in of the action “%(title)s” is due on %(date)s.\n\n"
                    "Record how it is going (on track, at risk or off track) and what you measured:\n%(url)s\n"
                )
                % values
            )
        elif item.kind == KIND_OVERDUE:
            subject = _("Check-in overdue: %(title)s") % values
            body = (
                _(
                    "The %(day)d-day check-in of the action “%(title)s” was due on %(date)s and has not been "
                    "recorded yet.\n\nRecord it here:\n%(url)s\n"
                )
                % values
            )
        else:
            subject = _("Escalation: check-in a week overdue: %(title)s") % values
            body = (
                _(
                    "The %(day)d-day check-in of the action “%(title)s” (owner: %(owner)s, team: %(team)s) "
                    "was due on %(date)s and is still open a week later.\n\n"
                    "Please follow it up with the owner:\n%(url)s\n"
                )
                % values
            )
    return subject, body


def checkin_reminders_plan(*, today: dt.date | None = None) -> int:
    """Put today's check-in reminders in the outbox; return how many new ones were created."""
    today = today or timezone.localdate()
    planned = reminders_due(today=today)
    existing = _existing_keys([item.key for item in planned])
    created = 0
    escalated: set[int] = set()
    for item in planned:
        if item.kind == KIND_ESCALATION:
            escalated.add(item.checkin.pk)
        if item.key in existing:
            continue
        subject, body = _message(item)
        _notification, new = notification_enqueue(
            key=item.key,
            recipient=item.recipient,
            kind=item.kind,
            subject=subject,
            body=body,
            organisation=item.checkin.action.organisation,
        )
        created += new
    if escalated:
        CheckIn.objects.filter(pk__in=escalated, escalated_at__isnull=True).update(
            escalated_at=timezone.now()
        )
    return created
