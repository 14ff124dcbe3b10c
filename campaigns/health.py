"""The campaign health check: what a campaign still misses, from the common mistakes in the field.

`health_check` is a pure function of `CampaignFacts`, so every rule is tested without a database;
`selectors.campaign_facts` collects the facts in a few queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MANY_ACTIVITIES = 6
MIN_ACTIONS = 3
MAX_ACTIONS = 5
CHECKIN_KEYS = ("checkin-30", "checkin-60", "checkin-90")
POLICY_KEYS = ("actions", "quarterly-evaluation")


@dataclass(frozen=True)
class ActivityFact:
    starts_at: dt.datetime  # local time
    format: str
    audience: str
    outside_week: bool = False  # explicitly planned before or after the week


@dataclass(frozen=True)
class CampaignFacts:
    week_end: dt.date
    week_start: dt.date | None = None
    baseline_date: dt.date | None = None
    followup_date: dt.date | None = None
    theme_count: int = 0
    goal_count: int = 0
    core_team_roles: tuple[str, ...] = ()
    ambassador_team_ids: tuple[int, ...] = ()
    org_work_patterns: frozenset[str] = frozenset()
    activities: tuple[ActivityFact, ...] = ()
    communication_phases: tuple[str, ...] = ()
    rie_psa_link: str = ""
    step_keys: frozenset[str] = field(default_factory=frozenset)
    # After the week's retro: how many actions came out of the campaign (None: no retro yet).
    today: dt.date | None = None
    action_count: int | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    message: Promise | str
    fix: str  # wizard step where it is fixed ("goals", "team", ...)


def _part_of_day(moment: dt.datetime) -> str:
    if moment.hour < 12:
        return "morning"
    if moment.hour < 17:
        return "afternoon"
    return "evening"


def _reaches_remote(activity: ActivityFact) -> bool:
    return activity.format in ("online", "hybrid") and activity.audience in ("all", "remote")


def _reaches_shift(activity: ActivityFact) -> bool:
    # Shift workers are reached by an activity meant for them, or by an online or hybrid one
    # outside office hours.
    if activity.audience == "shift":
        return True
    outside_office_hours = activity.starts_at.hour < 8 or activity.starts_at.hour >= 17
    return activity.audience == "all" and activity.format != "onsite" and outside_office_hours


def health_check(facts: CampaignFacts) -> list[Finding]:
    findings: list[Finding] = []

    def add(code: str, message, fix: str) -> None:
        findings.append(Finding(code, message, fix))

    if facts.goal_count == 0:
        add("no_goal", _("No goal yet: choose 1–2 goals and how you will measure them."), "goals")
    if facts.theme_count > 2:
        add(
            "too_many_themes",
            _("More than two themes: choose at most two, so the week stays focused."),
            "goals",
        )
    if facts.baseline_date is None:
        add(
            "no_baseline",
            _("No baseline pulse planned: without it you cannot show what the week changed."),
            "measurement",
        )
    if facts.followup_date is None:
        add(
            "no_followup",
            _("No follow-up pulse planned: plan one within a week after the week."),
            "measurement",
        )
    if "manager" not in facts.core_team_roles:
        add(
            "no_manager",
            _("No manager in the core team: management involvement is what makes changes stick."),
            "team",
        )
    if len(facts.ambassador_team_ids) < 2:
        add(
            "few_ambassadors",
            _("Fewer than two ambassadors: recruit colleagues who bring others along."),
            "ambassadors",
        )
    elif len(set(facts.ambassador_team_ids)) < 2:
        add(
            "ambassadors_one_team",
            _("All ambassadors come from one team: recruit them from several teams."),
            "ambassadors",
        )
    patterns = facts.org_work_patterns
    if patterns & {"remote", "hybrid"} and not any(_reaches_remote(a) for a in facts.activities):
        add(
            "no_remote_activity",
            _("Your organisation has remote or hybrid teams, but no activity is online or hybrid for them."),
            "agenda",
        )
    if "shift" in patterns and not any(_reaches_shift(a) for a in facts.activities):
        add(
            "no_shift_activity",
            _(
                "Your organisation has shift teams, but no activity is planned for them or outside office hours."
            ),
            "agenda",
        )
    if len(facts.activities) >= 2 and len({_part_of_day(a.starts_at) for a in facts.activities}) == 1:
        add(
            "same_time_of_day",
            _("All activities are at the same time of day: spread them so every roster can join."),
            "agenda",
        )
    if facts.week_start is not None:
        stray = [
            a
            for a in facts.activities
            if not a.outside_week and not facts.week_start <= a.starts_at.date() <= facts.week_end
        ]
        if stray:
            add(
                "activity_outside_week",
                ngettext_lazy(
                    "%(n)d activity falls outside the week: move it into the week, or mark it as before "
                    "or after the week.",
                    "%(n)d activities fall outside the week: move them into the week, or mark them as "
                    "before or after the week.",
                    "n",
                )
                % {"n": len(stray)},
                "agenda",
            )
    after_activity = any(a.starts_at.date() > facts.week_end for a in facts.activities)
    if "after" not in facts.communication_phases and not after_activity:
        add(
            "nothing_after",
            _("Nothing is planned for after the week: share results, thank people and say what comes next."),
            "communication",
        )
    if not facts.rie_psa_link.strip():
        add(
            "no_rie_psa",
            _("No link with your RI&E or PSA actions: say which risks this campaign follows up."),
            "measurement",
        )
    if not set(CHECKIN_KEYS) <= facts.step_keys:
        add(
            "no_checkins",
            _("No 30-, 60- and 90-day check-ins in the plan: they keep the changes going."),
            "plan",
        )
    if len(facts.activities) >= MANY_ACTIVITIES and not set(POLICY_KEYS) & facts.step_keys:
        add(
            "events_without_policy",
            _("Many one-off events but no policy follow-up: agree actions and evaluate them every quarter."),
            "plan",
        )
    week_over = facts.today is not None and facts.today > facts.week_end
    if week_over and facts.action_count is not None:
        if facts.action_count < MIN_ACTIONS:
            add(
                "few_actions",
                _(
                    "Fewer than 3 actions came out of the week: turn the main bottlenecks into concrete actions."
                ),
                "retro",
            )
        elif facts.action_count > MAX_ACTIONS:
            add(
                "many_actions",
                _("More than 5 actions came out of the week: choose the 3 to 5 that matter most."),
                "retro",
            )
    return findings
