"""The demo pulses: plausible data that shows improvement and suppression, loaded idempotently."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from measurements import selectors
from measurements.demo import BASELINE_TITLE, FOLLOW_UP_TITLE
from measurements.models import Pulse, Response


def test_the_demo_has_a_baseline_and_a_follow_up_that_show_improvement_and_suppression(bank):
    call_command("loaddemo", verbosity=0)
    count = Response.objects.count()
    call_command("loaddemo", verbosity=0)
    assert Response.objects.count() == count >= 150
    baseline = Pulse.objects.get(title=BASELINE_TITLE)
    follow_up = Pulse.objects.get(title=FOLLOW_UP_TITLE)
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
