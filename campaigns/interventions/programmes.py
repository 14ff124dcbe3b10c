"""Building programmes of micro-interventions and assigning them to teams."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team

from ..models import Campaign, Intervention, Programme, ProgrammeAssignment, ProgrammeMoment

# The standard day: morning prompt, breathing reset, digital boundary reminder, reflection.
STANDARD_DAY = [
    (dt.time(9, 0), "ochtend-vooruitkijken"),
    (dt.time(13, 0), "middagreset-ademhaling"),
    (dt.time(15, 30), "digitale-grens-scherm"),
    (dt.time(16, 45), "reflectie-uitdaging"),
]


@transaction.atomic
def programme_create(
    *, org: Organisation, campaign: Campaign, name: str, weeks_after: int = 0, standard_day: bool = True
) -> Programme:
    """Create a programme for a campaign; with `standard_day` it starts with the four standard moments."""
    if campaign.organisation_id != org.id:
        raise ValidationError({"campaign": _("Choose one of your campaigns.")})
    if weeks_after != 0 and not 4 <= weeks_after <= 12:
        raise ValidationError({"weeks_after": _("Choose the campaign week only, or 4 to 12 weeks after it.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the programme a name.")})
    programme = Programme.objects.create(
        organisation=org, campaign=campaign, name=name.strip(), weeks_after=weeks_after
    )
    if standard_day:
        library = {
            i.code: i
            for i in Intervention.objects.filter(organisation=None, code__in=[c for _t, c in STANDARD_DAY])
        }
        ProgrammeMoment.objects.bulk_create(
            ProgrammeMoment(programme=programme, intervention=library[code], time=time)
            for time, code in STANDARD_DAY
            if code in library
        )
    return programme


def moment_add(*, programme: Programme, intervention: Intervention, time: dt.time) -> ProgrammeMoment:
    if intervention.organisation_id not in (None, programme.organisation_id):
        raise ValidationError({"intervention": _("Choose an intervention from your library.")})
    try:
        with transaction.atomic():
            return ProgrammeMoment.objects.create(programme=programme, intervention=intervention, time=time)
    except IntegrityError:
        raise ValidationError({"time": _("This intervention is already planned at this time.")}) from None


def moment_remove(*, moment: ProgrammeMoment) -> None:
    moment.delete()


def programme_assign(
    *,
    programme: Programme,
    team: Team,
    working_days: list[int],
    shift_minutes: int = 0,
    quiet_days: list[dt.date] | None = None,
) -> ProgrammeAssignment:
    """Give a team the programme, with its own working days, time shift and quiet days."""
    errors = {}
    if team.organisation_id != programme.organisation_id:
        errors["team"] = _("Choose one of your teams.")
    days = sorted({int(d) for d in working_days})
    if not days or not all(1 <= d <= 7 for d in days):
        errors["working_days"] = _("Choose at least one working day.")
    if not -720 <= shift_minutes <= 720:
        errors["shift_minutes"] = _("Shift the times by at most 12 hours (720 minutes).")
    if errors:
        raise ValidationError(errors)
    assignment, _new = ProgrammeAssignment.objects.update_or_create(
        programme=programme,
        team=team,
        defaults={
            "working_days": "".join(str(d) for d in days),
            "shift_minutes": shift_minutes,
            "quiet_days": sorted(d.isoformat() for d in quiet_days or []),
        },
    )
    return assignment


def assignment_remove(*, assignment: ProgrammeAssignment) -> None:
    assignment.delete()


def library_for(org: Organisation):
    return Intervention.objects.filter(Q(organisation=None) | Q(organisation=org))
