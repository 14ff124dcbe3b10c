"""Preconditions per organisation, their yearly review reminder and the public signals page's link."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, Organisation, Role
from werkstressweek.notify.services import notification_enqueue

from ..models import Precondition, PreconditionKind, PreconditionStatus

REVIEW_EVERY_DAYS = 365
SIGNALS_SALT = "actions.signals-page"


@transaction.atomic
def precondition_save(
    *,
    org: Organisation,
    kind: str,
    status: str,
    note: str = "",
    public_info: str = "",
    dated_on: dt.date | None = None,
    last_reviewed_on: dt.date | None = None,
) -> Precondition:
    """Create or update one precondition of an organisation."""
    if kind not in PreconditionKind.values:
        raise ValidationError({"kind": _("Unknown precondition.")})
    if status not in PreconditionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    today = timezone.localdate()
    if last_reviewed_on and last_reviewed_on > today:
        raise ValidationError({"last_reviewed_on": _("The review date cannot be in the future.")})
    precondition, _created = Precondition.objects.update_or_create(
        organisation=org,
        kind=kind,
        defaults={
            "status": status,
            "note": note.strip(),
            "public_info": public_info.strip(),
            "dated_on": dated_on,
            "last_reviewed_on": last_reviewed_on,
        },
    )
    return precondition


def signals_token(org: Organisation) -> str:
    """An unguessable, stable token for the organisation's public signals page (no database row)."""
    digest = salted_hmac(SIGNALS_SALT, str(org.pk), algorithm="sha256").hexdigest()[:24]
    return f"{org.pk}-{digest}"


def signals_org_id(token: str) -> int | None:
    """The organisation id a signals token was made for, or None for a forged or broken token."""
    pk, _sep, digest = token.partition("-")
    if not pk.isdigit() or len(pk) > 12:
        return None
    expected = salted_hmac(SIGNALS_SALT, pk, algorithm="sha256").hexdigest()[:24]
    return int(pk) if constant_time_compare(digest, expected) else None


def preconditions_review_plan(*, today: dt.date | None = None) -> int:
    """Remind HR once a year to review each precondition; unique outbox keys make it safe to rerun."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=REVIEW_EVERY_DAYS)
    due = Precondition.objects.filter(last_reviewed_on__lte=cutoff).select_related("organisation")
    created = 0
    hr_by_org: dict[int, list[tuple[str, str]]] = {}
    for member in Membership.objects.filter(
        organisation_id__in={p.organisation_id for p in due}, role=Role.HR, user__is_active=True
    ).select_related("user"):
        hr_by_org.setdefault(member.organisation_id, []).append((member.user.email, member.user.language))
    for precondition in due:
        org = precondition.organisation
        url = settings.SITE_URL + reverse("actions:preconditions", kwargs={"org_slug": org.slug})
        for address, language in hr_by_org.get(org.pk, []):
            with translation.override(language or "nl"):
                subject = _("Yearly review: %(name)s") % {"name": precondition.get_kind_display()}
                body = _(
                    "It is a year since “%(name)s” was last reviewed (%(date)s). Check that it is still "
                    "in place and up to date, and record the review:\n%(url)s\n"
                ) % {
                    "name": precondition.get_kind_display(),
                    "date": precondition.last_reviewed_on.strftime("%d-%m-%Y"),
                    "url": url,
                }
            key = f"actions.precondition_review:{precondition.pk}:{precondition.last_reviewed_on}:{address.lower()}"
            _n, new = notification_enqueue(
                key=key,
                recipient=address,
                kind="actions.precondition_review",
                subject=subject,
                body=body,
                organisation=org,
            )
            created += new
    return created
