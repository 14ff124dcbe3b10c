"""The demo organisation with pulses, actions, retro and advice: what the plan-of-action, evaluation
and anonymity reports read. Import `full_demo_fixture` into a test module to use the `full_demo` fixture."""

from __future__ import annotations

import pytest

from werkstressweek.accounts.models import Role
from werkstressweek.documents import services


@pytest.fixture(name="full_demo")
def full_demo_fixture(demo):
    from actions import demo as actions_demo
    from measurements import demo as measurements_demo

    org, users, campaign = demo
    measurements_demo.load(org=org, users=users)
    actions_demo.load(org=org, users=users)
    return org, users, campaign


def export_done(org, users, report, parameters, capture):
    """Export a report as HR and render it right away; the finished row."""
    with capture(execute=True):
        export = services.report_export_start(
            org=org, by=users[Role.HR], report=report, parameters=parameters, role=Role.HR
        )
    export.refresh_from_db()
    return export
