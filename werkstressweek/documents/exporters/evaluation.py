"""The evaluation after the week (about 90 days on): goals against results, the retro, actions, next steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Role

from .. import charts
from ..pdf import svg_data_uri
from ..registry import register
from .action_plan import action_rows, campaign_actions
from .campaign_report import CampaignReport

EVALUATION_AFTER_DAYS = 90
UPCOMING_DAYS = 90


Measured = tuple[float | None, str, dt.date | None, bool | None]  # value, source, as of, reached


def goal_measured_values(*, campaign) -> dict[int, Measured]:
    """Each goal's measured result, where it comes from, as of when, and whether it reached its
    target (None while not measured), by the campaign's one rule (`campaigns.goals.goal_reached`).

    The one place where the report learns goal results: the campaign's goal measurement, read as
    the works council, the report's audience (organisation level, *k* respected).
    """
    from campaigns.goals import goal_rows

    return {
        r.goal.pk: (r.measured, r.source, r.as_of, r.reached)
        for r in goal_rows(campaign=campaign, role=Role.WORKS_COUNCIL)
    }


@dataclass(frozen=True)
class GoalRow:
    goal: object
    result: Decimal | None
    verdict: str  # reached / not_reached / not_measured / no_target
    source: str = ""
    as_of: dt.date | None = None

    @property
    def verdict_label(self) -> str:
        return {
            "reached": _("reached"),
            "not_reached": _("not reached"),
            "not_measured": _("not measured yet"),
            "no_target": _("no target set"),
        }[self.verdict]


def goal_row(goal, measured: Measured = (None, "", None, None)) -> GoalRow:
    """The goal with its measured result and verdict, as the campaign page shows them."""
    result, source, as_of, reached = measured
    result = Decimal(str(round(result, 2))) if result is not None else None
    if goal.target is None:
        verdict = "no_target"
    elif result is None or reached is None:
        verdict = "not_measured"
    else:
        verdict = "reached" if reached else "not_reached"
    return GoalRow(goal, result, verdict, source, as_of)


def evaluation_context(*, campaign, today: dt.date | None = None) -> dict:
    """Everything the evaluation report shows, read in a fixed number of queries."""
    from actions.models import Status
    from actions.selectors import evaluations, retro_columns, yearly_discussions
    from actions.services.follow_up import previous_quarter, quarter_of
    from measurements.models import Pulse

    today = today or timezone.localdate()
    org = campaign.organisation
    measured_values = goal_measured_values(campaign=campaign)
    goals = [
        goal_row(g, measured_values.get(g.pk, (None, "", None, None)))
        for g in campaign.goals.select_related("theme")
    ]
    rows = action_rows(campaign_actions(campaign=campaign), today=today)
    done = [r for r in rows if r.action.status == Status.DONE]
    active = [r for r in rows if r.action.is_active]
    cancelled = [r for r in rows if r.action.status == Status.CANCELLED]
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    upcoming = sorted(
        (
            (c.due_on, r.action, c)
            for r in active
            for c in r.checkins
            if c.state in ("planned", "overdue") and c.due_on <= horizon
        ),
        key=lambda item: (item[0], item[1].pk),
    )
    quarterlies = list(evaluations(org=org)[:4])
    last_quarter = previous_quarter(today)
    yearly = {d.year: d for d in yearly_discussions(org=org)}
    measured = [g for g in goals if g.result is not None and g.goal.baseline is not None]
    goal_chart = None
    if measured:
        goal_chart = svg_data_uri(
            charts.comparison_chart(
                labels=[g.goal.title for g in measured],
                before=[float(g.goal.baseline) for g in measured],
                after=[float(g.result) for g in measured],
                before_label=_("Starting value"),
                after_label=_("Result"),
            )
        )
    return {
        "campaign": campaign,
        "today": today,
        "evaluation_due": campaign.week_end + dt.timedelta(days=EVALUATION_AFTER_DAYS),
        "goals": goals,
        "goals_reached": sum(g.verdict == "reached" for g in goals),
        "goals_measured": sum(g.result is not None for g in goals),
        "goal_chart": goal_chart,
        "retro": retro_columns(campaign=campaign),
        "done": done,
        "active": active,
        "cancelled": cancelled,
        "upcoming": upcoming,
        "quarterlies": quarterlies,
        "last_quarter": "{}-Q{}".format(*last_quarter),
        "last_quarter_done": any((q.year, q.quarter) == last_quarter for q in quarterlies),
        "this_quarter": "{}-Q{}".format(*quarter_of(today)),
        "yearly": yearly.get(today.year),
        "year": today.year,
        "next_pulses": list(
            Pulse.objects.filter(organisation=org, opens_at__gt=timezone.now()).order_by("opens_at")[:5]
        ),
    }


@register
class EvaluationExporter(CampaignReport):
    identifier = "evaluation"
    label = gettext_lazy("Evaluation")
    description = gettext_lazy(
        "About 90 days after the week: each goal's starting value, target and result, what the retro "
        "learned, the actions done and still open, and what comes next."
    )
    file_stem = "evaluatie"
    template = "documents/evaluation.html"

    def subtitle(self, campaign) -> str:
        return _("What the week and its follow-up achieved")

    def build(self, *, campaign, parameters: dict) -> dict:
        return evaluation_context(campaign=campaign)

    def toc(self, parameters: dict) -> list[tuple[str, str]]:
        return [
            ("summary", _("Summary")),
            ("goals", _("Goals: target and result")),
            ("retro", _("What the retro learned")),
            ("actions", _("Actions done and open")),
            ("next", _("What comes next")),
        ]
