"""HR's menu fits on one line at 1280 px and works on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _login(page, visit, axe, user) -> None:
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(user.email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill("correct horse battery")
    page.get_by_role("main").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/o/"))
    axe(page)


def test_hr_menu_fits_one_line_at_1280_px_and_opens_the_organisation_dropdown(page, visit, axe, hr_user, org):
    _login(page, visit, axe, hr_user)
    nav = page.get_by_role("navigation", name=re.compile("hoofdmenu|main navigation", re.I))
    items = nav.locator("#mainnav > ul.me-auto > li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, f"the menu wraps onto {len(tops)} lines"
    box = nav.bounding_box()
    assert box["height"] < 80 and page.evaluate("document.documentElement.scrollWidth") <= 1280
    nav.get_by_role("button", name=re.compile("organisatie", re.I)).click()
    nav.get_by_role("link", name=re.compile("instellingen", re.I)).click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/settings/$"))
    axe(page)


def test_hr_menu_works_on_a_phone(phone_page, visit, axe, hr_user, org):
    page = phone_page
    _login(page, visit, axe, hr_user)
    nav = page.get_by_role("navigation", name=re.compile("hoofdmenu|main navigation", re.I))
    nav.get_by_role("button", name=re.compile("menu", re.I)).click()
    nav.get_by_role("button", name=re.compile("organisatie", re.I)).click()
    nav.get_by_role("link", name="Teams", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/teams/$"))
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
