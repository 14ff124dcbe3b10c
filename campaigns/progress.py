"""Plan progress from data: a plan step that corresponds to data is done when that data exists.

One rule per step of the standard plan (keyed by the template's key) turns a campaign's counts
into "done, and why" or "open, and what is missing". Steps without a rule stay manual (ticked off
by hand). The plan page, the dashboard, the campaign list, the organisation home and the wizard
all read progress through this module, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Campaign, PlanStep

MIN_AMBASSADOR_TEAMS = 2
MIN_ACTIONS = 3


@dataclass(frozen=True)
class CampaignCounts:
    """What exists for one campaign, counted in the database."""

    themes: int = 0
    goals: int = 0
    core_team: int = 0
    ambassador_teams: int = 0
    activities: int = 0
    communications: int = 0
    resources: int = 0
    baseline_opened: bool = False
    followup_opened: bool = False
    agenda_published: bool = False
    measurement_planned: bool = False
    actions: int = 0
    retro_items: int = 0


@dataclass(frozen=True)
class StepEvidence:
    done: bool
    reason: str

    def __bool__(self) -> bool:
        return self.done


def _goals(c: CampaignCounts) -> StepEvidence:
    done = c.goals > 0 and c.themes > 0
    goals = ngettext("%(n)d goal", "%(n)d goals", c.goals) % {"n": c.goals}
    themes = ngettext("%(n)d theme", "%(n)d themes", c.themes) % {"n": c.themes}
    if done:
        return StepEvidence(True, _("%(goals)s and %(themes)s chosen") % {"goals": goals, "themes": themes})
    return StepEvidence(
        False,
        _("%(goals)s and %(themes)s chosen; at least one of each is needed")
        % {"goals": goals, "themes": themes},
    )


def _core_team(c: CampaignCounts) -> StepEvidence:
    if c.core_team:
        return StepEvidence(
            True,
            ngettext("%(n)d person in the core team", "%(n)d people in the core team", c.core_team)
            % {"n": c.core_team},
        )
    return StepEvidence(False, _("Nobody in the core team yet"))


def _ambassadors(c: CampaignCounts) -> StepEvidence:
    n = c.ambassador_teams
    reason = ngettext("Ambassadors in %(n)d team", "Ambassadors in %(n)d teams", n) % {"n": n}
    if n >= MIN_AMBASSADOR_TEAMS:
        return StepEvidence(True, reason)
    return StepEvidence(
        False,
        _("%(reason)s; at least %(min)d teams are needed") % {"reason": reason, "min": MIN_AMBASSADOR_TEAMS},
    )


def _agenda(c: CampaignCounts) -> StepEvidence:
    if c.activities:
        return StepEvidence(
            True,
            ngettext("%(n)d activity on the agenda", "%(n)d activities on the agenda", c.activities)
            % {"n": c.activities},
        )
    return StepEvidence(False, _("No activity on the agenda yet"))


def _communication(c: CampaignCounts) -> StepEvidence:
    if c.communications:
        return StepEvidence(
            True,
            ngettext("%(n)d message planned", "%(n)d messages planned", c.communications)
            % {"n": c.communications},
        )
    return StepEvidence(False, _("No message planned yet"))


def _resources(c: CampaignCounts) -> StepEvidence:
    if c.resources:
        return StepEvidence(
            True,
            ngettext(
                "%(n)d budget line, room or tool reserved",
                "%(n)d budget lines, rooms or tools reserved",
                c.resources,
            )
            % {"n": c.resources},
        )
    return StepEvidence(False, _("No budget line, room or tool reserved yet"))


def _baseline(c: CampaignCounts) -> StepEvidence:
    if c.baseline_opened:
        return StepEvidence(True, _("The baseline pulse of this campaign has opened"))
    return StepEvidence(False, _("No baseline pulse of this campaign has opened yet"))


def _publish(c: CampaignCounts) -> StepEvidence:
    if c.agenda_published:
        return StepEvidence(True, _("The public agenda link is published"))
    return StepEvidence(False, _("The public agenda link is not published yet"))


def _followup(c: CampaignCounts) -> StepEvidence:
    if c.followup_opened:
        return StepEvidence(True, _("The follow-up pulse of this campaign has opened"))
    return StepEvidence(False, _("No follow-up pulse of this campaign has opened yet"))


def _retros(c: CampaignCounts) -> StepEvidence:
    if c.retro_items:
        return StepEvidence(
            True,
            ngettext("%(n)d retro finding recorded", "%(n)d retro findings recorded", c.retro_items)
            % {"n": c.retro_items},
        )
    return StepEvidence(False, _("No retro finding recorded yet"))


def _actions(c: CampaignCounts) -> StepEvidence:
    reason = ngettext("%(n)d action agreed", "%(n)d actions agreed", c.actions) % {"n": c.actions}
    if c.actions >= MIN_ACTIONS:
        return StepEvidence(True, reason)
    return StepEvidence(
        False, _("%(reason)s; at least %(min)d are needed") % {"reason": reason, "min": MIN_ACTIONS}
    )


# Template key of a standard plan step → the rule that decides it from data.
STEP_RULES: dict[str, Callable[[CampaignCounts], StepEvidence]] = {
    "goals": _goals,
    "core-team": _core_team,
    "ambassadors": _ambassadors,
    "resources": _resources,
    "agenda": _agenda,
    "communication": _communication,
    "baseline-pulse": _baseline,
    "publish-agenda": _publish,
    "followup-pulse": _followup,
    "team-retros": _retros,
    "actions": _actions,
}


def _measurement(c: CampaignCounts) -> StepEvidence:
    if c.measurement_planned:
        return StepEvidence(True, _("Baseline and follow-up dates planned"))
    return StepEvidence(False, _("Baseline and follow-up dates not planned yet"))


def _review(c: CampaignCounts) -> StepEvidence:
    return StepEvidence(False, "")


# Wizard step → the rule of the same data (the wizard and the plan share the rules).
WIZARD_RULES: dict[str, Callable[[CampaignCounts], StepEvidence]] = {
    "goals": _goals,
    "team": _core_team,
    "ambassadors": _ambassadors,
    "agenda": _agenda,
    "communication": _communication,
    "measurement": _measurement,
    "review": _review,
}


def is_data_backed(step: PlanStep) -> bool:
    return step.template_id is not None and step.template.key in STEP_RULES


def _count(model_label: str, *, distinct: str | None = None, **filters) -> Coalesce:
    model = apps.get_model(model_label)
    rows = model.objects.filter(campaign=OuterRef("pk"), **filters).order_by().values("campaign")
    counted = rows.annotate(n=Count(distinct, distinct=True) if distinct else Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _pulse_opened(kind: str) -> Exists:
    pulses = apps.get_model("measurements", "Pulse").objects
    return Exists(pulses.filter(campaign=OuterRef("pk"), kind=kind, opens_at__lte=timezone.now()))


def with_counts(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Annotate each campaign with what `CampaignCounts` needs, one subquery per kind (no joins
    that multiply rows), so a list of campaigns costs one query."""
    return campaigns.annotate(
        n_themes=_count("campaigns.Campaign_themes"),
        n_goals=_count("campaigns.Goal"),
        n_core_team=_count("campaigns.CoreTeamMember"),
        n_ambassador_teams=_count("campaigns.Ambassador", distinct="team"),
        n_activities=_count("campaigns.Activity"),
        n_communications=_count("campaigns.CommunicationItem"),
        n_resources=_count("campaigns.Resource"),
        n_actions=_count("actions.Action"),
        n_retro_items=_count("actions.RetroItem"),
        baseline_opened=_pulse_opened("baseline"),
        followup_opened=_pulse_opened("follow_up"),
    )


