"""Dashboard, plan timeline, tick-off, permissions per role and bounded query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from campaigns.models import PlanStep
from campaigns.progress import STEP_RULES
from campaigns.services import agenda_apply_suggestion, communication_apply_suggestion, plan_step_toggle
from werkstressweek.accounts.models import Role

from .factories import AmbassadorFactory, CoreTeamMemberFactory, GoalFactory, make_campaign

READERS = [Role.MANAGER, Role.AMBASSADOR, Role.WORKS_COUNCIL]
EDITORS = [Role.HR, Role.CORE_TEAM]


def _fill(campaign):
    agenda_apply_suggestion(campaign=campaign, patterns=frozenset({"office", "shift", "remote", "hybrid"}))
    communication_apply_suggestion(campaign=campaign)
    for _ in range(3):
        GoalFactory(campaign=campaign)
        member = CoreTeamMemberFactory(campaign=campaign)
        AmbassadorFactory(campaign=campaign)
    # Only manual steps are ticked off by hand; the others follow from the data above.
    for step in campaign.steps.exclude(template__key__in=STEP_RULES)[:10]:
        step.owner = member
        step.save()
        plan_step_toggle(step=step, by=None)


@pytest.mark.parametrize("role", EDITORS + READERS)
def test_every_role_reads_the_dashboard_plan_and_exports(client_for, member_of, campaign, url, role):
    client = client_for(member_of(role) if role != Role.HR else member_of(Role.HR))
    for path in ("", "plan/", "export/agenda.csv", "export/communication.xlsx"):
        assert client.get(url(path)).status_code == 200, path
    assert client.get(f"/o/{campaign.organisation.slug}/campaigns/").status_code == 200


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_change_anything(client_for, member_of, campaign, url, role):
    client = client_for(member_of(role))
    step = campaign.steps.first()
    assert client.get(url("wizard/goals/")).status_code == 403
    assert client.post(url("wizard/agenda/"), {"form": "suggested"}).status_code == 403
    assert client.post(url(f"plan/{step.pk}/toggle/")).status_code == 403
    assert client.post(url("agenda-link/")).status_code == 403
    assert client.get(url("import/agenda/")).status_code == 403
    assert client.get(f"/o/{campaign.organisation.slug}/campaigns/new/").status_code == 403
    assert not campaign.activities.exists()
    assert not PlanStep.objects.get(pk=step.pk).is_done
    page = client.get(url("plan/")).content.decode()
    assert "hx-post" not in page


@pytest.mark.parametrize("role", EDITORS)
def test_editors_change_the_plan(client_for, member_of, campaign, url, role):
    client = client_for(member_of(role))
    step = campaign.steps.get(template__key="reminder-1")
    assert client.post(url(f"plan/{step.pk}/toggle/")).status_code == 302
    assert PlanStep.objects.get(pk=step.pk).is_done
    assert client.post(url("wizard/agenda/"), {"form": "suggested"}).status_code == 302
    assert campaign.activities.exists()


def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_ticking_off_with_htmx_returns_the_step_and_the_progress_bar(hr_client, campaign, url):
    step = campaign.steps.get(template__key="reminder-1")
    response = hr_client.post(url(f"plan/{step.pk}/toggle/"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="step-{step.pk}"' in html and 'aria-pressed="true"' in html
    assert 'id="plan-progress" hx-swap-oob="true"' in html
    assert PlanStep.objects.get(pk=step.pk).is_done


def test_overdue_steps_stand_out_on_the_plan(hr_client, org, url, campaign):
    from campaigns.services import campaign_update

    # a campaign in the past: every open step is overdue
    campaign_update(campaign=campaign, week_start=dt.date(2026, 1, 5))
    html = hr_client.get(url("plan/")).content.decode()
    assert "overdue" in html
    assert "text-bg-danger" in html


def test_a_step_is_redated_reassigned_added_and_removed_through_the_pages(hr_client, campaign, url):
    member = CoreTeamMemberFactory(campaign=campaign)
    step = campaign.steps.first()
    bad = hr_client.post(url(f"plan/{step.pk}/"), {"due_on": "2026-10-03", "owner": member.pk})
    assert bad.status_code == 200 and "due_on" in bad.context["form"].errors
    assert (
        hr_client.post(url(f"plan/{step.pk}/"), {"due_on": "2026-10-02", "owner": member.pk}).status_code
        == 302
    )
    step.refresh_from_db()
    assert step.due_on == dt.date(2026, 10, 2) and step.owner == member
    assert (
        hr_client.post(url("plan/add/"), {"title": "Fruit bestellen", "due_on": "2026-11-10"}).status_code
        == 302
    )
    added = campaign.steps.get(custom_title="Fruit bestellen")
    assert hr_client.post(url("plan/add/"), {"title": "", "due_on": "2026-11-10"}).status_code == 422
    assert hr_client.post(url(f"plan/{added.pk}/remove/")).status_code == 302
    assert not campaign.steps.filter(pk=added.pk).exists()


def test_the_dashboard_shows_countdown_progress_health_agenda_messages_and_measurement(
    hr_client, campaign, url
):
    _fill(campaign)
    response = hr_client.get(url())
    context = response.context
    # 10 ticked off by hand, and 4 done by their data: core team, ambassadors in 3 teams, agenda,
    # messages (the goals step waits for a theme).
    assert context["done"] == 14 and context["total"] == campaign.steps.count()
    assert context["findings"]
    assert context["agenda_days"]
    assert "Baseline pulse opens" in response.content.decode() or "nulmeting" in response.content.decode()


def test_the_dashboard_and_plan_pages_run_a_bounded_number_of_queries(
    hr_client, campaign, url, django_assert_max_num_queries
):
    _fill(campaign)
    for path, limit in (("", 25), ("plan/", 15), ("wizard/agenda/", 20), ("wizard/review/", 25)):
        with django_assert_max_num_queries(limit):
            assert hr_client.get(url(path)).status_code == 200
    big = make_campaign(campaign.organisation, name="Tweede")
    _fill(big)
    _fill(big)
    with django_assert_max_num_queries(15):
        hr_client.get(f"/o/{campaign.organisation.slug}/campaigns/{big.pk}/plan/")
    with django_assert_max_num_queries(10):
        hr_client.get(f"/o/{campaign.organisation.slug}/campaigns/")


def test_another_organisations_campaign_is_404(client_for, other_org, campaign, url):
    from tests.factories import MembershipFactory, UserFactory

    stranger = MembershipFactory(organisation=other_org, role=Role.HR, user=UserFactory()).user
    client = client_for(stranger)
    assert client.get(url()).status_code == 404
    assert client.get(f"/o/{other_org.slug}/campaigns/{campaign.pk}/").status_code == 404


def test_resources_are_added_and_counted_against_the_budget(hr_client, campaign, url):
    from campaigns.services import campaign_update

    campaign_update(campaign=campaign, budget=1000)
    assert (
        hr_client.post(
            url("resources/"), {"kind": "budget_line", "name": "Trainer", "amount": "600"}
        ).status_code
        == 302
    )
    bad = hr_client.post(url("resources/"), {"kind": "budget_line", "name": "", "amount": "abc"})
    assert bad.status_code == 422
    page = hr_client.get(url("resources/"))
    assert page.context["spent"] == 600 and page.context["left"] == 400
    resource = campaign.resources.get()
    assert hr_client.post(url("resources/"), {"remove": resource.pk}).status_code == 302
    assert not campaign.resources.exists()


@pytest.mark.parametrize("role", READERS)
def test_budgets_are_only_for_hr_and_the_core_team(client_for, member_of, campaign, url, role):
    from campaigns.services import campaign_update

    campaign_update(campaign=campaign, budget=1234)
    client = client_for(member_of(role))
    assert client.get(url("resources/")).status_code == 403
    assert client.post(url("resources/"), {"kind": "tool", "name": "Teams"}).status_code == 403
    assert not campaign.resources.exists()
    for path in ("", "plan/"):
        page = client.get(url(path)).content.decode()
        assert "1234" not in page and "1.234" not in page and url("resources/") not in page, path
    assert client_for(member_of(Role.CORE_TEAM)).get(url("resources/")).status_code == 200


def test_the_status_follows_the_calendar(campaign):
    assert campaign.expected_status(dt.date(2026, 10, 1)) == "preparation"
    assert campaign.expected_status(dt.date(2026, 11, 18)) == "running"
    assert campaign.expected_status(dt.date(2026, 12, 18)) == "follow_up"
    assert campaign.expected_status(dt.date(2027, 3, 1)) == "closed"


def test_editing_the_campaign_changes_status_and_redates_the_plan(hr_client, campaign, url):
    data = {
        "name": campaign.name,
        "year": 2026,
        "week_start": "2026-11-09",
        "prep_weeks": 6,
        "status": "running",
    }
    assert hr_client.post(url("edit/"), data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "running" and campaign.prep_weeks == 6
    assert campaign.steps.get(template__key="run-monday").due_on == dt.date(2026, 11, 9)
    bad = hr_client.post(url("edit/"), dict(data, week_start="2026-11-10", name="Nieuwe naam"))
    assert bad.status_code == 200 and "week_start" in bad.context["form"].errors
    assert "Nieuwe naam" in bad.content.decode()


def test_linked_pulses_show_on_the_dashboard_and_count_as_planned_measurements(hr_client, campaign, url, org):
    from django.utils import timezone

    from campaigns.selectors import campaign_facts
    from measurements.models import Pulse

    assert campaign_facts(campaign=campaign).baseline_date is None
    opens = timezone.make_aware(dt.datetime(2026, 10, 19, 8, 0))
    Pulse.objects.create(
        organisation=org,
        campaign=campaign,
        kind="baseline",
        title="Nulmeting 2026",
        opens_at=opens,
        closes_at=opens + dt.timedelta(days=7),
    )
    assert campaign_facts(campaign=campaign).baseline_date == dt.date(2026, 10, 19)
    page = hr_client.get(url())
    assert "Nulmeting 2026" in page.content.decode()
    assert "no_baseline" not in {f.code for f in page.context["findings"]}


def test_removed_standard_steps_can_be_put_back_which_fixes_the_check_ins_finding(hr_client, campaign, url):
    from campaigns.health import health_check
    from campaigns.selectors import campaign_facts

    total = campaign.steps.count()
    campaign.steps.filter(template__key__in=["checkin-60", "checkin-90"]).delete()
    assert "no_checkins" in {f.code for f in health_check(campaign_facts(campaign=campaign))}
    page = hr_client.get(url("plan/"))
    assert len(page.context["missing_standard_steps"]) == 2
    assert hr_client.post(url("plan/restore/")).status_code == 302
    assert campaign.steps.count() == total
    assert "no_checkins" not in {f.code for f in health_check(campaign_facts(campaign=campaign))}


# --- Junk in the resources form --------------------------------------------------------------------


@pytest.mark.parametrize("junk", ["abc", "1\x00", "1" + "0" * 30, "-1", "١٢"])
def test_junk_as_the_resource_to_remove_is_not_found_not_a_crash(hr_client, url, junk):
    assert hr_client.post(url("resources/"), {"remove": junk}).status_code == 404


@pytest.mark.parametrize("amount", ["-5", "NaN", "Infinity", "1e400", "99999999999"])
def test_an_absurd_amount_is_explained_next_to_the_field_and_not_stored(hr_client, url, campaign, amount):
    response = hr_client.post(url("resources/"), {"kind": "budget_line", "name": "Lunch", "amount": amount})
    assert response.status_code == 422
    assert "is-invalid" in response.content.decode()
    assert f'value="{amount}"' in response.content.decode()
    assert not campaign.resources.exists()


def test_a_resource_name_loses_its_line_breaks(hr_client, url, campaign):
    hr_client.post(url("resources/"), {"kind": "tool", "name": "Laptop\r\nBeamer", "amount": ""})
    assert campaign.resources.get().name == "Laptop Beamer"
