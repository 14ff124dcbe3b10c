"""The works council member logs in, lands on the portal and downloads an exported report."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

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


@pytest.fixture
def exported_action_plan(transactional_db):
    from actions import demo as actions_demo
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    actions_demo.load(org=org, users=users)
    campaign = Campaign.objects.get(organisation=org)
    export = report_export_start(
        org=org, by=users[Role.HR], report="action_plan", parameters={"campaign": campaign.pk}
    )
    report_export_run(export_id=export.pk)
    export.refresh_from_db()
    return org, users, export


def test_the_works_council_downloads_the_plan_of_action_and_it_reads_as_one(
    page, visit, axe, exported_action_plan
):
    org, users, export = exported_action_plan
    visit(page, "/accounts/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(users[Role.WORKS_COUNCIL].email)
    page.get_by_label(re.compile("password|wachtwoord", re.I)).fill(account_password())
    page.get_by_role("main").get_by_role("button").click()

    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/$"))
    axe(page)
    row = page.locator(f"#export-{export.pk}")
    expect(row).to_contain_text(re.compile("Plan van aanpak|Plan of action"))
    expect(row).to_contain_text(export.sha256)
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("download", re.I)).click()
    data = Path(download_info.value.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == export.sha256

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert len(reader.pages) == export.pages >= 4
    assert "Plan van aanpak" in text and "Acties per risico en niveau" in text
    assert "Werkdruk als vast agendapunt in elk teamoverleg" in text
    assert "Advies van de ondernemingsraad" in text


def account_password() -> str:
    from werkstressweek.accounts.demo import DEMO_PASSWORD

    return DEMO_PASSWORD
