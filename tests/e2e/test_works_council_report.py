"""The works council member logs in, lands on the portal and downloads an exported report."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from werkstressweek.accounts.models import Role
from werkstressweek.documents.services import report_export_run, report_export_start

pytestmark = pytest.mark.e2e


@pytest.fixture
def exported_plan(transactional_db):
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    campaign = Campaign.objects.get(organisation=org)
    export = report_export_start(
        org=org, by=users[Role.HR], report="campaign_plan", parameters={"campaign": campaign.pk}
    )
    report_export_run(export_id=export.pk)  # idempotent: the eager task may have done it already
    export.refresh_from_db()
    return org, users, export


def test_the_works_council_downloads_the_campaign_plan_from_its_portal(page, visit, axe, exported_plan):
    org, users, export = exported_plan
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(users[Role.WORKS_COUNCIL].email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill(account_password())
    page.get_by_role("main").get_by_role("button").click()

    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)
    expect(page.get_by_text(export.sha256)).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("download", re.I)).first.click()
    download = download_info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == export.sha256


def account_password() -> str:
    from werkstressweek.accounts.demo import DEMO_PASSWORD

    return DEMO_PASSWORD
