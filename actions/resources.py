"""The plan of action in and out of CSV/XLSX (django-import-export).

The columns are a superset of the plan-of-action timeline that the public RI&E tools built on OiRA
export (risk, measure, expertise, owner, budget, planned start and end), so an organisation can
move its plan of action in and out. Column names are Dutch and fixed; English names are accepted
on import. Rows are checked by the same rule as the forms (`action_validate`) and saved in bulk.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from werkstressweek.accounts.models import Membership, Organisation, Team, User
from werkstressweek.documents.tabular import neutralise
from werkstressweek.transfer.widgets import ChoiceWidget, DateWidget

from .models import Action, Level, Priority, Risk, Source, Status
from .services.actions import action_validate, checkins_plan_missing

COLUMNS = (
    "risico",
    "maatregel",
    "omschrijving",
    "niveau",
    "team",
    "eigenaar",
    "eigenaar e-mail",
    "deskundigheid",
    "budget",
    "geplande start",
    "deadline",
    "meetpunt",
    "streefwaarde",
    "status",
    "prioriteit",
    "rie-referentie",
)
ALIASES = {
    "risk": "risico",
    "measure": "maatregel",
    "description": "omschrijving",
    "level": "niveau",
    "owner": "eigenaar",
    "verantwoordelijke": "eigenaar",
    "owner e-mail": "eigenaar e-mail",
    "owner email": "eigenaar e-mail",
    "e-mail": "eigenaar e-mail",
    "expertise": "deskundigheid",
    "expertise needed": "deskundigheid",
    "deskundigheid nodig": "deskundigheid",
    "planned start": "geplande start",
    "geplande startdatum": "geplande start",
    "start": "geplande start",
    "einddatum": "deadline",
    "geplande einddatum": "deadline",
    "planned end": "deadline",
    "measurement point": "meetpunt",
    "target": "streefwaarde",
    "priority": "prioriteit",
    "rie reference": "rie-referentie",
    "ri&e-referentie": "rie-referentie",
    "ri&e reference": "rie-referentie",
}
# Errors on model fields are reported under the column the user typed them in.
FIELD_COLUMNS = {
    "risk": "risico",
    "title": "maatregel",
    "description": "omschrijving",
    "level": "niveau",
    "team": "team",
    "owner_membership": "eigenaar",
    "owner_name": "eigenaar",
    "owner_email": "eigenaar e-mail",
    "expertise": "deskundigheid",
    "budget": "budget",
    "start_date": "geplande start",
    "deadline": "deadline",
    "measure_what": "meetpunt",
    "measure_target": "streefwaarde",
    "status": "status",
    "priority": "prioriteit",
    "rie_reference": "rie-referentie",
}

RISK_ALIASES = {
    "werkdruk": Risk.WORKLOAD,
    "agressie en geweld": Risk.AGGRESSION,
    "agressie": Risk.AGGRESSION,
    "pesten": Risk.BULLYING,
    "intimidatie": Risk.INTIMIDATION,
    "discriminatie": Risk.DISCRIMINATION,
    "seksuele intimidatie": Risk.SEXUAL_HARASSMENT,
    "werk-privébalans": Risk.BALANCE,
    "werk-privebalans": Risk.BALANCE,
    "regelruimte": Risk.AUTONOMY,
    "autonomie": Risk.AUTONOMY,
    "werkonzekerheid": Risk.INSECURITY,
    "overig": Risk.OTHER,
    "anders": Risk.OTHER,
}
LEVEL_ALIASES = {
    "organisatie": Level.ORGANISATION,
    "individu": Level.INDIVIDUAL,
    "individueel": Level.INDIVIDUAL,
}
STATUS_ALIASES = {
    "in uitvoering": Status.IN_PROGRESS,
    "bezig": Status.IN_PROGRESS,
    "afgerond": Status.DONE,
    "gereed": Status.DONE,
    "klaar": Status.DONE,
    "geannuleerd": Status.CANCELLED,
    "vervallen": Status.CANCELLED,
}
PRIORITY_ALIASES = {
    "hoog": Priority.HIGH,
    "midden": Priority.MEDIUM,
    "gemiddeld": Priority.MEDIUM,
    "laag": Priority.LOW,
}


class MoneyWidget(widgets.Widget):
    """Euros as 1200, 1200.50, 1.200,50 or € 1.200; empty is no budget."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            amount = Decimal(str(value))
        else:
            text = str(value or "").replace("€", "").replace(" ", "").strip()
            if not text:
                return None
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                raise ValueError(_("“%(value)s” is not an amount in euros.") % {"value": value}) from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e8"):
            raise ValueError(_("The budget must be an amount of 0 or more."))
        return amount.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ActionResource(resources.ModelResource):
    risk = fields.Field(
        attribute="risk",
        column_name="risico",
        widget=ChoiceWidget(Risk.choices, default=Risk.OTHER, aliases=RISK_ALIASES),
    )
    title = fields.Field(attribute="title", column_name="maatregel")
    description = fields.Field(attribute="description", column_name="omschrijving")
    level = fields.Field(
        attribute="level",
        column_name="niveau",
        widget=ChoiceWidget(Level.choices, default="", aliases=LEVEL_ALIASES),
    )
    team = fields.Field(column_name="team", readonly=True)
    owner = fields.Field(column_name="eigenaar", readonly=True)
    owner_email = fields.Field(column_name="eigenaar e-mail", readonly=True)
    expertise = fields.Field(attribute="expertise", column_name="deskundigheid")
    budget = fields.Field(attribute="budget", column_name="budget", widget=MoneyWidget())
    start_date = fields.Field(
        attribute="start_date", column_name="geplande start", widget=DateWidget(required=False)
    )
    deadline = fields.Field(attribute="deadline", column_name="deadline", widget=DateWidget())
    measure_what = fields.Field(attribute="measure_what", column_name="meetpunt")
    measure_target = fields.Field(attribute="measure_target", column_name="streefwaarde")
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Status.choices, default=Status.OPEN, aliases=STATUS_ALIASES),
    )
    priority = fields.Field(
        attribute="priority",
        column_name="prioriteit",
        widget=ChoiceWidget(Priority.choices, default=Priority.MEDIUM, aliases=PRIORITY_ALIASES),
    )
    rie_reference = fields.Field(attribute="rie_reference", column_name="rie-referentie")

    class Meta:
        model = Action
        fields = (
            "risk",
            "title",
            "description",
            "level",
            "team",
            "owner",
            "owner_email",
            "expertise",
            "budget",
            "start_date",
            "deadline",
            "measure_what",
            "measure_target",
            "status",
            "priority",
            "rie_reference",
        )
        export_order = fields
        import_id_fields = ()
        force_init_instance = True
        skip_diff = True
        use_bulk = True
        batch_size = 1000
        use_transactions = True

    def __init__(self, *, org: Organisation, by: User | None = None) -> None:
        super().__init__()
        self.org = org
        self.by = by
        self._teams: dict[str, Team] | None = None
        self._members: dict[str, Membership] | None = None

    # --- export --------------------------------------------------------------------------------

    def get_queryset(self):
        return Action.objects.filter(organisation=self.org).select_related("team", "owner_membership__user")

    def dehydrate_team(self, action: Action) -> str:
        return action.team.name if action.team else ""

    def dehydrate_owner(self, action: Action) -> str:
        return action.owner_display

    def dehydrate_owner_email(self, action: Action) -> str:
        return action.owner_address

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    # --- import --------------------------------------------------------------------------------

    def teams(self) -> dict[str, Team]:
        if self._teams is None:
            self._teams = {t.name.strip().lower(): t for t in Team.objects.filter(organisation=self.org)}
        return self._teams

    def members(self) -> dict[str, Membership]:
        """Members by e-mail address and by name (a name shared by two members matches neither)."""
        if self._members is None:
            found: dict[str, Membership] = {}
            names: dict[str, list[Membership]] = {}
            for member in Membership.objects.filter(organisation=self.org).select_related("user"):
                found[member.user.email.lower()] = member
                if member.user.name:
                    names.setdefault(member.user.name.strip().lower(), []).append(member)
            for name, members in names.items():
                if len(members) == 1:
                    found.setdefault(name, members[0])
            self._members = found
        return self._members

    def init_instance(self, row=None):
        return Action(organisation=self.org, created_by=self.by, source=Source.RIE, level="")

    def import_instance(self, instance: Action, row, **kwargs) -> None:
        errors: dict[str, list[str]] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            for name, messages in exc.update_error_dict({}).items():
                errors.setdefault(FIELD_COLUMNS.get(name, name), []).extend(messages)
        team_name = str(row.get("team") or "").strip()
        if team_name:
            team = self.teams().get(team_name.lower())
            if team is None:
                errors.setdefault("team", []).append(_("There is no team “%(name)s”.") % {"name": team_name})
            else:
                instance.team = team
        if not instance.level:
            instance.level = Level.TEAM if team_name else Level.ORGANISATION
        owner = str(row.get("eigenaar") or "").strip()
        email = str(row.get("eigenaar e-mail") or "").strip()
        member = self.members().get(email.lower()) or self.members().get(owner.lower())
        if member is not None:
            instance.owner_membership = member
        else:
            instance.owner_name = owner[:150]
            instance.owner_email = email[:254]
        if instance.start_date is None:
            instance.start_date = timezone.localdate()
        if errors:
            raise ValidationError(errors)
        try:
            action_validate(instance)
        except ValidationError as exc:
            raise ValidationError(
                {FIELD_COLUMNS.get(name, name): messages for name, messages in exc.message_dict.items()}
            ) from None

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run") and not result.has_errors() and not result.has_validation_errors():
            checkins_plan_missing(org=self.org)
