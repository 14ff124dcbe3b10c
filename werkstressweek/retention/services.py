"""Retention: delete pulse comments and answers once their period after the pulse closed is over.

`retention_apply` is idempotent (a second run finds nothing left to delete) and works on one
organisation in one transaction; `retention_apply_all` (the daily beat task) goes through the
organisations one by one, so one failing organisation does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import logging
from calendar import monthrange
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record, changes

from .models import RetentionPolicy

log = logging.getLogger(__name__)


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_policy(*, org: Organisation) -> RetentionPolicy:
    """The organisation's periods (the defaults when it never changed them)."""
    return RetentionPolicy.objects.filter(organisation=org).first() or RetentionPolicy(organisation=org)


@transaction.atomic
def retention_update(
    *, org: Organisation, comments_months: int, answers_months: int, by: User | None
) -> RetentionPolicy:
    policy = retention_policy(org=org)
    details = changes(
        comments_months=(policy.comments_months, comments_months),
        answers_months=(policy.answers_months, answers_months),
    )
    policy.comments_months = comments_months
    policy.answers_months = answers_months
    policy.full_clean()
    policy.save()
    if details:
        audit_record(
            org=org,
            by=by,
            action=AuditAction.SETTINGS_RETENTION,
            subject=str(_("Retention periods")),
            details=details,
        )
    return policy


@dataclass(frozen=True)
class RetentionResult:
    comments: int = 0
    responses: int = 0
    answers: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.comments or self.responses or self.answers)


@transaction.atomic
def retention_apply(*, org: Organisation, now: dt.datetime | None = None) -> RetentionResult:
    """Delete what is past the organisation's periods; record what was removed in the audit log."""
    from measurements.models import Answer, Pulse, Response

    now = now or timezone.now()
    policy = retention_policy(org=org)
    answers_cutoff = months_before(now, policy.answers_months)
    comments_cutoff = months_before(now, policy.comments_months)
    expired = list(
        Pulse.objects.filter(organisation=org, closes_at__lte=answers_cutoff).values_list("pk", "title")
    )
    expired_ids = [pk for pk, _title in expired]
    answers, _by_model = Answer.objects.filter(pulse_id__in=expired_ids).delete()
    responses, _by_model = Response.objects.filter(pulse_id__in=expired_ids).delete()
    comment_pulses = list(
        Pulse.objects.filter(organisation=org, closes_at__lte=comments_cutoff)
        .filter(responses__comment__gt="")
        .distinct()
        .values_list("pk", "title")
    )
    comments = Response.objects.filter(
        pulse_id__in=[pk for pk, _title in comment_pulses], comment__gt=""
    ).update(comment="")
    result = RetentionResult(comments=comments, responses=responses, answers=answers)
    if result.anything:
        audit_record(
            org=org,
            by=None,
            action=AuditAction.RETENTION_DELETED,
            subject=", ".join(sorted({t for _pk, t in [*expired, *comment_pulses]}))[:300],
            details={
                "comments": comments,
                "responses": responses,
                "answers": answers,
                "answers_closed_before": answers_cutoff.date().isoformat(),
                "comments_closed_before": comments_cutoff.date().isoformat(),
            },
        )
    return result


def retention_apply_all(*, now: dt.datetime | None = None) -> dict[int, RetentionResult]:
    """Apply retention to every organisation, one at a time, each in its own transaction."""
    results: dict[int, RetentionResult] = {}
    for org in Organisation.objects.order_by("pk").iterator():
        try:
            results[org.pk] = retention_apply(org=org, now=now)
        except Exception:
            log.exception("retention failed for organisation %s", org.pk)
    return results
