"""Closing a pulse: after it, nothing in the database orders or links its answers (DESIGN.md §5.2).

While a pulse is open, a database administrator can see which codes are marked used, which
invitation addresses are still reminded, the order in which answers were stored (PostgreSQL
`xmin`/`ctid`, SQLite `rowid`) and that a code was used in the same transaction as an answer was
stored. The closing service removes all of that in one transaction:

- the pulse's responses (with their comments) and answers are read, shuffled, deleted and inserted
  again in random order under new random keys, all dated the closing day;
- its codes, invitation addresses and invitation/reminder notifications are deleted (only the
  number of codes issued per team stays, on PulseTeam.codes_issued);
- afterwards, on PostgreSQL, the affected tables are vacuumed (outside the transaction, since
  VACUUM cannot run inside one) so the old row versions go; on SQLite `secure_delete` overwrites
  the freed pages.

Submitting and marking a code used stay one transaction (one code, one answer): that shared
`xmin` lasts only until the close rewrites the rows and deletes the codes.

A pulse is rewritten CLOSE_GRACE after its closing time, so that an answer whose request began
before the pulse closed has been committed and is shuffled with the rest, without adding a
query to the answer endpoint.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from werkstressweek.audit.models import AuditAction, AuditEntry
from werkstressweek.audit.services import audit_record
from werkstressweek.notify.models import Notification

from ..models import Answer, Pulse, PulseCode, PulseTeam, Response

logger = logging.getLogger(__name__)

CLOSE_GRACE = timedelta(minutes=2)
BATCH = 2000
VACUUM_TABLES = (Response, Answer, PulseCode, Notification)
_shuffle = random.SystemRandom().shuffle


def pulse_close(*, pulse_id: int, now: datetime | None = None, vacuum: bool = True) -> bool:
    """Seal a pulse that closed at least CLOSE_GRACE ago; True when this call did it.

    Safe to run twice or concurrently: the pulse row is locked and `closed_at` is set once.
    With `vacuum=False` the caller vacuums once after sealing several pulses.
    """
    now = now or timezone.now()
    with transaction.atomic():
        pulse = Pulse.objects.select_for_update().filter(pk=pulse_id).first()
        if pulse is None or pulse.closed_at is not None or pulse.closes_at > now - CLOSE_GRACE:
            return False
        secure = _sqlite_secure_delete(True)
        try:
            _codes_delete(pulse)
            _responses_rewrite(pulse)
        finally:
            if secure:
                _sqlite_secure_delete(False)
        pulse.closed_at = now
        pulse.save(update_fields=["closed_at"])
        _audit_automatic_close(pulse)
        if vacuum:
            transaction.on_commit(_vacuum)
    return True


def _audit_automatic_close(pulse: Pulse) -> None:
    """Log a pulse that closed at its planned time (by nobody); 'close now' logged its own closing."""
    closed_by_hand = AuditEntry.objects.filter(
        organisation_id=pulse.organisation_id, action=AuditAction.PULSE_CLOSED, details__pulse=pulse.pk
    ).exists()
    if not closed_by_hand:
        audit_record(
            org=pulse.organisation,
            by=None,
            action=AuditAction.PULSE_CLOSED,
            subject=pulse.title,
            details={"pulse": pulse.pk},
        )


def _codes_delete(pulse: Pulse) -> None:
    """Delete codes and invitations, keeping the number issued per team."""
    counts = dict(
        PulseCode.objects.filter(pulse=pulse).values_list("team_id").annotate(n=Count("pk")).order_by()
    )
    for pulse_team in PulseTeam.objects.filter(pulse=pulse):
        issued = max(pulse_team.codes_issued, counts.get(pulse_team.team_id, 0))
        if issued != pulse_team.codes_issued:
            PulseTeam.objects.filter(pk=pulse_team.pk).update(codes_issued=issued)
    PulseCode.objects.filter(pulse=pulse).delete()
    Notification.objects.filter(
        Q(key__startswith=f"pulse-invite:{pulse.pk}:") | Q(key__startswith=f"pulse-reminder:{pulse.pk}:")
    ).delete()


def _responses_rewrite(pulse: Pulse) -> None:
    """Delete and insert again the pulse's responses and answers, shuffled, with new keys."""
    responses = list(Response.objects.filter(pulse=pulse).values_list("pk", "team_id", "comment"))
    if not responses:
        return
    scores: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for row in Answer.objects.filter(pulse=pulse).values_list(
        "response_id", "team_id", "question_id", "dimension", "score"
    ):
        scores[row[0]].append(row[1:])
    Answer.objects.filter(pulse=pulse).delete()
    Response.objects.filter(pulse=pulse).delete()

    day = timezone.localdate(pulse.closes_at)
    _shuffle(responses)
    new_responses, new_answers = [], []
    for old_id, team_id, comment in responses:
        response = Response(
            id=uuid.uuid4(),
            pulse_id=pulse.pk,
            team_id=team_id,
            submitted_on=day,
            comment=comment,
        )
        new_responses.append(response)
        new_answers.extend(
            Answer(
                id=uuid.uuid4(),
                response_id=response.pk,
                pulse_id=pulse.pk,
                team_id=team,
                question_id=question,
                dimension=dimension,
                score=score,
            )
            for team, question, dimension, score in scores.get(old_id, ())
        )
    _shuffle(new_answers)
    Response.objects.bulk_create(new_responses, batch_size=BATCH)
    Answer.objects.bulk_create(new_answers, batch_size=BATCH)


def _sqlite_secure_delete(on: bool) -> bool:
    """On SQLite, overwrite deleted content with zeros while the pulse is rewritten."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")
    return True


def _vacuum() -> None:
    """Remove the old row versions on PostgreSQL; needs autocommit (runs after the commit)."""
    if connection.vendor != "postgresql":
        return
    if connection.in_atomic_block or not connection.get_autocommit():
        logger.warning("Pulse closed inside an outer transaction; VACUUM left to autovacuum.")
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in VACUUM_TABLES)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {tables}")
    except Exception:  # a failed VACUUM leaves the rows to autovacuum; the close itself is done
        logger.exception("VACUUM after closing a pulse failed")


def pulses_close_due(*, now: datetime | None = None) -> int:
    """Close every pulse whose closing time has passed; one failing pulse never stops the others."""
    now = now or timezone.now()
    due = Pulse.objects.filter(closed_at__isnull=True, closes_at__lte=now - CLOSE_GRACE)
    closed = 0
    for pulse_id in due.values_list("pk", flat=True).order_by("closes_at"):
        try:
            closed += pulse_close(pulse_id=pulse_id, now=now, vacuum=False)
        except Exception:
            logger.exception("Closing pulse %s failed", pulse_id)
    if closed:
        transaction.on_commit(_vacuum)  # right away outside a transaction
    return closed
