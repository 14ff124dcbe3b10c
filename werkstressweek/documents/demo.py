"""Demo exports: each report once, through the same service as the export button.

Also publishes the demo follow-up's feedback page for employees, so its link can be tried.
"""

from __future__ import annotations

from werkstressweek.accounts.models import Organisation, Role, User

from .models import FeedbackPage, ReportExport
from .services import report_export_start


def _export_once(*, org: Organisation, users: dict[str, User], report: str, parameters: dict) -> None:
    if ReportExport.objects.filter(organisation=org, report=report).exists():
        return
    report_export_start(org=org, by=users.get(Role.HR), report=report, parameters=parameters, role=Role.HR)


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Export the demo campaign's reports unless they were exported before (safe to run again)."""
    from measurements.models import PulseKind
    from measurements.selectors import closed_pulses

    from .feedback import feedback_publish

    campaign = org.campaigns.order_by("-year").first()
    if campaign is None:
        return
    _export_once(org=org, users=users, report="campaign_plan", parameters={"campaign": campaign.pk})
    pulses = list(closed_pulses(org).filter(campaign=campaign))
    pulse = next((p for p in pulses if p.kind == PulseKind.FOLLOW_UP), pulses[0] if pulses else None)
    if pulse is None:
        return
    _export_once(org=org, users=users, report="measurement", parameters={"pulse": pulse.pk})
    _export_once(
        org=org, users=users, report="feedback", parameters={"pulse": pulse.pk, "include_teams": True}
    )
    if not FeedbackPage.objects.filter(organisation=org, pulse=pulse).exists():
        feedback_publish(org=org, pulse=pulse, by=users.get(Role.HR), include_teams=True)
