"""Anonymous answering: team links and one-time codes, and protection against guessing."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from datetime import UTC, datetime

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team
from werkstressweek.forms import clean_multi_line

from ..codes import code_normalize
from ..models import (
    SCALE,
    Answer,
    CodeAttempt,
    Pulse,
    PulseCode,
    PulseTeam,
    Question,
    Response,
)
from .pulses import (
    ATTEMPT_LIMIT,
    ATTEMPT_WINDOW,
    COMMENT_MAX_LENGTH,
    CodeAlreadyUsed,
    InvalidAnswers,
    PulseNotOpen,
)

# --- Answering ------------------------------------------------------------------------------------


def team_link_get(*, token: str) -> PulseTeam | None:
    return PulseTeam.objects.select_related("pulse__organisation", "team").filter(token=token).first()


def team_link_for_answer(*, token: str) -> tuple[Pulse, Team, list[Question]] | None:
    """Everything the answer page needs for a team link, in one query: pulse, team and questions.
    None when the link is unknown. A known link always works, however much this client guessed.

    The answer endpoint is the hottest path of the app. One hand-written query instead of three
    ORM queries keeps it close to the bare stack (see bench/answering.py).
    """
    with connection.cursor() as cursor:
        cursor.execute(_ANSWER_CONTEXT_SQL, [token])
        rows = cursor.fetchall()
    if not rows:
        return None
    (team_id, team_name, pulse_id, title, opens_at, closes_at, distribution, open_question,
     org_id, org_name, org_slug, k, closed_at) = rows[0][:13]  # fmt: skip
    opens_at, closes_at = _aware(opens_at), _aware(closes_at)
    org = Organisation(pk=org_id, name=org_name, slug=org_slug, min_group_size=k)
    pulse = Pulse(
        pk=pulse_id,
        organisation=org,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        distribution=distribution,
        open_question=open_question,
        open_question_en=rows[0][22],
        closed_at=_aware(closed_at) if closed_at is not None else None,
    )
    team = Team(pk=team_id, name=team_name, organisation=org)
    questions = [
        Question(
            pk=row[13],
            dimension=row[14],
            text_nl=row[15],
            text_en=row[16],
            low_nl=row[17],
            high_nl=row[18],
            low_en=row[19],
            high_en=row[20],
            reverse_coded=bool(row[21]),
        )
        for row in rows
    ]
    return pulse, team, questions


def _aware(value: datetime | str) -> datetime:
    """Raw SQLite rows hold naive UTC datetimes (or text); PostgreSQL's are aware already."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


_ANSWER_CONTEXT_SQL = """
SELECT pt.team_id, t.name, p.id, p.title, p.opens_at, p.closes_at, p.distribution, p.open_question,
       o.id, o.name, o.slug, o.min_group_size, p.closed_at,
       q.id, q.dimension, q.text_nl, q.text_en, q.low_nl, q.high_nl, q.low_en, q.high_en, q.reverse_coded,
       p.open_question_en
FROM measurements_pulseteam pt
JOIN accounts_team t ON t.id = pt.team_id
JOIN measurements_pulse p ON p.id = pt.pulse_id
JOIN accounts_organisation o ON o.id = p.organisation_id
JOIN measurements_pulsequestion pq ON pq.pulse_id = p.id
JOIN measurements_question q ON q.id = pq.question_id
WHERE pt.token = %s
ORDER BY pq.position, pq.id
"""


def code_get(*, code: str) -> PulseCode | None:
    """The code as typed (any case, with or without dashes or spaces), or None when unknown."""
    stored = code_normalize(code)
    if stored is None:
        return None
    return PulseCode.objects.select_related("pulse__organisation", "team").filter(code=stored).first()


@transaction.atomic
def pulse_submit(
    *,
    pulse: Pulse,
    team: Team,
    answers: dict[int, int],
    comment: str = "",
    code: PulseCode | None = None,
    questions: Sequence[Question] | None = None,
) -> None:
    """Store one anonymous response; with a code, use the code up in the same transaction.

    The code row is marked used by a conditional UPDATE, so of any number of simultaneous
    submissions exactly one succeeds. Nothing links the response to the code.
    """
    if not pulse.is_open() or pulse.closed_at is not None:
        raise PulseNotOpen
    if code is not None:
        if code.pulse_id != pulse.pk or code.team_id != team.pk:
            raise CodeAlreadyUsed
        if PulseCode.objects.filter(pk=code.pk, used=False).update(used=True) != 1:
            raise CodeAlreadyUsed
    scored = _scores(list(pulse.questions.all()) if questions is None else questions, answers)
    # The quick path of the answer page skips the form: the shared cleaning (and no NUL) here.
    comment = (
        clean_multi_line(comment.replace("\x00", "")).strip()[:COMMENT_MAX_LENGTH]
        if pulse.open_question
        else ""
    )
    response = Response.objects.create(
        pulse=pulse, team=team, submitted_on=timezone.localdate(), comment=comment
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            pulse_id=pulse.pk,
            team_id=team.pk,
            question_id=q.pk,
            dimension=q.dimension,
            score=score,
        )
        for q, score in scored
    )


def _scores(questions: Sequence[Question], answers: dict[int, int]) -> list[tuple[Question, int]]:
    ids = {q.pk for q in questions}
    if set(answers) != ids:
        raise InvalidAnswers(_("Answer every question."))
    if any(answers[q.pk] not in SCALE for q in questions):
        raise InvalidAnswers(_("Choose an answer from 1 to 5."))
    return [(q, q.score(answers[q.pk])) for q in questions]


# --- Guessing protection --------------------------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The client's address as the login throttle sees it (django-axes through ipware, PROXY_COUNT)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or ""


def client_key(address: str) -> str:
    """A keyed hash of the client address: usable for counting, useless for finding the person."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _window(now: datetime) -> datetime:
    seconds = int(ATTEMPT_WINDOW.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def attempts_blocked(*, client: str, now: datetime | None = None) -> bool:
    window = _window(now or timezone.now())
    return CodeAttempt.objects.filter(client=client, window=window, failures__gte=ATTEMPT_LIMIT).exists()


def attempt_failed(*, client: str, now: datetime | None = None) -> None:
    """Count an unknown code or link for this client in the current window."""
    window = _window(now or timezone.now())
    if CodeAttempt.objects.filter(client=client, window=window).update(failures=F("failures") + 1):
        return
    try:
        with transaction.atomic():
            CodeAttempt.objects.create(client=client, window=window, failures=1)
    except IntegrityError:
        CodeAttempt.objects.filter(client=client, window=window).update(failures=F("failures") + 1)
