"""Teams with headcount and work pattern in and out of CSV or Excel (the project's transfer registry)."""

from __future__ import annotations

import tablib
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.transfer.registry import Exporter, Importer, Scope, register

from .models import Role
from .resources import TeamResource


@register
class TeamsImporter(Importer):
    identifier = "teams"
    label = gettext_lazy("Import teams")
    roles = (Role.HR,)
    columns = ("name", "headcount", "work_pattern")
    required_columns = ("name",)
    aliases = {"naam": "name", "team": "name", "aantal": "headcount", "werkpatroon": "work_pattern"}
    help_text = gettext_lazy(
        "One team per row with its headcount and work pattern (office, hybrid, remote or shift). "
        "Existing teams with the same name are updated."
    )

    def resource(self, scope: Scope) -> TeamResource:
        return TeamResource(org=scope.org)

    def success_url(self, scope: Scope) -> str:
        return reverse("accounts:teams", kwargs={"org_slug": scope.org.slug})

    def success_message(self, count: int) -> str:
        return _("%(n)d teams imported or updated.") % {"n": count}


@register
class TeamsExporter(Exporter):
    identifier = "teams"
    label = gettext_lazy("Teams")
    roles = (Role.HR,)

    def dataset(self, scope: Scope) -> tablib.Dataset:
        return TeamResource(org=scope.org).export()

    def filename(self, scope: Scope) -> str:
        return f"{scope.org.slug}-teams"
