"""The organisation home ("cockpit"): where each running or coming campaign stands, per role.

Read-side only. The number of queries does not grow with the number of campaigns, steps, teams or
pulses: at most MAX_CARDS campaigns get a card, and everything per card is read in a fixed number
of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from werkstressweek.accounts.models import Organisation

from . import progress, selectors
from .goals import GoalRow, goal_rows
from .health import Finding, health_check
from .models import Campaign, Goal, PlanStep

MAX_CARDS = 3
MAX_STEPS = 3
# A campaign stays on the home page through its 90-day follow-up.
FOLLOW_UP_DAYS = 91


@dataclass
class PulseCard:
    pulse: object
    state: str
    respondents: int | None  # None below the pulse's k (the only figure of an open pulse)
    headcount: int

    @property
    def percent(self) -> int | None:
        if self.respondents is None or not self.headcount:
            return None
        return min(100, round(100 * self.respondents / self.headcount))


@dataclass
class CampaignCard:
    campaign: Campaign
    days_until: int
    progress: progress.Progress
    overdue: list[PlanStep]
    overdue_count: int
    next_steps: list[PlanStep]
    goals: list[GoalRow]
    pulses: list[PulseCard] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_the_week(self) -> bool:
        return -4 <= self.days_until <= 0


def current_campaigns(*, org: Organisation, today: dt.date | None = None) -> list[Campaign]:
    """Running and coming campaigns (and those in their follow-up), soonest first, at most MAX_CARDS."""
    today = today or timezone.localdate()
    return list(
        progress.with_counts(
            Campaign.objects.filter(
                organisation=org, week_start__gte=today - dt.timedelta(days=FOLLOW_UP_DAYS)
            ).exclude(status="closed")
        ).order_by("week_start", "pk")[:MAX_CARDS]
    )


def _pulse_cards(
    *, org: Organisation, campaign_ids: list[int], now: dt.datetime
) -> dict[int, list[PulseCard]]:
    """Open and planned pulses of the campaigns with participation against headcount (3 queries)."""
    from measurements.models import Pulse
    from measurements.selectors import pulses_with_participation
    from measurements.selectors.trend import pulse_teams_headcounts

    wanted = Pulse.objects.filter(organisation=org, campaign_id__in=campaign_ids, closes_at__gt=now)
    ids = set(wanted.values_list("pk", flat=True))
    if not ids:
        return {}
    # pulses_with_participation counts every pulse of the organisation; only these few are asked.
    participation = {p.pk: (p, n) for p, n in pulses_with_participation(org, pulse_ids=ids)}
    headcounts = pulse_teams_headcounts(list(ids))
    cards: dict[int, list[PulseCard]] = defaultdict(list)
    for pulse, n in sorted(participation.values(), key=lambda pn: pn[0].opens_at):
        cards[pulse.campaign_id].append(
            PulseCard(
                pulse=pulse,
                state=pulse.state(now),
                respondents=n,
                headcount=sum(headcounts.get(pulse.pk, {}).values()),
            )
        )
    return cards


def campaign_cards(
    *, org: Organisation, role: str, with_findings: bool = True, today: dt.date | None = None
) -> list[CampaignCard]:
    """One card per running or coming campaign: countdown, progress, overdue and next steps, open
    pulses with participation, goals and (for the people who run it) the health check."""
    today = today or timezone.localdate()
    campaigns = current_campaigns(org=org, today=today)
    if not campaigns:
        return []
    ids = [c.pk for c in campaigns]
    steps_by: dict[int, list[PlanStep]] = defaultdict(list)
    for step in PlanStep.objects.filter(campaign_id__in=ids).select_related(
        "template", "owner__membership__user"
    ):
        steps_by[step.campaign_id].append(step)
    goals_by: dict[int, list[Goal]] = defaultdict(list)
    for goal in Goal.objects.filter(campaign_id__in=ids).select_related("theme"):
        goals_by[goal.campaign_id].append(goal)
    pulses_by = _pulse_cards(org=org, campaign_ids=ids, now=timezone.now())
    cards = []
    for campaign in campaigns:
        steps = progress.attach_evidence(steps_by[campaign.pk], progress.counts_of(campaign))
        overdue = [s for s in steps if s.is_overdue(today)]
        cards.append(
            CampaignCard(
                campaign=campaign,
                days_until=campaign.days_until(today),
                progress=progress.progress_of(steps),
                overdue=overdue[:MAX_STEPS],
                overdue_count=len(overdue),
                next_steps=[s for s in steps if not s.is_done and s.due_on >= today][:MAX_STEPS],
                goals=goal_rows(campaign=campaign, role=role, goals=goals_by[campaign.pk]),
                pulses=pulses_by.get(campaign.pk, []),
                findings=health_check(selectors.campaign_facts(campaign=campaign)) if with_findings else [],
            )
        )
    return cards


def team_pulses(*, org: Organisation, team_ids: list[int], limit: int = 5) -> list:
    """The latest pulses that include any of these teams, each with `own_teams` (its PulseTeams of
    these teams): a manager's way to the results and participation of their own teams."""
    from django.db.models import Prefetch

    from measurements.models import Pulse, PulseTeam

    if not team_ids:
        return []
    own = PulseTeam.objects.filter(team_id__in=team_ids).select_related("team").order_by("team__name")
    return list(
        Pulse.objects.filter(
            organisation=org, pk__in=PulseTeam.objects.filter(team_id__in=team_ids).values("pulse_id")
        )
        .prefetch_related(Prefetch("pulse_teams", queryset=own, to_attr="own_teams"))
        .order_by("-opens_at")[:limit]
    )
