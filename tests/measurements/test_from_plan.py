"""From the measurement plan to pulses: prefilled form, recurring cadence, comparison defaults,
swapping refused, deleting an unanswered pulse, warning for teams below k."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from campaigns.services import campaign_set_measurement_plan
from measurements import selectors
from measurements.models import Distribution, Pulse, PulseKind
from measurements.services import PulseHasAnswers, pulse_delete, pulse_initial_from_plan
from tests.campaigns.factories import make_campaign
from werkstressweek.audit.models import AuditEntry

from ..factories import TeamFactory
from .helpers import answer_randomly, close


def url(name, org, **kwargs):
    return reverse(f"measurements:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def campaign(org):
    campaign = make_campaign(org)  # week of 16 November 2026
    campaign_set_measurement_plan(
        campaign=campaign,
        baseline_date=dt.date(2026, 10, 19),
        followup_date=dt.date(2026, 11, 23),
        pulse_cadence="weekly",
        rie_psa_link="",
    )
    return campaign


def _local(value) -> tuple:
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.date(), value.hour


def test_plan_this_pulse_prefills_campaign_kind_and_the_plans_dates(hr_client, org, campaign, team):
    response = hr_client.get(url("pulse_create", org), {"campaign": campaign.pk, "kind": "follow_up"})
    form = response.context["form"]
    assert form["campaign"].value() == campaign.pk
    assert form["kind"].value() == PulseKind.FOLLOW_UP
    assert _local(form["opens_at"].value()) == (dt.date(2026, 11, 23), 8)
    assert form["teams"].value() == [team.pk]
    assert 'value="2026-11-23T08:00"' in response.content.decode()


def test_the_baseline_closes_before_the_week(org, campaign):
    campaign.baseline_date = dt.date(2026, 11, 12)
    campaign.save()
    initial = pulse_initial_from_plan(org=org, campaign_id=str(campaign.pk), kind="baseline")
    assert initial["closes_at"] <= timezone.make_aware(dt.datetime(2026, 11, 16, 8))


def test_the_after_the_week_cadence_becomes_the_recurring_pulse(org, campaign):
    initial = pulse_initial_from_plan(org=org, campaign_id=str(campaign.pk), kind="recurring")
    assert initial["recurrence"] == "weekly"
    assert _local(initial["opens_at"]) == (dt.date(2026, 11, 30), 8)  # one week after the follow-up


def test_another_organisations_campaign_prefills_nothing(org, other_org):
    foreign = make_campaign(other_org)
    assert pulse_initial_from_plan(org=org, campaign_id=str(foreign.pk), kind="baseline") == {
        "kind": "baseline"
    }
    assert pulse_initial_from_plan(org=org, campaign_id="9" * 40, kind="junk") == {"kind": "baseline"}


def test_the_campaign_page_offers_plan_this_pulse(hr_client, org, campaign):
    html = hr_client.get(f"/o/{org.slug}/campaigns/{campaign.pk}/").content.decode()
    assert f"?campaign={campaign.pk}&amp;kind=baseline" in html
    assert f"?campaign={campaign.pk}&amp;kind=recurring" in html


# --- Comparison -------------------------------------------------------------------------------------


@pytest.fixture
def rounds(org, team, make_pulse, campaign):
    """Last year's baseline and follow-up (campaign A), then this year's baseline only (campaign B)."""
    last_year = make_campaign(org, week_start=dt.date(2025, 11, 17), name="Week 2025")
    made = {}
    now = timezone.now()
    for days, name, kind, camp in [
        (3, "a_base", PulseKind.BASELINE, last_year),
        (2, "a_follow", PulseKind.FOLLOW_UP, last_year),
        (1, "b_base", PulseKind.BASELINE, campaign),
    ]:
        pulse = make_pulse(title=name, kind=kind, campaign=camp, opens_at=now - dt.timedelta(days=days))
        answer_randomly(pulse, team, 8)
        close(pulse)
        made[name] = pulse
    return made


def test_the_comparison_defaults_to_one_campaigns_baseline_and_follow_up(hr_client, org, rounds):
    response = hr_client.get(url("comparison", org))
    assert response.context["comparison"].baseline == rounds["a_base"]
    assert response.context["comparison"].follow_up == rounds["a_follow"]


def test_the_results_pages_button_preselects_that_pulse(hr_client, org, rounds):
    results = hr_client.get(url("pulse_results", org, pulse_id=rounds["a_follow"].pk)).content.decode()
    assert f"?pulse={rounds['a_follow'].pk}" in results
    # A baseline with no later round in its own campaign pairs with the newest earlier pulse.
    pair = selectors.comparison_default_pair(list(rounds.values()), preselect=rounds["b_base"])
    assert pair == (rounds["a_follow"], rounds["b_base"])
    response = hr_client.get(url("comparison", org), {"pulse": rounds["a_base"].pk})
    assert (response.context["comparison"].baseline, response.context["comparison"].follow_up) == (
        rounds["a_base"],
        rounds["a_follow"],
    )


def test_swapping_before_and_after_is_refused(hr_client, org, rounds):
    response = hr_client.get(
        url("comparison", org), {"baseline": rounds["a_follow"].pk, "follow_up": rounds["a_base"].pk}
    )
    assert response.context["comparison"] is None
    errors = " ".join(response.context["form"].non_field_errors())
    assert "'Before' opened after 'After'" in errors or "Voor" in errors


# --- Deleting and warning ----------------------------------------------------------------------------


def test_hr_deletes_a_pulse_without_answers_and_the_audit_log_says_so(hr_client, org, make_pulse):
    pulse = make_pulse(title="Dubbel aangemaakt")
    detail = hr_client.get(url("pulse_detail", org, pulse_id=pulse.pk)).content.decode()
    assert url("pulse_delete", org, pulse_id=pulse.pk) in detail
    response = hr_client.post(url("pulse_delete", org, pulse_id=pulse.pk))
    assert response.status_code == 302
    assert not Pulse.objects.filter(pk=pulse.pk).exists()
    entry = AuditEntry.objects.get(organisation=org, action="pulse.deleted")
    assert entry.subject == "Dubbel aangemaakt"


def test_a_pulse_with_answers_is_not_deleted(hr_client, org, make_pulse, team, hr_user):
    pulse = make_pulse()
    answer_randomly(pulse, team, 1)
    assert (
        url("pulse_delete", org, pulse_id=pulse.pk)
        not in hr_client.get(url("pulse_detail", org, pulse_id=pulse.pk)).content.decode()
    )
    with pytest.raises(PulseHasAnswers):
        pulse_delete(pulse=pulse, by=hr_user)
    hr_client.post(url("pulse_delete", org, pulse_id=pulse.pk))
    assert Pulse.objects.filter(pk=pulse.pk).exists()
    assert not AuditEntry.objects.filter(action="pulse.deleted").exists()


def test_only_hr_deletes_pulses(client_for, member_of, org, make_pulse):
    pulse = make_pulse()
    assert (
        client_for(member_of("core_team")).post(url("pulse_delete", org, pulse_id=pulse.pk)).status_code
        == 403
    )
    assert Pulse.objects.filter(pk=pulse.pk).exists()


def test_a_pulse_for_a_team_below_k_warns_that_its_results_never_show(hr_client, org, team, questions):
    small = TeamFactory(organisation=org, name="Directie", headcount=3)
    form_html = hr_client.get(url("pulse_create", org)).content.decode()
    assert "Directie (" in form_html
    now = timezone.localtime()
    response = hr_client.post(
        url("pulse_create", org),
        {
            "title": "Weekpuls",
            "kind": PulseKind.BASELINE,
            "questions": [q.pk for q in questions],
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "teams": [team.pk, small.pk],
            "distribution": Distribution.TEAM_LINK,
        },
    )
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "Directie" in warnings[0] and "Verpleging" not in warnings[0]
