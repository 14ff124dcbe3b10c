"""The agenda (import and export) and the communication plan (export) in the transfer registry."""

from __future__ import annotations

import tablib
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.tenancy import EDITOR_ROLES
from werkstressweek.transfer.registry import Exporter, Importer, Scope, register

from .models import Campaign
from .resources import ActivityResource, CommunicationResource

AGENDA_COLUMNS = (
    "dag",
    "van",
    "tot",
    "soort",
    "titel",
    "omschrijving",
    "thema",
    "vorm",
    "locatie",
    "doelgroep",
    "plaatsen",
    "facilitator",
)


class CampaignScoped:
    scope_kwargs = ("campaign_id",)

    def scope_objects(self, request, *, campaign_id: int) -> dict:
        campaign = get_object_or_404(Campaign, pk=campaign_id, organisation=request.org)
        return {"campaign": campaign}


@register
class AgendaImporter(CampaignScoped, Importer):
    identifier = "agenda"
    label = gettext_lazy("Import an agenda")
    roles = EDITOR_ROLES
    columns = AGENDA_COLUMNS
    required_columns = AGENDA_COLUMNS
    help_text = gettext_lazy(
        "One activity per row. The easiest way: export the agenda, fill it in with a spreadsheet and "
        "upload it. Dates as 2026-11-16 or 16-11-2026, times as 09:30."
    )

    def resource(self, scope: Scope) -> ActivityResource:
        return ActivityResource(campaign=scope.objects["campaign"])

    def success_url(self, scope: Scope) -> str:
        kwargs = {"org_slug": scope.org.slug, "campaign_id": scope.objects["campaign"].pk, "step": "agenda"}
        return reverse("campaigns:wizard", kwargs=kwargs)

    def success_message(self, count: int) -> str:
        return _("%(n)d activities imported.") % {"n": count}


@register
class AgendaExporter(CampaignScoped, Exporter):
    identifier = "agenda"
    label = gettext_lazy("Agenda")

    def dataset(self, scope: Scope) -> tablib.Dataset:
        return ActivityResource(campaign=scope.objects["campaign"]).export()

    def filename(self, scope: Scope) -> str:
        return f"{scope.objects['campaign'].name}-agenda"


@register
class CommunicationExporter(CampaignScoped, Exporter):
    identifier = "communication"
    label = gettext_lazy("Communication plan")

    def dataset(self, scope: Scope) -> tablib.Dataset:
        return CommunicationResource(campaign=scope.objects["campaign"]).export()

    def filename(self, scope: Scope) -> str:
        return f"{scope.objects['campaign'].name}-communication"
