"""Demo exports: each report once, through the same service as the export button."""

from __future__ import annotations

from werkstressweek.accounts.models import Organisation, Role, User

from .models import ReportExport
from .services import report_export_start

# (report, whether it takes the campaign as its parameter)
DEMO_REPORTS = (
    ("campaign_plan", True),
    ("action_plan", True),
    ("evaluation", True),
    ("anonymity", False),
)


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Export each demo report unless it was exported before (safe to run again)."""
    campaign = org.campaigns.order_by("-year").first()
    done = set(ReportExport.objects.filter(organisation=org).values_list("report", flat=True))
    for report, per_campaign in DEMO_REPORTS:
        if report in done or (per_campaign and campaign is None):
            continue
        report_export_start(
            org=org,
            by=users.get(Role.HR),
            report=report,
            parameters={"campaign": campaign.pk} if per_campaign else {},
            role=Role.HR,
        )
