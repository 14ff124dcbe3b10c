from __future__ import annotations

from django.db.models import QuerySet

from werkstressweek.accounts.models import Organisation

from .models import ExportStatus, ReportExport
from .registry import all_exporters


def reports_for_role(*, role: str) -> list:
    """The exporters whose files this role may download."""
    return [e for e in all_exporters() if e.listed and role in e.download_roles]


def exports_for(*, org: Organisation, role: str, done_only: bool = False) -> QuerySet[ReportExport]:
    """The organisation's exports of the reports this role may download, newest first."""
    identifiers = [e.identifier for e in reports_for_role(role=role)]
    exports = ReportExport.objects.filter(organisation=org, report__in=identifiers)
    if done_only:
        exports = exports.filter(status=ExportStatus.DONE)
    return exports.order_by("-requested_at", "-id")
