"""Teams with headcount and work pattern from CSV or Excel (django-import-export).

Cells a spreadsheet would run as a formula are neutralised on export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from werkstressweek.accounts.models import Organisation, Team, WorkPattern
from werkstressweek.documents.tabular import neutralise


class WorkPatternWidget(widgets.Widget):
    """Accepts the stored value or its label in Dutch or English (case-insensitive)."""

    ALIASES = {
        "office": WorkPattern.OFFICE,
        "kantoor": WorkPattern.OFFICE,
        "hybrid": WorkPattern.HYBRID,
        "hybride": WorkPattern.HYBRID,
        "remote": WorkPattern.REMOTE,
        "thuis": WorkPattern.REMOTE,
        "op afstand": WorkPattern.REMOTE,
        "shift": WorkPattern.SHIFT,
        "shifts": WorkPattern.SHIFT,
        "ploegendienst": WorkPattern.SHIFT,
        "diensten": WorkPattern.SHIFT,
    }

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip().lower()
        if not key:
            return WorkPattern.OFFICE
        if key not in self.ALIASES:
            raise ValueError(
                _("Unknown work pattern '%(value)s': use office, hybrid, remote or shift.") % {"value": value}
            )
        return self.ALIASES[key]

    def render(self, value, obj=None, **kwargs):
        return value


class TeamResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name")
    headcount = fields.Field(attribute="headcount", column_name="headcount", widget=widgets.IntegerWidget())
    work_pattern = fields.Field(
        attribute="work_pattern", column_name="work_pattern", widget=WorkPatternWidget()
    )

    class Meta:
        model = Team
        fields = ("name", "headcount", "work_pattern")
        import_id_fields = ("name",)
        skip_unchanged = True
        use_transactions = True

    def __init__(self, *, org: Organisation, **kwargs):
        super().__init__(**kwargs)
        self.org = org

    def get_queryset(self):
        return Team.objects.filter(organisation=self.org)

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        row["name"] = str(row.get("name") or "").strip()
        if not row["name"]:
            raise ValidationError({"name": _("A team needs a name.")})
        headcount = row.get("headcount")
        if headcount in (None, ""):
            raise ValidationError({"headcount": _("Give the headcount.")})
        try:
            if int(float(headcount)) < 0:
                raise ValueError
        except (TypeError, ValueError):
            raise ValidationError(
                {"headcount": _("The headcount must be a whole number of 0 or more.")}
            ) from None

    def init_instance(self, row=None):
        return Team(organisation=self.org)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Imported headcounts reach pulses that have not opened, as team_save does.
        from measurements.services import pulses_planned_follow_headcount  # accounts sits below

        pulses_planned_follow_headcount(org=self.org)
