"""The campaign plan as a PDF for the works council and management."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Organisation

from .. import charts
from ..pdf import svg_data_uri
from ..registry import register
from .campaign_report import CampaignReport


def campaign_plan_context(*, campaign, include_budget: bool = False) -> dict:
    """Everything the plan report shows, read in a fixed number of queries.

    Budgets are for HR and the core team only (issue 9); the works council can download this
    report, so the amounts are in it only when the exporter asked for them.
    """
    from campaigns import selectors
    from campaigns.health import health_check
    from campaigns.models import CommunicationItem, Goal, Resource

    goals = list(campaign.goals.select_related("theme"))
    core_team = list(campaign.core_team.select_related("membership__user"))
    ambassadors = list(campaign.ambassadors.select_related("membership__user", "team"))
    resources = list(campaign.resources.all())
    budget_lines = [r for r in resources if r.kind == Resource.Kind.BUDGET_LINE]
    planned_spend = sum((r.amount or Decimal(0)) for r in budget_lines)
    communications = list(campaign.communications.all())
    phases = [
        (label, [c for c in communications if c.phase == value])
        for value, label in CommunicationItem.Phase.choices
    ]
    score_goals = [g for g in goals if g.kpi_kind == Goal.KpiKind.PULSE_SCORE and g.baseline and g.target]
    goal_chart = None
    if score_goals:
        goal_chart = svg_data_uri(
            charts.comparison_chart(
                labels=[g.title for g in score_goals],
                before=[float(g.baseline) for g in score_goals],
                after=[float(g.target) for g in score_goals],
                before_label=_("Starting value"),
                after_label=_("Target"),
            )
        )
    team_count = campaign.organisation.teams.count()
    return {
        "campaign": campaign,
        "themes": list(campaign.themes.all()),
        "goals": goals,
        "goal_chart": goal_chart,
        "core_team": core_team,
        "ambassadors": ambassadors,
        "ambassador_teams": len({a.team_id for a in ambassadors}),
        "team_count": team_count,
        "agenda_days": selectors.agenda_by_day(campaign=campaign),
        "activity_count": campaign.activities.count(),
        "phases": phases,
        "communication_count": len(communications),
        "include_budget": include_budget,
        "budget_lines": budget_lines if include_budget else [],
        "other_resources": [r for r in resources if r.kind != Resource.Kind.BUDGET_LINE],
        "planned_spend": planned_spend if include_budget else None,
        "budget": campaign.budget if include_budget else None,
        "budget_left": (campaign.budget - planned_spend)
        if include_budget and campaign.budget is not None
        else None,
        "pulses": selectors.campaign_pulses(campaign=campaign),
        "findings": health_check(selectors.campaign_facts(campaign=campaign)),
        "weeks": selectors.plan_by_week(campaign=campaign),
    }


@register
class CampaignPlanExporter(CampaignReport):
    identifier = "campaign_plan"
    label = gettext_lazy("Campaign plan")
    description = gettext_lazy(
        "Goals and KPIs, themes, core team, ambassadors, agenda, communication, budget, "
        "measurement plan and the health check."
    )
    file_stem = "campagneplan"
    template = "documents/campaign_plan.html"

    def form_class(self):
        from ..forms import CampaignPlanExportForm

        return CampaignPlanExportForm

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        return {
            **super().clean_parameters(org=org, parameters=parameters),
            "include_budget": bool(parameters.get("include_budget")),
        }

    def build(self, *, campaign, parameters: dict) -> dict:
        return campaign_plan_context(campaign=campaign, include_budget=bool(parameters.get("include_budget")))

    def toc(self, parameters: dict) -> list[tuple[str, str]]:
        return [
            ("summary", _("Summary")),
            ("goals", _("Goals and KPIs")),
            ("people", _("Core team and ambassadors")),
            ("agenda", _("Agenda of the week")),
            ("communication", _("Communication")),
            ("budget", _("Budget and resources") if parameters.get("include_budget") else _("Resources")),
            ("measurement", _("Measurement plan")),
            ("health", _("Health check")),
            ("timeline", _("Plan by week")),
        ]
