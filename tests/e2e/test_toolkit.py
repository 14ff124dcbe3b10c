"""An ambassador logs in, opens the toolkit from their home page, has it made and downloads a valid ZIP."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from werkstressweek.accounts.models import Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_org(transactional_db):
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from measurements import demo as measurement_demo
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    measurement_demo.load(org=org, users=users)
    return org, users, Campaign.objects.get(organisation=org)


def test_an_ambassador_downloads_the_toolkit_and_copies_a_message(page, visit, axe, demo_org):
    from werkstressweek.accounts.demo import DEMO_PASSWORD

    org, users, campaign = demo_org
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(users[Role.AMBASSADOR].email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)

    page.get_by_role("link", name=re.compile(f"Toolkit: {campaign.name}")).click()
    expect(page).to_have_url(re.compile(rf"/toolkit/{campaign.pk}/$"))
    axe(page)

    copy = page.locator('[data-copy-target="msg-before-teams"]')
    copy.click()
    expect(copy).to_contain_text(re.compile("Gekopieerd|Copied"))

    page.get_by_role("button", name=re.compile("Maak mijn toolkit|Make my toolkit")).click()
    link = page.get_by_role("link", name=re.compile("Download de toolkit|Download the toolkit"))
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        link.click()
    data = Path(download_info.value.path()).read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = archive.namelist()
    assert any(n.endswith("posters/poster-a4.pdf") for n in names)
    assert any(n.endswith("slides/kick-off.pptx") for n in names)
    assert archive.read(next(n for n in names if n.endswith("poster-a4.pdf"))).startswith(b"%PDF")
