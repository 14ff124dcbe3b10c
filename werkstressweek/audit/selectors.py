from __future__ import annotations

from django.db.models import QuerySet

from werkstressweek.accounts.models import Organisation

from .models import AuditEntry


def audit_log(*, org: Organisation, limit: int | None = 200) -> QuerySet[AuditEntry]:
    """The organisation's audit log, newest first."""
    entries = AuditEntry.objects.filter(organisation=org).order_by("-at", "-id")
    return entries[:limit] if limit else entries
