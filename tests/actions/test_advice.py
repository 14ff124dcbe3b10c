"""The works council records its advice or consent on the plan of action; the history stays visible."""

from __future__ import annotations

import pytest

from actions.models import CouncilAdvice
from werkstressweek.accounts.models import Role


@pytest.fixture
def council(member_of):
    return member_of(Role.WORKS_COUNCIL)


def test_the_works_council_records_its_position_and_sees_the_history(client_for, council, org):
    client = client_for(council)
    url = f"/o/{org.slug}/actions/works-council/"
    first = {"kind": "advice", "given_on": "2026-10-01", "position": "pending", "note": "Eerst bespreken"}
    second = {
        "kind": "consent",
        "given_on": "2026-11-01",
        "position": "conditional",
        "conditions": "Evaluatie na een kwartaal",
    }
    assert client.post(url + "add/", first).status_code == 302
    assert client.post(url + "add/", second).status_code == 302
    html = client.get(url).content.decode()
    assert "Eerst bespreken" in html and "Evaluatie na een kwartaal" in html
    assert html.index("Evaluatie na een kwartaal") < html.index("Eerst bespreken")  # newest first
    assert CouncilAdvice.objects.filter(organisation=org, recorded_by=council).count() == 2


def test_conditions_are_required_for_a_conditional_position(client_for, council, org):
    response = client_for(council).post(
        f"/o/{org.slug}/actions/works-council/add/",
        {"kind": "advice", "given_on": "2026-11-01", "position": "conditional", "note": "Ja, mits"},
    )
    assert response.status_code == 422
    assert "conditions" in response.context["form"].errors
    assert "Ja, mits" in response.content.decode()
    assert not CouncilAdvice.objects.exists()


@pytest.mark.parametrize("role", [Role.HR, Role.CORE_TEAM, Role.MANAGER])
def test_only_the_works_council_records_advice(client_for, member_of, org, role):
    client = client_for(member_of(role))
    response = client.post(
        f"/o/{org.slug}/actions/works-council/add/",
        {"kind": "advice", "given_on": "2026-11-01", "position": "positive"},
    )
    assert response.status_code == 403
    assert client.get(f"/o/{org.slug}/actions/works-council/").context["form"] is None
    assert not CouncilAdvice.objects.exists()
