"""Create and change actions; every action gets its 30-, 60- and 90-day check-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User

from ..models import CHECKIN_DAYS, Action, CheckIn, Level, Status

ACTION_FIELDS = frozenset(
    {
        "campaign",
        "title",
        "description",
        "risk",
        "level",
        "team",
        "owner_membership",
        "owner_name",
        "owner_email",
        "start_date",
        "deadline",
        "measure_what",
        "measure_target",
        "measure_how",
        "measure_dimension",
        "source",
        "source_pulse",
        "rie_reference",
        "expertise",
        "priority",
        "status",
        "budget",
    }
)


def working_day(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls on a weekend."""
    if day.weekday() >= 5:
        return day + dt.timedelta(days=7 - day.weekday())
    return day


def checkin_base(*, action: Action) -> dt.date:
    """Check-ins count from the end of the campaign week, or from the action's start without one."""
    if action.campaign_id and action.campaign is not None:
        return action.campaign.week_end
    return action.start_date


def checkin_dates(*, base: dt.date) -> list[tuple[int, dt.date]]:
    """The 30-, 60- and 90-day check-in dates after `base`, never on a weekend."""
    return [(days, working_day(base + dt.timedelta(days=days))) for days in CHECKIN_DAYS]


def action_validate(action: Action) -> None:
    """The rules of an action that forms, imports and the demo share."""
    errors: dict[str, list[str]] = {}
    org_id = action.organisation_id

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if action.team_id and action.team.organisation_id != org_id:
        add("team", _("Choose one of your organisation's teams."))
    if action.campaign_id and action.campaign.organisation_id != org_id:
        add("campaign", _("Choose one of your organisation's campaigns."))
    if action.owner_membership_id and action.owner_membership.organisation_id != org_id:
        add("owner_membership", _("Choose a member of your organisation."))
    if action.source_pulse_id and action.source_pulse.organisation_id != org_id:
        add("source_pulse", _("Choose one of your organisation's pulses."))
    if action.level == Level.TEAM and not action.team_id:
        add("team", _("A team action needs a team."))
    if not action.owner_membership_id:
        if not action.owner_name.strip():
            add("owner_name", _("Choose a member as owner, or give the owner's name and e-mail address."))
        elif not action.owner_email.strip():
            add("owner_email", _("Give the owner's e-mail address, so reminders reach them."))
    if action.start_date and action.deadline and action.deadline < action.start_date:
        add("deadline", _("The deadline cannot be before the planned start."))
    if errors:
        raise ValidationError(errors)
    # Relations were checked above, in memory; full_clean checks choices, lengths and formats.
    action.full_clean(
        exclude=["organisation", "created_by", "team", "campaign", "owner_membership", "source_pulse"],
        validate_constraints=False,
    )


def _plan_checkins(action: Action) -> None:
    """Create missing check-ins and move the dates of open ones to follow the action's base date."""
    existing = {c.day: c for c in action.checkins.all()}
    for days, due_on in checkin_dates(base=checkin_base(action=action)):
        checkin = existing.get(days)
        if checkin is None:
            CheckIn.objects.create(action=action, day=days, due_on=due_on)
        elif not checkin.is_recorded and checkin.due_on != due_on:
            checkin.due_on = due_on
            checkin.save(update_fields=["due_on"])


@transaction.atomic
def action_create(*, org: Organisation, by: User | None = None, **fields: Any) -> Action:
    """A new action with its three check-ins. Raises ValidationError with messages per field."""
    unknown = set(fields) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    action = Action(organisation=org, created_by=by, **fields)
    action_validate(action)
    action.save()
    _plan_checkins(action)
    return action


@transaction.atomic
def action_update(*, action: Action, **fields: Any) -> Action:
    """Change an action; open check-ins follow a new campaign or start date."""
    unknown = set(fields) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, value)
    action_validate(action)
    action.save()
    _plan_checkins(action)
    return action


@transaction.atomic
def action_set_status(*, action: Action, status: str) -> Action:
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    Action.objects.filter(pk=action.pk).update(status=status)
    action.status = status
    return action


def checkins_plan_missing(*, org: Organisation) -> int:
    """Give every action of the organisation without check-ins its three (after a bulk import).

    A plain multi-row INSERT: for tens of thousands of check-ins the ORM's bulk_create spends most
    of its time preparing values of columns that keep their defaults here.
    """
    actions = (
        Action.objects.filter(organisation=org, checkins__isnull=True)
        .select_related("campaign")
        .only("pk", "start_date", "campaign__week_start")
    )
    rows = [
        (action.pk, days, due_on)
        for action in actions
        for days, due_on in checkin_dates(base=checkin_base(action=action))
    ]
    table = connection.ops.quote_name(CheckIn._meta.db_table)
    sql = f"INSERT INTO {table} (action_id, day, due_on, progress, note, measured_value) VALUES (%s, %s, %s, '', '', '')"  # noqa: S608,E501 - table name only
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
