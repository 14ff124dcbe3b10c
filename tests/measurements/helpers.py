from __future__ import annotations

import random

from measurements.services import pulse_close_now, pulse_submit


def answer_randomly(
    pulse, team, count: int, *, seed: int = 1, low: int = 1, high: int = 5, comment: str = ""
):
    """Submit `count` responses with random answers; return the raw answers given."""
    rng = random.Random(seed)
    questions = list(pulse.questions.all())
    given = []
    for _ in range(count):
        answers = {q.pk: rng.randint(low, high) for q in questions}
        pulse_submit(pulse=pulse, team=team, answers=answers, comment=comment)
        given.append(answers)
    return given


def close(*pulses) -> None:
    """Close pulses now through the service, as HR's 'Close now' does; results exist from then on."""
    for pulse in pulses:
        pulse_close_now(pulse=pulse)
        pulse.refresh_from_db()
