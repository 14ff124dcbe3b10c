"""CSV/XLSX export of the agenda and the communication plan, and agenda import (django-import-export).

Column names are Dutch and fixed, so an export can be edited in a spreadsheet and imported again.
Cells that a spreadsheet would read as a formula are neutralised on export.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from werkstressweek.documents.tabular import neutralise

from .models import Activity, ActivityFormat, ActivityKind, Audience, Campaign, CommunicationItem, Theme


class SafeExportMixin:
    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class ChoiceLabelWidget(widgets.Widget):
    """Exports the label of a choice; imports the code or the Dutch or English label."""

    def __init__(self, choices, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for code, label in self.choices:
            names = {code.lower()}
            for lang in ("nl", "en"):
                with translation.override(lang):
                    names.add(str(label).lower())
            if text in names:
                return code
        allowed = ", ".join(str(label) for _code, label in self.choices)
        raise ValueError(_("“%(value)s” is not one of: %(allowed)s") % {"value": value, "allowed": allowed})

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class CatalogueWidget(widgets.Widget):
    """A catalogue entry by its slug or its Dutch or English name."""

    def __init__(self, model, *, required: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.model = model
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("This column is required."))
            return None
        for entry in self.model.objects.all():
            if text.lower() in {entry.slug, entry.name_nl.lower(), entry.name_en.lower()}:
                return entry
        raise ValueError(_("“%(value)s” is unknown.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date (use 2026-11-16 or 16-11-2026).") % {"value": text})


def _parse_time(value) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = str(value or "").strip().replace(".", ":")
    try:
        return dt.time.fromisoformat(text if len(text) > 2 else f"{int(text):02d}:00")
    except ValueError:
        raise ValueError(_("“%(value)s” is not a time (use 09:30).") % {"value": text}) from None


class ActivityResource(SafeExportMixin, resources.ModelResource):
    day = fields.Field(column_name="dag", readonly=True)
    start = fields.Field(column_name="van", readonly=True)
    end = fields.Field(column_name="tot", readonly=True)
    kind = fields.Field(
        attribute="kind", column_name="soort", widget=CatalogueWidget(ActivityKind, required=True)
    )
    title = fields.Field(attribute="title", column_name="titel")
    description = fields.Field(attribute="description", column_name="omschrijving")
    theme = fields.Field(
        attribute="theme", column_name="thema", widget=CatalogueWidget(Theme, required=False)
    )
    format = fields.Field(
        attribute="format", column_name="vorm", widget=ChoiceLabelWidget(ActivityFormat.choices)
    )
    location = fields.Field(attribute="location", column_name="locatie")
    audience = fields.Field(
        attribute="audience", column_name="doelgroep", widget=ChoiceLabelWidget(Audience.choices)
    )
    capacity = fields.Field(attribute="capacity", column_name="plaatsen", widget=widgets.IntegerWidget())
    facilitator = fields.Field(attribute="facilitator", column_name="facilitator")

    class Meta:
        model = Activity
        fields = (
            "day",
            "start",
            "end",
            "kind",
            "title",
            "description",
            "theme",
            "format",
            "location",
            "audience",
            "capacity",
            "facilitator",
        )
        export_order = fields
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, *, campaign: Campaign) -> None:
        super().__init__()
        self.campaign = campaign

    def get_queryset(self):
        return self.campaign.activities.select_related("kind", "theme")

    def init_instance(self, row=None):
        return Activity(campaign=self.campaign)

    def dehydrate_day(self, activity: Activity) -> str:
        return timezone.localtime(activity.starts_at).date().isoformat()

    def dehydrate_start(self, activity: Activity) -> str:
        return timezone.localtime(activity.starts_at).strftime("%H:%M")

    def dehydrate_end(self, activity: Activity) -> str:
        return timezone.localtime(activity.ends_at).strftime("%H:%M")

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        when: dict = {}
        for column, parse in (("dag", _parse_date), ("van", _parse_time), ("tot", _parse_time)):
            try:
                when[column] = parse(row.get(column))
            except ValueError as exc:
                errors[column] = [str(exc)]
        if len(when) == 3:
            instance.starts_at = timezone.make_aware(dt.datetime.combine(when["dag"], when["van"]))
            instance.ends_at = timezone.make_aware(dt.datetime.combine(when["dag"], when["tot"]))
        if errors:
            raise ValidationError(errors)


class CommunicationResource(SafeExportMixin, resources.ModelResource):
    phase = fields.Field(
        attribute="phase", column_name="fase", widget=ChoiceLabelWidget(CommunicationItem.Phase.choices)
    )
    channel = fields.Field(
        attribute="channel", column_name="kanaal", widget=ChoiceLabelWidget(CommunicationItem.Channel.choices)
    )
    planned_on = fields.Field(
        attribute="planned_on", column_name="datum", widget=widgets.DateWidget("%Y-%m-%d")
    )
    audience = fields.Field(attribute="audience", column_name="doelgroep")
    owner = fields.Field(attribute="owner", column_name="eigenaar")
    subject = fields.Field(attribute="subject", column_name="onderwerp")
    text = fields.Field(attribute="text", column_name="tekst")
    status = fields.Field(
        attribute="status", column_name="status", widget=ChoiceLabelWidget(CommunicationItem.Status.choices)
    )
    views = fields.Field(attribute="views", column_name="weergaven")
    reactions = fields.Field(attribute="reactions", column_name="reacties")
    attendees = fields.Field(attribute="attendees", column_name="deelnemers")

    class Meta:
        model = CommunicationItem
        fields = (
            "phase",
            "channel",
            "planned_on",
            "audience",
            "owner",
            "subject",
            "text",
            "status",
            "views",
            "reactions",
            "attendees",
        )
        export_order = fields

    def __init__(self, *, campaign: Campaign) -> None:
        super().__init__()
        self.campaign = campaign

    def get_queryset(self):
        return self.campaign.communications.all()
