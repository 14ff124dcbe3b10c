"""The works council's home page: read-only, the reports it was given and the audit log."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.audit.selectors import audit_log

from . import selectors

PORTAL_AUDIT_ROWS = 50


def portal_context(request: OrgRequest) -> dict:
    from campaigns.models import Campaign
    from measurements.models import Pulse

    org = request.org
    exports = list(selectors.exports_for(org=org, role=request.membership.role, done_only=True)[:100])
    latest: dict[str, object] = {}
    for export in exports:  # newest first
        latest.setdefault(export.report, export)
    return {
        "exports": exports,
        "latest_exports": latest,
        "audit_entries": audit_log(org=org, limit=PORTAL_AUDIT_ROWS),
        "campaigns": list(Campaign.objects.filter(organisation=org).order_by("-week_start")[:5]),
        # Results exist only for closed pulses; the results page itself applies the anonymity rules.
        "closed_pulses": list(
            Pulse.objects.filter(organisation=org, closes_at__lte=timezone.now()).order_by("-closes_at")[:5]
        ),
    }


def works_council_home(request: OrgRequest) -> HttpResponse:
    """Rendered by the organisation home page for members with the works_council role."""
    return render(request, "documents/portal.html", portal_context(request))


@org_role_required(Role.HR, Role.WORKS_COUNCIL)
def audit_log_page(request: OrgRequest) -> HttpResponse:
    """The whole audit log (read-only; there is no view that changes it)."""
    return render(
        request, "documents/audit_log.html", {"audit_entries": audit_log(org=request.org, limit=500)}
    )
