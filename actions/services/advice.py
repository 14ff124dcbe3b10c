"""The works council's advice or consent on the plan of action."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User

from ..models import AdviceKind, AdvicePosition, CouncilAdvice


@transaction.atomic
def advice_record(
    *,
    org: Organisation,
    by: User,
    kind: str,
    given_on: dt.date,
    position: str,
    conditions: str = "",
    note: str = "",
) -> CouncilAdvice:
    """Add the council's position to the history; earlier entries stay as they were."""
    errors: dict[str, str] = {}
    if kind not in AdviceKind.values:
        errors["kind"] = _("Choose advice or consent.")
    if position not in AdvicePosition.values:
        errors["position"] = _("Choose the council's position.")
    if position == AdvicePosition.CONDITIONAL and not conditions.strip():
        errors["conditions"] = _("Say which conditions the council attaches.")
    if errors:
        raise ValidationError(errors)
    return CouncilAdvice.objects.create(
        organisation=org,
        recorded_by=by,
        kind=kind,
        given_on=given_on,
        position=position,
        conditions=conditions.strip(),
        note=note.strip(),
    )
