"""Demo exports: each report once, through the same service as the export button.

Also publishes the feedback page of the demo's latest closed follow-up, so its link can be tried.
"""

from __future__ import annotations

from werkstressweek.accounts.models import Organisation, Role, User

from .models import FeedbackPage, ReportExport
from .services import report_export_start

# (report, whether it takes the campaign as its parameter)
DEMO_REPORTS = (
    ("campaign_plan", True),
    ("action_plan", True),
    ("evaluation", True),
    ("anonymity", False),
)


def _latest_closed_pulse(org: Organisation):
    """The latest closed follow-up (compared with its baseline), else the latest closed pulse."""
    from measurements.models import PulseKind
    from measurements.selectors import closed_pulses

    pulses = closed_pulses(org)
    return pulses.filter(kind=PulseKind.FOLLOW_UP).first() or pulses.first()


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Export each demo report unless it was exported before (safe to run again)."""
    from .feedback import feedback_publish

    campaign = org.campaigns.order_by("-year").first()
    done = set(ReportExport.objects.filter(organisation=org).values_list("report", flat=True))
    todo: list[tuple[str, dict]] = [
        (report, {"campaign": campaign.pk} if per_campaign else {})
        for report, per_campaign in DEMO_REPORTS
        if not (per_campaign and campaign is None)
    ]
    pulse = _latest_closed_pulse(org)
    if pulse is not None:
        todo += [
            ("measurement", {"pulse": pulse.pk}),
            ("feedback", {"pulse": pulse.pk, "include_teams": True}),
        ]
    for report, parameters in todo:
        if report not in done:
            report_export_start(
                org=org, by=users.get(Role.HR), report=report, parameters=parameters, role=Role.HR
            )
    if pulse is not None and not FeedbackPage.objects.filter(organisation=org, pulse=pulse).exists():
        feedback_publish(org=org, pulse=pulse, by=users.get(Role.HR), include_teams=True)
