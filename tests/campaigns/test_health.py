"""Every health-check rule, with a case that triggers it and one that does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from campaigns.health import ActivityFact, CampaignFacts, health_check

WEEK_END = dt.date(2026, 11, 20)


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0)


HEALTHY = CampaignFacts(
    week_end=WEEK_END,
    baseline_date=dt.date(2026, 10, 19),
    followup_date=dt.date(2026, 11, 23),
    theme_count=2,
    goal_count=1,
    core_team_roles=("hr", "manager", "host"),
    ambassador_team_ids=(1, 2),
    org_work_patterns=frozenset({"office", "remote", "shift"}),
    activities=(
        ActivityFact(at(16, 9), "hybrid", "all"),
        ActivityFact(at(17, 14), "onsite", "office"),
        ActivityFact(at(18, 6), "onsite", "shift"),
    ),
    communication_phases=("before", "during", "after"),
    rie_psa_link="Werkdruk uit de RI&E 2025",
    step_keys=frozenset({"checkin-30", "checkin-60", "checkin-90", "actions", "quarterly-evaluation"}),
)


def codes(facts: CampaignFacts) -> set[str]:
    return {f.code for f in health_check(facts)}


def test_a_complete_campaign_has_no_findings():
    assert health_check(HEALTHY) == []


@pytest.mark.parametrize(
    "code, broken",
    [
        ("no_goal", {"goal_count": 0}),
        ("too_many_themes", {"theme_count": 3}),
        ("no_baseline", {"baseline_date": None}),
        ("no_followup", {"followup_date": None}),
        ("no_manager", {"core_team_roles": ("hr", "host")}),
        ("few_ambassadors", {"ambassador_team_ids": (1,)}),
        ("ambassadors_one_team", {"ambassador_team_ids": (1, 1, 1)}),
        (
            "no_remote_activity",
            {
                "activities": (
                    ActivityFact(at(16, 9), "onsite", "all"),
                    ActivityFact(at(18, 6), "onsite", "shift"),
                )
            },
        ),
        (
            "no_shift_activity",
            {
                "activities": (
                    ActivityFact(at(16, 9), "hybrid", "all"),
                    ActivityFact(at(17, 14), "online", "all"),
                )
            },
        ),
        (
            "same_time_of_day",
            {
                "activities": (
                    ActivityFact(at(16, 9), "hybrid", "all"),
                    ActivityFact(at(17, 10), "onsite", "shift"),
                    ActivityFact(at(18, 11), "online", "remote"),
                )
            },
        ),
        ("nothing_after", {"communication_phases": ("before", "during")}),
        ("no_rie_psa", {"rie_psa_link": "  "}),
        ("no_checkins", {"step_keys": frozenset({"checkin-30", "actions"})}),
        (
            "events_without_policy",
            {
                "activities": HEALTHY.activities * 2,
                "step_keys": frozenset({"checkin-30", "checkin-60", "checkin-90"}),
            },
        ),
    ],
)
def test_each_rule_triggers_on_the_mistake_and_only_on_it(code, broken):
    findings = health_check(replace(HEALTHY, **broken))
    assert code in {f.code for f in findings}
    assert all(f.fix for f in findings), "every finding says where it is fixed"


def test_rules_stay_quiet_in_the_healthy_neighbour_cases():
    # ambassadors from two teams
    assert "ambassadors_one_team" not in codes(replace(HEALTHY, ambassador_team_ids=(1, 1, 2)))
    # an organisation without remote or shift teams needs no remote or shift activity
    office_only = replace(
        HEALTHY,
        org_work_patterns=frozenset({"office"}),
        activities=(ActivityFact(at(16, 9), "onsite", "all"), ActivityFact(at(17, 14), "onsite", "all")),
    )
    assert not {"no_remote_activity", "no_shift_activity"} & codes(office_only)
    # an online activity for everyone in the evening reaches shift workers
    evening = replace(
        HEALTHY,
        activities=(ActivityFact(at(16, 9), "hybrid", "all"), ActivityFact(at(17, 19), "online", "all")),
    )
    assert "no_shift_activity" not in codes(evening)
    # a single activity is not "all at the same time"
    assert "same_time_of_day" not in codes(replace(HEALTHY, activities=HEALTHY.activities[:1]))
    # an activity after the week counts as something planned after it
    after = replace(
        HEALTHY,
        communication_phases=("before",),
        activities=(*HEALTHY.activities, ActivityFact(dt.datetime(2026, 11, 27, 10), "online", "all")),
    )
    assert "nothing_after" not in codes(after)
    # many activities with a policy follow-up is fine
    assert "events_without_policy" not in codes(replace(HEALTHY, activities=HEALTHY.activities * 2))
    # two themes is fine
    assert "too_many_themes" not in codes(replace(HEALTHY, theme_count=2))


def test_facts_are_collected_from_the_database(db, org):
    from campaigns.selectors import campaign_facts
    from tests.factories import TeamFactory

    from .factories import ActivityFactory, AmbassadorFactory, CoreTeamMemberFactory, local, make_campaign

    TeamFactory(organisation=org, work_pattern="shift")
    campaign = make_campaign(org)
    CoreTeamMemberFactory(campaign=campaign, role="manager")
    AmbassadorFactory(campaign=campaign)
    ActivityFactory(
        campaign=campaign, starts_at=local(campaign.week_start, 6), audience="shift", format="onsite"
    )
    facts = campaign_facts(campaign=campaign)
    assert facts.core_team_roles == ("manager",)
    assert len(facts.ambassador_team_ids) == 1
    assert facts.activities[0].starts_at.hour == 6
    assert "shift" in facts.org_work_patterns
    assert {"checkin-30", "checkin-60", "checkin-90"} <= facts.step_keys
    found = codes(facts)
    assert "no_shift_activity" not in found
    assert {"no_baseline", "few_ambassadors", "no_goal"} <= found


# --- after the week: 3 to 5 actions (the actions app counts them) ------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, {"few_actions"}), (2, {"few_actions"}), (3, set()), (5, set()), (6, {"many_actions"})],
)
def test_after_the_week_three_to_five_actions_should_come_out_of_it(count, expected):
    facts = replace(HEALTHY, today=HEALTHY.week_end + dt.timedelta(days=3), action_count=count)
    assert codes(facts) & {"few_actions", "many_actions"} == expected


def test_before_the_week_is_over_the_number_of_actions_is_not_judged():
    facts = replace(HEALTHY, today=HEALTHY.week_end, action_count=0)
    assert "few_actions" not in codes(facts)
