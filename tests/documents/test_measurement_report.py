from __future__ import annotations

import re

import pytest

from measurements.demo import BASELINE_TITLE, FOLLOW_UP_TITLE
from measurements.models import Answer, Pulse
from werkstressweek.accounts.models import Role
from werkstressweek.documents.registry import ExportContext, get_exporter

from .conftest import pdf_pages, pdf_text


@pytest.fixture
def demo_pulses(demo):
    from measurements import demo as measurement_demo

    org, users, campaign = demo
    measurement_demo.load(org=org, users=users)
    baseline = Pulse.objects.get(organisation=org, title=BASELINE_TITLE)
    follow_up = Pulse.objects.get(organisation=org, title=FOLLOW_UP_TITLE)
    return org, users, baseline, follow_up


def _render(org, users, parameters, language="nl"):
    exporter = get_exporter("measurement")
    parameters = exporter.clean_parameters(org=org, parameters=parameters)
    return exporter.render(
        ExportContext(
            org=org, by=users[Role.HR], parameters=parameters, language=language, progress=lambda p: None
        )
    )


def test_dump(demo_pulses):
    org, users, baseline, follow_up = demo_pulses
    pdf = _render(org, users, {"pulse": follow_up.pk})
    open("/tmp/r1/measurement.pdf", "wb").write(pdf.data)
    pdf = _render(org, users, {"pulse": baseline.pk})
    open("/tmp/r1/measurement_base.pdf", "wb").write(pdf.data)
    print(pdf_text(pdf.data)[:3000])
