"""Read-side functions for campaigns: facts for the health check, the plan by week, the agenda."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team

from . import progress
from .health import ActivityFact, CampaignFacts
from .models import Activity, Campaign, CommunicationItem, PlanStep


def campaign_list(*, org: Organisation) -> list[Campaign]:
    """The organisation's campaigns, newest first, each with `progress` (from data, as on the plan)
    and `activity_count`; two queries whatever the number of campaigns and steps."""
    campaigns = list(progress.with_counts(Campaign.objects.filter(organisation=org)).order_by("-week_start"))
    by_id = progress.progress_for(campaigns)
    for campaign in campaigns:
        campaign.progress = by_id[campaign.pk]
        campaign.activity_count = campaign.n_activities
    return campaigns


def org_work_patterns(*, org: Organisation) -> frozenset[str]:
    return frozenset(Team.objects.filter(organisation=org).values_list("work_pattern", flat=True).distinct())


def campaign_facts(*, campaign: Campaign) -> CampaignFacts:
    activities = tuple(
        ActivityFact(
            starts_at=timezone.localtime(starts_at), format=fmt, audience=audience, outside_week=outside
        )
        for starts_at, fmt, audience, outside in campaign.activities.values_list(
            "starts_at", "format", "audience", "outside_week"
        )
    )
    pulses = _pulse_dates(campaign=campaign)
    return CampaignFacts(
        week_start=campaign.week_start,
        week_end=campaign.week_end,
        baseline_date=campaign.baseline_date or pulses.get("baseline"),
        followup_date=campaign.followup_date or pulses.get("follow_up"),
        theme_count=campaign.themes.count(),
        goal_count=campaign.goals.count(),
        core_team_roles=tuple(campaign.core_team.values_list("role", flat=True)),
        ambassador_team_ids=tuple(campaign.ambassadors.values_list("team_id", flat=True)),
        org_work_patterns=org_work_patterns(org=campaign.organisation),
        activities=activities,
        communication_phases=tuple(campaign.communications.values_list("phase", flat=True).distinct()),
        rie_psa_link=campaign.rie_psa_link,
        step_keys=frozenset(
            campaign.steps.filter(template__isnull=False).values_list("template__key", flat=True)
        ),
        today=timezone.localdate(),
        # Judged once the retro has been held (the actions app's reverse relations).
        action_count=campaign.actions.count() if campaign.retro_items.exists() else None,
    )


def plan_steps(*, campaign: Campaign) -> list[PlanStep]:
    """The campaign's plan steps; a step that corresponds to data carries its evidence."""
    steps = campaign.steps.select_related("template", "owner__membership__user")
    return progress.attach_evidence(steps, progress.counts_of(campaign))


@dataclass
class PlanWeek:
    monday: dt.date
    label: str  # "-8" … "+13" relative to the week
    relative: int
    steps: list[PlanStep]

    @property
    def distance(self) -> int:
        return abs(self.relative)

    @property
    def is_the_week(self) -> bool:
        return self.relative == 0


def plan_by_week(*, campaign: Campaign) -> list[PlanWeek]:
    weeks: OrderedDict[dt.date, PlanWeek] = OrderedDict()
    for step in plan_steps(campaign=campaign):
        monday = step.due_on - dt.timedelta(days=step.due_on.weekday())
        if monday not in weeks:
            relative = (monday - campaign.week_start).days // 7
            weeks[monday] = PlanWeek(monday=monday, label=f"{relative:+d}", relative=relative, steps=[])
        weeks[monday].steps.append(step)
    return list(weeks.values())


def missing_standard_steps(*, campaign: Campaign) -> list:
    """Steps of the standard plan that were removed from this campaign's plan."""
    from .models import PlanStepTemplate

    return list(
        PlanStepTemplate.objects.exclude(pk__in=campaign.steps.exclude(template=None).values("template_id"))
    )


def plan_progress(*, campaign: Campaign, steps: list[PlanStep] | None = None) -> progress.Progress:
    """Steps done of all steps, counting data-backed steps by their data (as the plan shows them)."""
    return progress.progress_of(plan_steps(campaign=campaign) if steps is None else steps)


def agenda(*, campaign: Campaign) -> QuerySet[Activity]:
    return campaign.activities.select_related("kind", "theme")


def agenda_by_day(*, campaign: Campaign) -> list[tuple[dt.date, list[Activity]]]:
    """The agenda per local day; an activity before or after the week carries that as `week_label`."""
    labels = {"before": _("Before the week"), "after": _("After the week"), "": ""}
    days: OrderedDict[dt.date, list[Activity]] = OrderedDict()
    for activity in agenda(campaign=campaign):
        activity.week_label = labels[activity.week_position(campaign)]
        days.setdefault(timezone.localtime(activity.starts_at).date(), []).append(activity)
    return list(days.items())


def next_communications(*, campaign: Campaign, limit: int = 3) -> list[CommunicationItem]:
    return list(
        campaign.communications.filter(planned_on__gte=timezone.localdate())
        .exclude(status=CommunicationItem.Status.SENT)
        .order_by("planned_on", "id")[:limit]
    )


def campaign_pulses(*, campaign: Campaign) -> list:
    """The pulses of the measurements app linked to this campaign (`Pulse.campaign`), by opening date.

    Shown in the `measurement_status` block of templates/campaigns/dashboard.html next to the
    measurement plan (planned baseline and follow-up dates) from the wizard.
    """
    return list(campaign.pulses.order_by("opens_at", "pk"))


def _pulse_dates(*, campaign: Campaign) -> dict[str, dt.date]:
    """The first opening date of a linked baseline and follow-up pulse, if any."""
    dates: dict[str, dt.date] = {}
    for kind, opens_at in campaign.pulses.filter(kind__in=["baseline", "follow_up"]).values_list(
        "kind", "opens_at"
    ):
        day = timezone.localtime(opens_at).date()
        dates[kind] = min(day, dates.get(kind, day))
    return dates
