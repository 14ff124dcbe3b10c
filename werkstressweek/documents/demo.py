"""Demo exports: the campaign plan once, through the same service as the export button."""

from __future__ import annotations

from werkstressweek.accounts.models import Organisation, Role, User

from .models import ReportExport
from .services import report_export_start


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Export the demo campaign's plan unless it was exported before (safe to run again)."""
    campaign = org.campaigns.order_by("-year").first()
    if campaign is None or ReportExport.objects.filter(organisation=org, report="campaign_plan").exists():
        return
    report_export_start(
        org=org,
        by=users.get(Role.HR),
        report="campaign_plan",
        parameters={"campaign": campaign.pk},
        role=Role.HR,
    )
