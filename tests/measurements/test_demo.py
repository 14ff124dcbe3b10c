"""The demo pulses: plausible data that shows improvement and suppression, loaded idempotently."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from measurements import selectors
from measurements.demo import BASELINE_TITLE, FOLLOW_UP_TITLE, demo_rounds
from measurements.models import Pulse, Response


def test_the_demo_has_a_baseline_and_a_follow_up_that_show_improvement_and_suppression(bank):
    call_command("loaddemo", verbosity=0)
    count = Response.objects.count()
    call_command("loaddemo", verbosity=0)
    assert Response.objects.count() == count >= 150
    baseline = Pulse.objects.filter(title__startswith=BASELINE_TITLE, closed_at__isnull=False).latest(
        "opens_at"
    )
    follow_up = Pulse.objects.filter(title__startswith=FOLLOW_UP_TITLE, closed_at__isnull=False).latest(
        "opens_at"
    )
    assert baseline.state() == follow_up.state() == "closed"
    # Closed through the closing service, like every closed pulse: answers rewritten, codes gone.
    assert baseline.closed_at is not None and follow_up.closed_at is not None
    assert set(Response.objects.filter(pulse=baseline).values_list("submitted_on", flat=True)) == {
        timezone.localdate(baseline.closes_at)
    }
    comparison = selectors.pulse_comparison(baseline, follow_up)
    directions = {d: c.direction for d, c in comparison.total.changes.items()}
    assert "up" in directions.values() and "unclear" in directions.values()
    assert "Facilitair" in {g.name for g in comparison.teams if g.hidden}


@pytest.mark.parametrize("month, day", [(1, 10), (9, 1), (10, 25), (11, 18), (11, 26), (12, 6), (12, 30)])
def test_the_demo_pulses_follow_the_measurement_plan_on_any_date(db, month, day):
    """Pulse dates match the plan; no follow-up of the campaign before its week ends."""
    from campaigns.models import Campaign

    campaign = Campaign(
        name="Week 2026",
        year=2026,
        week_start=dt.date(2026, 11, 16),
        baseline_date=dt.date(2026, 10, 19),
        followup_date=dt.date(2026, 11, 23),
        pulse_cadence="fortnightly",
    )
    now = timezone.make_aware(dt.datetime(2026, month, day, 12))
    rounds = demo_rounds(campaign, now)
    linked = {r.kind: r for r in rounds if r.linked}
    assert timezone.localtime(linked["baseline"].opens_at).date() == campaign.baseline_date
    assert timezone.localtime(linked["follow_up"].opens_at).date() == campaign.followup_date
    assert linked["baseline"].closes_at <= timezone.make_aware(dt.datetime(2026, 11, 16, 8))
    week_over = timezone.make_aware(dt.datetime(2026, 11, 20, 17))
    assert all(r.opens_at > week_over for r in rounds if r.linked and r.kind in ("follow_up", "recurring"))
    closed = [r for r in rounds if r.closes_at <= now]
    # Something to compare on any date: a closed baseline and a later closed follow-up.
    assert {"baseline", "follow_up"} <= {r.kind for r in closed}
    if "recurring" in linked:
        assert linked["recurring"].opens_at >= linked["follow_up"].closes_at
        assert linked["follow_up"].closes_at <= now
