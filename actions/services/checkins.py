"""Recording a check-in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import User

from ..models import CheckIn, Progress, Status


@transaction.atomic
def checkin_record(
    *, checkin: CheckIn, progress: str, note: str = "", measured_value: str = "", by: User
) -> CheckIn:
    """Record (or correct) how an action is doing at a check-in, by whom and when.

    The first check-in of an open action also marks the action as in progress.
    """
    if progress not in Progress.values:
        raise ValidationError({"progress": _("Choose how the action is doing.")})
    checkin.progress = progress
    checkin.note = note.strip()
    checkin.measured_value = measured_value.strip()
    checkin.recorded_by = by
    checkin.recorded_at = timezone.now()
    checkin.full_clean(exclude=["action", "recorded_by"], validate_constraints=False)
    checkin.save(update_fields=["progress", "note", "measured_value", "recorded_by", "recorded_at"])
    action = checkin.action
    if action.status == Status.OPEN:
        type(action).objects.filter(pk=action.pk, status=Status.OPEN).update(status=Status.IN_PROGRESS)
        action.status = Status.IN_PROGRESS
    return checkin
