"""HR logs in with e-mail address and password and lands on the organisation's home page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_hr_logs_in_and_sees_the_organisation_home_page(page, visit, axe, hr_user, org, team):
    visit(page, "/accounts/login/")

    page.get_by_label(re.compile("e-mail", re.I)).fill(hr_user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()  # the form's only button

    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(org.name)
    expect(page.get_by_text(team.name)).to_be_visible()
