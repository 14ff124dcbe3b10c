from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from werkstressweek.accounts.models import Membership, Organisation, Role, Team, User, WorkPattern


def counts() -> dict:
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_loaddemo_creates_the_demo_organisation_and_can_run_twice():
    out = StringIO()
    call_command("loaddemo", stdout=out)
    first = counts()
    call_command("loaddemo", stdout=StringIO())
    assert counts() == first

    org = Organisation.objects.get(slug="demo")
    assert org.name == "Demo Zorg BV"
    patterns = set(Team.objects.filter(organisation=org).values_list("work_pattern", flat=True))
    assert Team.objects.filter(organisation=org).count() == 6
    assert {WorkPattern.SHIFT, WorkPattern.REMOTE} <= patterns
    roles = dict(Membership.objects.filter(organisation=org).values_list("user__email", "role"))
    assert roles == {
        "hr@demo.nl": Role.HR,
        "kernteam@demo.nl": Role.CORE_TEAM,
        "manager@demo.nl": Role.MANAGER,
        "ambassadeur@demo.nl": Role.AMBASSADOR,
        "or@demo.nl": Role.WORKS_COUNCIL,
    }
    assert User.objects.get(email="hr@demo.nl").check_password("werkstress-demo")
    assert Membership.objects.get(user__email="manager@demo.nl").teams.count() == 1
    assert "werkstress-demo" in out.getvalue()
    assert "hr@demo.nl" in out.getvalue()
