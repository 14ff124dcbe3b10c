"""The plan of action in the project's registry of importers and exporters."""

from __future__ import annotations

import tablib
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.transfer.registry import Exporter, Importer, Scope, register

from .permissions import EDIT_ALL_ROLES, READ_ROLES, visible_actions
from .resources import ALIASES, COLUMNS, ActionResource


@register
class PlanOfActionImporter(Importer):
    identifier = "plan-of-action"
    label = gettext_lazy("Import a plan of action")
    roles = EDIT_ALL_ROLES
    columns = COLUMNS
    required_columns = ("maatregel", "deadline")
    aliases = ALIASES
    help_text = gettext_lazy(
        "One measure per row, for example the plan of action exported from your RI&E tool. Every action "
        "gets its 30-, 60- and 90-day check-ins. The owner is a member (by e-mail address or name) or "
        "someone outside the organisation with an e-mail address."
    )

    def resource(self, scope: Scope) -> ActionResource:
        return ActionResource(org=scope.org, by=scope.user)

    def success_url(self, scope: Scope) -> str:
        return reverse("actions:board", kwargs={"org_slug": scope.org.slug})

    def success_message(self, count: int) -> str:
        return _("%(n)d actions imported, each with its check-ins.") % {"n": count}


@register
class PlanOfActionExporter(Exporter):
    identifier = "plan-of-action"
    label = gettext_lazy("Plan of action")
    roles = READ_ROLES

    def dataset(self, scope: Scope) -> tablib.Dataset:
        actions = visible_actions(scope.membership).select_related("team", "owner_membership__user")
        return ActionResource(org=scope.org).export(queryset=actions.order_by("deadline", "pk"))

    def filename(self, scope: Scope) -> str:
        return f"{scope.org.slug}-plan-van-aanpak"
