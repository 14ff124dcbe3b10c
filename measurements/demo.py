"""Demo pulses on the demo campaign's measurement plan: a baseline and a follow-up with a few hundred
simulated answers, then the recurring pulse of "after the week" (see `demo_rounds`).

Recovery, workload and work–life balance improve after the week; other themes stay level.
Facilitair (6 people) stays below the minimum group size, so suppression shows. Answers are made
with a fixed seed through the same services as real answers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Round:
    """One demo pulse: when it opens and closes, whether it belongs to the campaign, how people answer."""

    title: str
    kind: str
    opens_at: datetime
    closes_at: datetime
    linked: bool = True  # linked to this year's campaign (else: last year's history, no campaign)
    share: float = 0.0
    shift: tuple[tuple[str, float], ...] = ()
    recurrence: str = ""
    open_question: str = OPEN_QUESTION


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def demo_rounds(campaign, now: datetime) -> list[Round]:
    """The demo's pulses, following the campaign's measurement plan whatever the date (one story).

    The baseline opens on the plan's baseline date and closes before the week; the follow-up opens
    on the plan's follow-up date, after the week. A round whose dates lie ahead is planned (no
    answers); one that is under way is open; one that is over is closed. Until this year's follow-up
    has closed, last year's baseline and follow-up (same plan, 52 weeks earlier, no campaign) give
    the results and the comparison something to show. After the follow-up, the plan's cadence
    ("after the week") runs as a recurring pulse.
    """
    base_day = campaign.baseline_date or campaign.week_start - timedelta(days=28)
    follow_day = campaign.followup_date or campaign.week_start + timedelta(days=7)
    base = (_at(base_day, 8), min(_at(base_day + timedelta(days=7), 17), _at(campaign.week_start, 8)))
    follow = (_at(follow_day, 8), _at(follow_day + timedelta(days=7), 17))
    improves = tuple(IMPROVES.items())
    year = campaign.week_start.year
    rounds = [
        Round(f"{BASELINE_TITLE} {year}", PulseKind.BASELINE, *base, share=PARTICIPATION["baseline"]),
        Round(
            f"{FOLLOW_UP_TITLE} {year}",
            PulseKind.FOLLOW_UP,
            *follow,
            share=PARTICIPATION["follow_up"],
            shift=improves,
        ),
    ]
    if follow[1] <= now:
        cadence = (
            campaign.pulse_cadence if campaign.pulse_cadence in ("weekly", "fortnightly") else "fortnightly"
        )
        days = 7 if cadence == "weekly" else 14
        opens = max(now - timedelta(hours=1), follow[1])
        rounds.append(
            Round(
                OPEN_TITLE,
                PulseKind.RECURRING,
                opens,
                opens + timedelta(days=days - 1),
                share=PARTICIPATION["open"],
                shift=improves,
                recurrence=cadence,
                open_question="",
            )
        )
    else:
        year_ago = timedelta(weeks=52)
        rounds[:0] = [
            Round(
                f"{BASELINE_TITLE} {year - 1}",
                PulseKind.BASELINE,
                base[0] - year_ago,
                base[1] - year_ago,
                linked=False,
                share=PARTICIPATION["baseline"],
            ),
            Round(
                f"{FOLLOW_UP_TITLE} {year - 1}",
                PulseKind.FOLLOW_UP,
                follow[0] - year_ago,
                follow[1] - year_ago,
                linked=False,
                share=PARTICIPATION["follow_up"],
                shift=improves,
            ),
        ]
    return rounds


def _create(
    org: Organisation, campaign, spec: Round, teams: list[Team], questions: list[Question], rng
) -> Pulse:
    """Create one round through the services: planned as is; open or past ones get simulated answers
    while open, and past ones are then moved to their dates and sealed like every closed pulse."""
    now = timezone.now()
    questions = questions if spec.kind != PulseKind.RECURRING else questions[:3]
    planned = spec.opens_at > now
    pulse = pulse_create(
        org=org,
        title=spec.title,
        kind=spec.kind,
        questions=questions,
        teams=teams,
        opens_at=spec.opens_at if planned else now - timedelta(hours=1),
        closes_at=spec.closes_at if planned else max(spec.closes_at, now + timedelta(hours=1)),
        distribution=Distribution.TEAM_LINK,
        open_question=spec.open_question,
        recurrence=spec.recurrence,
        campaign=campaign if spec.linked else None,
    )
    if planned:
        return pulse
    _simulate(pulse, teams, questions, rng=rng, share=spec.share, shift=dict(spec.shift))
    _backdate(pulse, opens_at=spec.opens_at, closes_at=spec.closes_at)
    if spec.closes_at <= now:
        pulse_close(pulse_id=pulse.pk)  # sealed like every closed pulse: codes gone, answers shuffled
    return pulse


def _backdate(pulse: Pulse, *, opens_at: datetime, closes_at: datetime) -> None:
    """Move a demo pulse into the past after its simulated answers. Demo history only: no user
    can do this, because pulse_update never changes the dates of an opened or closed pulse."""
    Pulse.objects.filter(pk=pulse.pk).update(opens_at=opens_at, closes_at=closes_at)
    pulse.opens_at, pulse.closes_at = opens_at, closes_at


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Create the demo pulses once; running it again changes nothing."""
    if Pulse.objects.filter(organisation=org, title__startswith=BASELINE_TITLE).exists():
        return
    campaign = org.campaigns.order_by("-year").first()
    if campaign is None:
        return
    rng = random.Random(2026)
    teams = list(org.teams.order_by("name"))
    questions = _questions()
    for spec in demo_rounds(campaign, timezone.now()):
        _create(org, campaign, spec, teams, questions, rng)
