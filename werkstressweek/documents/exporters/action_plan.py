"""The plan of action as a PDF: actions by PSA risk and level, preconditions and the council's advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registry import register
from .campaign_report import CampaignReport


@dataclass(frozen=True)
class CheckInState:
    """One of an action's 30-60-90 check-ins as the report prints it."""

    day: int
    due_on: dt.date
    state: str  # on_track / at_risk / off_track / overdue / planned / cancelled
    label: str
    measured_value: str


def checkin_state(checkin, *, action, today: dt.date) -> CheckInState:
    from actions.models import Progress

    if checkin.is_recorded:
        state, label = checkin.progress, Progress(checkin.progress).label
    elif not action.is_active:
        state, label = "cancelled", _("not needed")
    elif checkin.is_overdue(today):
        state, label = "overdue", _("overdue")
    else:
        state, label = "planned", _("planned")
    return CheckInState(checkin.day, checkin.due_on, state, str(label), checkin.measured_value)


@dataclass(frozen=True)
class ActionRow:
    action: object
    checkins: list[CheckInState]
    late: bool


def campaign_actions(*, campaign):
    """The actions of the campaign and the organisation's standing plan (no campaign), by deadline."""
    from actions.models import Action

    return (
        Action.objects.filter(organisation=campaign.organisation)
        .filter(Q(campaign=campaign) | Q(campaign__isnull=True))
        .select_related("team", "owner_membership__user")
        .prefetch_related("checkins")
        .order_by("deadline", "pk")
    )


def action_rows(actions, *, today: dt.date) -> list[ActionRow]:
    return [
        ActionRow(
            action=a,
            checkins=[
                checkin_state(c, action=a, today=today) for c in sorted(a.checkins.all(), key=lambda c: c.day)
            ],
            late=a.is_late(today),
        )
        for a in actions
    ]


def action_plan_context(*, campaign, today: dt.date | None = None) -> dict:
    """Everything the plan-of-action report shows, read in a fixed number of queries."""
    from actions.models import Level, Risk, Status
    from actions.selectors import advice_history, preconditions_overview

    today = today or timezone.localdate()
    org = campaign.organisation
    rows = action_rows(campaign_actions(campaign=campaign), today=today)
    by_risk = []
    for risk, risk_label in Risk.choices:
        levels = []
        for level, level_label in Level.choices:
            matching = [r for r in rows if r.action.risk == risk and r.action.level == level]
            if matching:
                levels.append((level_label, matching))
        if levels:
            by_risk.append((risk_label, levels))
    preconditions = preconditions_overview(org=org)
    return {
        "campaign": campaign,
        "today": today,
        "rows": rows,
        "by_risk": by_risk,
        "action_count": len(rows),
        "active_count": sum(r.action.is_active for r in rows),
        "done_count": sum(r.action.status == Status.DONE for r in rows),
        "late_count": sum(r.late for r in rows),
        "overdue_checkins": sum(c.state == "overdue" for r in rows for c in r.checkins),
        "planned_budget": sum((r.action.budget or 0) for r in rows if r.action.status != Status.CANCELLED),
        "preconditions": [
            {
                "label": row.label,
                "status": row.status,
                "status_label": _status_label(row.status),
                "dated_on": row.precondition.dated_on if row.precondition else None,
                "reviewed_on": row.precondition.last_reviewed_on if row.precondition else None,
                "needs_review": row.needs_review(today),
            }
            for row in preconditions
        ],
        "preconditions_in_place": sum(row.status == "in_place" for row in preconditions),
        "advice": list(advice_history(org=org)),
    }


def _status_label(status: str) -> str:
    from actions.models import PreconditionStatus

    return str(PreconditionStatus(status).label)


@register
class ActionPlanExporter(CampaignReport):
    identifier = "action_plan"
    label = gettext_lazy("Plan of action")
    description = gettext_lazy(
        "The RI&E / PSA actions by risk and level with owner, deadline, measurement point, status "
        "and 30-60-90 check-ins; the preconditions and the works council's advice."
    )
    file_stem = "plan-van-aanpak"
    template = "documents/action_plan.html"

    def subtitle(self, campaign) -> str:
        return _("Psychosocial workload (PSA): measures, owners and follow-up")

    def build(self, *, campaign, parameters: dict) -> dict:
        return action_plan_context(campaign=campaign)

    def toc(self, parameters: dict) -> list[tuple[str, str]]:
        return [
            ("summary", _("Summary")),
            ("actions", _("Actions by risk and level")),
            ("preconditions", _("Preconditions")),
            ("advice", _("Advice of the works council")),
        ]
