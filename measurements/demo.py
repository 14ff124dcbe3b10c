"""Demo pulses: a baseline and a follow-up with a few hundred simulated answers, and an open pulse.

Recovery, workload and work–life balance improve after the week; other themes stay level.
Facilitair (6 people) stays below the minimum group size, so suppression shows. Answers are made
with a fixed seed through the same services as real answers.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from werkstressweek.accounts.models import Organisation, Team, User

from .models import Distribution, Pulse, PulseKind, Question
from .services import pulse_close, pulse_create, pulse_submit

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


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _schedule(org: Organisation) -> tuple[tuple[datetime, datetime], tuple[datetime, datetime]]:
    """Opening and closing times of the demo baseline and follow-up.

    When this year's demo campaign week is over, the pulses follow its measurement plan: the
    baseline weeks before the week, the follow-up from the Friday of the week (or the planned
    date, once it has passed) for at most a week. Otherwise they lie in the recent past. Both
    are closed, so the comparison shows complete rounds.
    """
    now = timezone.now()
    today = timezone.localdate()
    campaign = org.campaigns.order_by("-year").first()
    if campaign is None or campaign.week_start + timedelta(days=4) >= today:
        return (
            (now - timedelta(days=42), now - timedelta(days=35)),
            (now - timedelta(days=14), now - timedelta(days=7)),
        )
    baseline_day = campaign.baseline_date or campaign.week_start - timedelta(days=28)
    follow_day = campaign.followup_date
    if follow_day is None or follow_day >= today:
        follow_day = campaign.week_start + timedelta(days=4)
    return (
        (_at(baseline_day, 8), _at(baseline_day + timedelta(days=7), 17)),
        (_at(follow_day, 12), min(_at(follow_day + timedelta(days=7), 17), now - timedelta(hours=1))),
    )


def _backdate(pulse: Pulse, *, opens_at: datetime, closes_at: datetime) -> None:
    """Move a demo pulse into the past after its simulated answers. Demo history only: no user
    can do this, because pulse_update never changes the dates of an opened or closed pulse."""
    Pulse.objects.filter(pk=pulse.pk).update(opens_at=opens_at, closes_at=closes_at)
    pulse.opens_at, pulse.closes_at = opens_at, closes_at


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Create the demo pulses once; running it again changes nothing."""
    if Pulse.objects.filter(organisation=org, title=BASELINE_TITLE).exists():
        return
    rng = random.Random(2026)
    teams = list(org.teams.order_by("name"))
    questions = _questions()
    (baseline_opens, baseline_closes), (follow_up_opens, follow_up_closes) = _schedule(org)

    baseline = _pulse(
        org,
        title=BASELINE_TITLE,
        kind=PulseKind.BASELINE,
        teams=teams,
        questions=questions,
        open_question=OPEN_QUESTION,
    )
    _simulate(baseline, teams, questions, rng=rng, share=PARTICIPATION["baseline"], shift={})
    _backdate(baseline, opens_at=baseline_opens, closes_at=baseline_closes)
    pulse_close(pulse_id=baseline.pk)  # sealed like every closed pulse: codes gone, answers shuffled

    follow_up = _pulse(
        org,
        title=FOLLOW_UP_TITLE,
        kind=PulseKind.FOLLOW_UP,
        teams=teams,
        questions=questions,
        open_question=OPEN_QUESTION,
    )
    _simulate(follow_up, teams, questions, rng=rng, share=PARTICIPATION["follow_up"], shift=IMPROVES)
    _backdate(follow_up, opens_at=follow_up_opens, closes_at=follow_up_closes)
    pulse_close(pulse_id=follow_up.pk)  # sealed like every closed pulse: codes gone, answers shuffled

    weekly = _pulse(org, title=OPEN_TITLE, kind=PulseKind.DURING, teams=teams, questions=questions[:3])
    _simulate(weekly, teams, questions[:3], rng=rng, share=PARTICIPATION["open"], shift=IMPROVES)
