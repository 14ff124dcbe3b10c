from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from measurements.selectors import pulse_results
from tests.factories import MembershipFactory, UserFactory
from werkstressweek.accounts.models import Role
from werkstressweek.audit.models import AuditAction, AuditEntry
from werkstressweek.documents import feedback
from werkstressweek.documents.models import FeedbackPage

from .conftest import pdf_text
from .test_measurement_report import not_closed_pulse, render


@pytest.fixture
def with_actions(demo_pulses):
    from actions import demo as actions_demo

    org, users, baseline, follow_up = demo_pulses
    actions_demo.load(org=org, users=users)
    return demo_pulses


def test_the_feedback_pdf_tells_employees_what_goes_well_what_needs_attention_and_what_we_do(with_actions):
    org, users, _baseline, follow_up = with_actions
    data = render(org, users, {"pulse": follow_up.pk, "include_teams": True}, report="feedback").data
    text = pdf_text(data)
    for heading in ("Wat je ons vertelde", "Wie deed er mee", "Wat goed gaat", "Wat aandacht vraagt",
                    "Per team", "Wat we gaan doen", "Je antwoorden blijven anoniem"):  # fmt: skip
        assert heading in text, heading
    total = pulse_results(follow_up).total
    assert f"{total.respondents} collega's" in text
    assert "Vaste pauzetijden en een stille ruimte op de afdeling" in text  # an action of the campaign
    assert "VERTROUWELIJK" not in text  # meant for everyone
    assert "Facilitair" not in text and "Planning & Roostering" not in text  # hidden teams: not even named
    assert "HR & Financiën" in text


def test_without_teams_the_feedback_shows_the_organisation_only(with_actions):
    org, users, _baseline, follow_up = with_actions
    context = feedback.feedback_context(pulse=follow_up, include_teams=False)
    assert context["teams"] == []
    assert all(not a["team"] for a in context["actions"])  # no team named when no team is shown
    assert {t["verdict"] for t in context["themes"]} <= {"well", "attention"}
    assert len(context["going_well"]) + len(context["attention"]) == len(context["themes"]) == 5


def _publish(org, users, pulse, include_teams=True):
    return feedback.feedback_publish(org=org, pulse=pulse, by=users[Role.HR], include_teams=include_teams)


def test_the_public_page_works_without_login_or_cookies_and_is_not_indexed(with_actions, client):
    org, users, _baseline, follow_up = with_actions
    page = _publish(org, users, follow_up)
    assert len(page.token) >= 43  # 256 bits, URL-safe

    response = client.get(f"/feedback/{page.token}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wat je ons vertelde" in body and "Wat we gaan doen" in body
    assert "noindex" in response["X-Robots-Tag"] and 'name="robots" content="noindex' in body
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response.cookies == {} or not any(c.value for c in response.cookies.values())
    assert "<script" not in body
    results = pulse_results(follow_up)
    for group in results.teams:
        if group.hidden or group.padded:
            assert escape(group.name) not in body
        else:
            assert escape(group.name) in body


def test_the_public_page_is_not_found_when_unpublished_or_with_a_wrong_token(with_actions, client):
    org, users, _baseline, follow_up = with_actions
    assert client.get("/feedback/" + "x" * 43 + "/").status_code == 404
    page = _publish(org, users, follow_up)
    token = page.token
    assert client.get(f"/feedback/{token[:-1]}/").status_code == 404
    assert client.get(f"/feedback/{token}/").status_code == 200

    feedback.feedback_unpublish(org=org, pulse=follow_up, by=users[Role.HR])
    assert client.get(f"/feedback/{token}/").status_code == 404
    again = _publish(org, users, follow_up)
    assert again.token != token  # a new link; the old one stays dead
    assert client.get(f"/feedback/{token}/").status_code == 404


def test_the_public_page_never_shows_more_than_the_pdf(with_actions, client):
    org, users, _baseline, follow_up = with_actions
    page = _publish(org, users, follow_up, include_teams=False)
    body = client.get(f"/feedback/{page.token}/").content.decode()
    for group in pulse_results(follow_up).teams:
        assert f'<th scope="row" class="rowhead">{group.name}' not in body
    assert "Per team" not in body
    assert not re.search(r"Facilitair", body)


def test_hr_publishes_and_unpublishes_with_an_audit_entry_each(with_actions, client_for):
    org, users, _baseline, follow_up = with_actions
    client = client_for(users[Role.HR])
    assert client.get(f"/o/{org.slug}/reports/feedback/").status_code == 200
    response = client.post(
        f"/o/{org.slug}/reports/feedback/{follow_up.pk}/publish/", {f"p{follow_up.pk}-include_teams": "on"}
    )
    assert response.status_code == 302
    page = FeedbackPage.objects.get(pulse=follow_up)
    assert page.is_published and page.include_teams
    assert page.token in client.get(f"/o/{org.slug}/reports/feedback/").content.decode()
    client.post(f"/o/{org.slug}/reports/feedback/{follow_up.pk}/unpublish/")
    page.refresh_from_db()
    assert not page.is_published
    actions = list(AuditEntry.objects.filter(organisation=org).values_list("action", flat=True))
    assert AuditAction.FEEDBACK_PUBLISHED in actions and AuditAction.FEEDBACK_UNPUBLISHED in actions


@pytest.mark.parametrize("role", [Role.CORE_TEAM, Role.WORKS_COUNCIL, Role.MANAGER, Role.AMBASSADOR])
def test_only_hr_may_publish_feedback(with_actions, client_for, role):
    org, users, _baseline, follow_up = with_actions
    user = users.get(role) or MembershipFactory(organisation=org, role=role, user=UserFactory()).user
    response = client_for(user).post(f"/o/{org.slug}/reports/feedback/{follow_up.pk}/publish/")
    assert response.status_code == 403
    assert not FeedbackPage.objects.filter(pulse=follow_up).exists()


def test_an_open_pulse_or_another_organisations_pulse_cannot_be_published(
    with_actions, client_for, other_org
):

    org, users, _baseline, follow_up = with_actions
    open_pulse = not_closed_pulse(org)
    client = client_for(users[Role.HR])
    assert client.post(f"/o/{org.slug}/reports/feedback/{open_pulse.pk}/publish/").status_code == 404
    stranger = MembershipFactory(organisation=other_org, role=Role.HR, user=UserFactory()).user
    response = client_for(stranger).post(f"/o/{other_org.slug}/reports/feedback/{follow_up.pk}/publish/")
    assert response.status_code == 404
    assert not FeedbackPage.objects.exists()


def test_the_feedback_pages_list_runs_a_bounded_number_of_queries(
    with_actions, client_for, django_assert_max_num_queries
):
    org, users, baseline, follow_up = with_actions
    _publish(org, users, baseline)
    _publish(org, users, follow_up)
    client = client_for(users[Role.HR])
    client.get(f"/o/{org.slug}/reports/feedback/")  # warm the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(f"/o/{org.slug}/reports/feedback/")
    assert response.content.decode().count("/feedback/") >= 2
