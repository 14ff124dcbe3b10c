"""Answer counts of closed pulses are kept, and never outlive the answers they count."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurements.models import Answer, Response
from measurements.selectors.results import answer_counts
from measurements.selectors.tallies import closed_answer_counts

from .helpers import answer_randomly, close


def seal(pulse) -> None:
    """Close the pulse now and run the closing job, as beat does after the grace period."""
    from datetime import timedelta

    from measurements.services.closing import CLOSE_GRACE, pulse_close

    close(pulse)
    assert pulse_close(
        pulse_id=pulse.pk, now=pulse.closes_at + CLOSE_GRACE + timedelta(seconds=1), vacuum=False
    )
    pulse.refresh_from_db()


def _answer_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "measurements_answer" in q["sql"]]


def test_a_closed_pulse_is_counted_once_and_then_read_from_the_cache(pulse, team):
    answer_randomly(pulse, team, 8)
    close(pulse)
    assert dict(closed_answer_counts([pulse])) == dict(answer_counts([pulse.pk]))  # closed, not sealed yet
    seal(pulse)
    first = closed_answer_counts([pulse])
    assert dict(first) == dict(answer_counts([pulse.pk]))
    with CaptureQueriesContext(connection) as captured:
        again = closed_answer_counts([pulse])
    assert dict(again) == dict(first)
    assert _answer_queries(captured) == []  # no GROUP BY over the answers the second time


def test_an_open_pulse_is_always_counted_afresh(pulse, team):
    answer_randomly(pulse, team, 3)
    assert sum(sum(row) for row in closed_answer_counts([pulse]).values()) == 3 * pulse.questions.count()
    answer_randomly(pulse, team, 2, seed=2)
    assert sum(sum(row) for row in closed_answer_counts([pulse]).values()) == 5 * pulse.questions.count()


def test_deleted_answers_are_not_served_from_the_cache(pulse, team):
    answer_randomly(pulse, team, 8)
    seal(pulse)
    assert closed_answer_counts([pulse])
    Answer.objects.filter(pulse=pulse).delete()  # as retention does
    Response.objects.filter(pulse=pulse).delete()
    assert dict(closed_answer_counts([pulse])) == {}