def counts_of(campaign: Campaign) -> CampaignCounts:
    """The counts of a campaign annotated by `with_counts` (or fetched now when it was not)."""
    if not hasattr(campaign, "n_goals"):
        campaign = with_counts(Campaign.objects.filter(pk=campaign.pk)).get()
    return CampaignCounts(
        themes=campaign.n_themes,
        goals=campaign.n_goals,
        core_team=campaign.n_core_team,
        ambassador_teams=campaign.n_ambassador_teams,
        activities=campaign.n_activities,
        communications=campaign.n_communications,
        resources=campaign.n_resources,
        baseline_opened=campaign.baseline_opened,
        followup_opened=campaign.followup_opened,
        agenda_published=bool(campaign.public_token),
        measurement_planned=bool(campaign.baseline_date and campaign.followup_date),
        actions=campaign.n_actions,
        retro_items=campaign.n_retro_items,
    )


def wizard_status(campaign: Campaign) -> dict[str, StepEvidence]:
    counts = counts_of(campaign)
    return {key: rule(counts) for key, rule in WIZARD_RULES.items()}


def attach_evidence(steps: Iterable[PlanStep], counts: CampaignCounts) -> list[PlanStep]:
    """Give each data-backed step its evidence: `step.is_done` then follows the data, not a tick."""
    steps = list(steps)
    for step in steps:
        if step.template_id is not None and step.template.key in STEP_RULES:
            step.evidence = STEP_RULES[step.template.key](counts)
    return steps


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(steps: Iterable[PlanStep]) -> Progress:
    steps = list(steps)
    return Progress(done=sum(1 for s in steps if s.is_done), total=len(steps))


def progress_for(campaigns: list[Campaign]) -> dict[int, Progress]:
    """Progress of campaigns annotated by `with_counts`, with one query for all their steps."""
    by_campaign: dict[int, list[PlanStep]] = {c.pk: [] for c in campaigns}
    for step in (
        PlanStep.objects.filter(campaign__in=by_campaign)
        .select_related("template")
        .only("campaign_id", "done_at", "template__key")
    ):
        by_campaign[step.campaign_id].append(step)
    return {c.pk: progress_of(attach_evidence(by_campaign[c.pk], counts_of(c))) for c in campaigns}
