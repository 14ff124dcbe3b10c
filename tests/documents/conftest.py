from __future__ import annotations

import io

import pytest
from pypdf import PdfReader


@pytest.fixture
def demo(db):
    """The demo organisation, its users by role and its campaign, made by the demo loaders."""
    from campaigns import demo as campaign_demo
    from campaigns.catalogue import catalogue_seed
    from campaigns.models import ActivityKind, Campaign, PlanStepTemplate, Theme
    from werkstressweek.accounts import demo as account_demo

    if not PlanStepTemplate.objects.exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    org, users = account_demo.load()
    campaign_demo.load(org=org, users=users)
    return org, users, Campaign.objects.get(organisation=org)


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def demo_pulses(demo):
    """The demo organisation with its latest closed follow-up and the baseline before it."""
    from measurements import demo as measurement_demo
    from measurements.models import PulseKind
    from measurements.selectors import closed_pulses

    org, users, campaign = demo
    measurement_demo.load(org=org, users=users)
    closed = closed_pulses(org)
    follow_up = closed.filter(kind=PulseKind.FOLLOW_UP).first()
    baseline = closed.filter(kind=PulseKind.BASELINE, opens_at__lt=follow_up.opens_at).first()
    return org, users, baseline, follow_up
