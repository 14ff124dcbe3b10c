"""Demo pulses: a baseline and a follow-up with a few hundred simulated answers, and an open pulse.

Recovery, workload and work–life balance improve after the week; other themes stay level.
Facilitair (6 people) stays below the minimum group size, so suppression shows. Answers are made
with a fixed seed through the same services as real answers.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from werkstressweek.accounts.models import Organisation, Team, User

from .models import Distribution, Pulse, PulseKind, Question
from .services import pulse_create, pulse_submit, pulse_update

BASELINE_TITLE = "Nulmeting Week van de Werkstress"
FOLLOW_UP_TITLE = "Nameting Week van de Werkstress"
OPEN_TITLE = "Weekpuls"
OPEN_QUESTION = "Wat zou jou helpen om de werkdruk te verlagen?"
DIMENSIONS = ["workload", "recovery", "balance", "support", "safety"]
# Mean score per team before the week (1–5, higher is better).
BASE_LEVEL = {
    "Verpleegafdeling Noord": 2.6,
    "Thuiszorg Oost": 2.9,
    "Planning & Roostering": 3.2,
    "HR & Financiën": 3.5,
    "ICT": 3.4,
    "Facilitair": 3.0,
}
# Share of the headcount that answers.
PARTICIPATION = {"baseline": 0.8, "follow_up": 0.75, "open": 0.3}
IMPROVES = {"workload": 0.45, "recovery": 0.6, "balance": 0.5}
COMMENTS = [
    "Minder vergaderingen op maandag.",
    "Een vaste pauze zonder telefoon.",
    "Duidelijker afspraken over bereikbaarheid in de avond.",
    "Meer ruimte om nee te zeggen tegen extra diensten.",
    "De ademhalingsoefening van de week werkte goed.",
    "",
    "",
]


def _questions() -> list[Question]:
    bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
    return [bank.filter(dimension=d).first() for d in DIMENSIONS]


def _simulate(
    pulse: Pulse,
    teams: list[Team],
    questions: list[Question],
    *,
    rng: random.Random,
    share: float,
    shift: dict[str, float],
) -> None:
    for team in teams:
        answering = max(1, round(team.headcount * share))
        if team.name == "Facilitair":
            answering = min(answering, 4)
        level = BASE_LEVEL.get(team.name, 3.0)
        for _ in range(answering):
            answers = {}
            for q in questions:
                score = min(5, max(1, round(rng.gauss(level + shift.get(q.dimension, 0.0), 0.9))))
                answers[q.pk] = q.score(score)  # the raw answer that gives this score
            comment = rng.choice(COMMENTS) if pulse.open_question else ""
            pulse_submit(pulse=pulse, team=team, answers=answers, comment=comment, questions=questions)


def _pulse(
    org: Organisation,
    *,
    title: str,
    kind: str,
    teams: list[Team],
    questions: list[Question],
    open_question: str = "",
) -> Pulse:
    now = timezone.now()
    return pulse_create(
        org=org,
        title=title,
        kind=kind,
        questions=questions,
        teams=teams,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        distribution=Distribution.TEAM_LINK,
        open_question=open_question,
        campaign=org.campaigns.order_by("-year").first(),
    )


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Create the demo pulses once; running it again changes nothing."""
    if Pulse.objects.filter(organisation=org, title=BASELINE_TITLE).exists():
        return
    rng = random.Random(2026)
    teams = list(org.teams.order_by("name"))
    questions = _questions()
    now = timezone.now()

    baseline = _pulse(
        org,
        title=BASELINE_TITLE,
        kind=PulseKind.BASELINE,
        teams=teams,
        questions=questions,
        open_question=OPEN_QUESTION,
    )
    _simulate(baseline, teams, questions, rng=rng, share=PARTICIPATION["baseline"], shift={})
    pulse_update(
        pulse=baseline,
        title=baseline.title,
        opens_at=now - timedelta(days=42),
        closes_at=now - timedelta(days=35),
        comments_shared=False,
    )

    follow_up = _pulse(
        org,
        title=FOLLOW_UP_TITLE,
        kind=PulseKind.FOLLOW_UP,
        teams=teams,
        questions=questions,
        open_question=OPEN_QUESTION,
    )
    _simulate(follow_up, teams, questions, rng=rng, share=PARTICIPATION["follow_up"], shift=IMPROVES)
    pulse_update(
        pulse=follow_up,
        title=follow_up.title,
        opens_at=now - timedelta(days=14),
        closes_at=now - timedelta(days=7),
        comments_shared=False,
    )

    weekly = _pulse(org, title=OPEN_TITLE, kind=PulseKind.DURING, teams=teams, questions=questions[:3])
    _simulate(weekly, teams, questions[:3], rng=rng, share=PARTICIPATION["open"], shift=IMPROVES)
