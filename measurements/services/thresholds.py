"""The organisation's traffic-light thresholds: changed by HR, recorded in the audit log."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record, changes

from ..models import SCALE, ResultSettings


def result_settings_get(*, org: Organisation) -> ResultSettings:
    """The organisation's thresholds, or the defaults (unsaved) when it never chose its own."""
    return ResultSettings.objects.filter(organisation=org).first() or ResultSettings(organisation=org)


@transaction.atomic
def result_thresholds_update(
    *, org: Organisation, red_below: Decimal, amber_below: Decimal, by: User | None
) -> ResultSettings:
    """Set the means below which a result is red and amber; the works council sees the change
    (old → new) in the audit log, written in the same transaction."""
    low, high = SCALE[0], SCALE[-1]
    errors = {}
    for name, value in (("red_below", red_below), ("amber_below", amber_below)):
        if not low <= value <= high:
            errors[name] = _("Choose a value from %(low)d to %(high)d.") % {"low": low, "high": high}
    if not errors and red_below >= amber_below:
        errors["amber_below"] = _("Amber must start above red: choose a higher value than for red.")
    if errors:
        raise ValidationError(errors)
    row, _created = ResultSettings.objects.select_for_update().get_or_create(organisation=org)
    old = (row.red_below, row.amber_below)
    row.red_below, row.amber_below = red_below, amber_below
    row.full_clean()
    row.save()
    details = changes(red_below=(Decimal(old[0]), red_below), amber_below=(Decimal(old[1]), amber_below))
    if details:
        audit_record(
            org=org,
            by=by,
            action=AuditAction.SETTINGS_THRESHOLDS,
            subject=str(_("Traffic-light thresholds")),
            details=details,
        )
    return row
