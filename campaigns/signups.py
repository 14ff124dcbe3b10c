"""Sign-up for activities and attendance afterwards (services and selectors in one small module).

A person signs up through the public agenda: with a name or without (the campaign decides), with
their team if they want. While the activity has places they are signed up, after that they join
the waiting list; when someone cancels, the first on the waiting list takes the place. The cancel
link carries a random token of which only a hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from measurements.models import CodeAttempt
from measurements.suppression import suppress
from werkstressweek.accounts.models import Team

from .models import Activity, ActivityAttendance, ActivitySignup, Campaign, SignupMode, SignupStatus

MAX_ATTENDANCE = 100_000
# Sign-ups per client address per window; generous, because a whole office may share one address.
SIGNUP_LIMIT = 60
SIGNUP_WINDOW = timedelta(minutes=15)


class SignupClosed(Exception):
    """The activity has started (or ended): signing up is over."""


# --- Tokens ---------------------------------------------------------------------------------------


def token_new() -> str:
    """128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Services -------------------------------------------------------------------------------------


@transaction.atomic
def signup_create(
    *, activity: Activity, name: str = "", team: Team | None = None, now: datetime | None = None
) -> tuple[ActivitySignup, str]:
    """Sign someone up (or put them on the waiting list); returns the sign-up and its cancel token.

    The activity row is locked so that two people cannot take the last place at once.
    """
    now = now or timezone.now()
    activity = Activity.objects.select_for_update().select_related("campaign").get(pk=activity.pk)
    if activity.starts_at <= now:
        raise SignupClosed
    campaign = activity.campaign
    if team is not None and team.organisation_id != campaign.organisation_id:
        raise ValidationError({"team": _("Choose a team of this organisation.")})
    if campaign.signup_mode == SignupMode.ANONYMOUS:
        name = ""
    confirmed = activity.signups.filter(status=SignupStatus.CONFIRMED).count()
    full = activity.capacity is not None and confirmed >= activity.capacity
    token = token_new()
    signup = ActivitySignup.objects.create(
        activity=activity,
        name=name.strip()[:150],
        team=team,
        status=SignupStatus.WAITING if full else SignupStatus.CONFIRMED,
        token_hash=token_hash(token),
    )
    return signup, token


def signup_get(*, token: str) -> ActivitySignup | None:
    if not token or len(token) > 64:
        return None
    return (
        ActivitySignup.objects.select_related("activity__campaign__organisation", "team")
        .filter(token_hash=token_hash(token))
        .first()
    )


def waiting_position(*, signup: ActivitySignup) -> int | None:
    """1 for the first on the waiting list; None when signed up."""
    if signup.status != SignupStatus.WAITING:
        return None
    ahead = ActivitySignup.objects.filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, pk__lt=signup.pk),
        activity_id=signup.activity_id,
        status=SignupStatus.WAITING,
    ).count()
    return ahead + 1


@transaction.atomic
def signup_cancel(*, token: str) -> ActivitySignup | None:
    """Cancel the sign-up of this token; the first on the waiting list gets the place.

    Returns the promoted sign-up, if any. Unknown tokens change nothing.
    """
    signup = signup_get(token=token)
    if signup is None:
        return None
    activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
    was_confirmed = signup.status == SignupStatus.CONFIRMED
    signup.delete()
    if not was_confirmed:
        return None
    return _promote(activity=activity)


def _promote(*, activity: Activity) -> ActivitySignup | None:
    confirmed = activity.signups.filter(status=SignupStatus.CONFIRMED).count()
    if activity.capacity is not None and confirmed >= activity.capacity:
        return None
    first = activity.signups.filter(status=SignupStatus.WAITING).order_by("created_at", "pk").first()
    if first is not None:
        first.status = SignupStatus.CONFIRMED
        first.save(update_fields=["status"])
    return first


@transaction.atomic
def signup_mode_set(*, campaign: Campaign, mode: str) -> None:
    """HR chooses whether names may be given; going anonymous forgets the names given so far."""
    if mode not in SignupMode.values:
        raise ValidationError({"signup_mode": _("Choose how people sign up.")})
    campaign.signup_mode = mode
    campaign.save(update_fields=["signup_mode"])
    if mode == SignupMode.ANONYMOUS:
        ActivitySignup.objects.filter(activity__campaign=campaign).exclude(name="").update(name="")


@transaction.atomic
def attendance_record(
    *, activity: Activity, count: int, by=None, now: datetime | None = None
) -> ActivityAttendance:
    """The facilitator or HR records how many came, once the activity has started."""
    now = now or timezone.now()
    if activity.starts_at > now:
        raise ValidationError({"count": _("Record attendance once the activity has started.")})
    if not 0 <= count <= MAX_ATTENDANCE:
        raise ValidationError({"count": _("Enter a number from 0 to %(max)d.") % {"max": MAX_ATTENDANCE}})
    attendance, _created = ActivityAttendance.objects.update_or_create(
        activity=activity, defaults={"count": count, "recorded_by": by}
    )
    return attendance


# --- Abuse ----------------------------------------------------------------------------------------


def _window(now: datetime) -> datetime:
    seconds = int(SIGNUP_WINDOW.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def _client(client: str) -> str:
    return f"signup:{client}"[:64]


def signup_throttled(*, client: str, now: datetime | None = None) -> bool:
    """Whether this client (a keyed hash of its address) posted too many sign-ups in this window."""
    window = _window(now or timezone.now())
    return CodeAttempt.objects.filter(
        client=_client(client), window=window, failures__gte=SIGNUP_LIMIT
    ).exists()


def signup_attempt_count(*, client: str, now: datetime | None = None) -> None:
    window = _window(now or timezone.now())
    key = _client(client)
    if CodeAttempt.objects.filter(client=key, window=window).update(failures=F("failures") + 1):
        return
    try:
        with transaction.atomic():
            CodeAttempt.objects.create(client=key, window=window, failures=1)
    except IntegrityError:
        CodeAttempt.objects.filter(client=key, window=window).update(failures=F("failures") + 1)


# --- Selectors ------------------------------------------------------------------------------------


@dataclass
class ActivityCounts:
    activity: Activity
    confirmed: int = 0
    waiting: int = 0
    attended: int | None = None
    names: list[str] = field(default_factory=list)

    @property
    def places_left(self) -> int | None:
        if self.activity.capacity is None:
            return None
        return max(self.activity.capacity - self.confirmed, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def signup_counts(*, campaign: Campaign) -> dict[int, ActivityCounts]:
    """Per activity of the campaign: signed up, waiting, attended. Two queries."""
    activities = campaign.activities.select_related("attendance").annotate(
        n_confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        n_waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITING)),
    )
    rows: dict[int, ActivityCounts] = {}
    for a in activities:
        attendance = getattr(a, "attendance", None)  # the reverse one-to-one raises when absent
        rows[a.pk] = ActivityCounts(
            activity=a,
            confirmed=a.n_confirmed,
            waiting=a.n_waiting,
            attended=attendance.count if attendance is not None else None,
        )
    return rows


def signup_overview(*, campaign: Campaign) -> list[ActivityCounts]:
    """For HR and the core team: counts per activity and the names people chose to give."""
    rows = signup_counts(campaign=campaign)
    for activity_id, name in (
        ActivitySignup.objects.filter(activity__campaign=campaign, status=SignupStatus.CONFIRMED)
        .exclude(name="")
        .order_by("created_at", "pk")
        .values_list("activity_id", "name")
    ):
        rows[activity_id].names.append(name)
    return list(rows.values())


@dataclass
class TeamParticipation:
    team: Team
    signups: int | None  # None: hidden (fewer than k, or hidden to protect a smaller team)

    @property
    def hidden(self) -> bool:
        return self.signups is None


def participation_per_team(*, campaign: Campaign) -> list[TeamParticipation]:
    """Sign-ups per team, shown only from the organisation's k (and with secondary suppression)."""
    k = campaign.organisation.min_group_size
    teams = list(campaign.organisation.teams.order_by("name"))
    counted = dict(
        ActivitySignup.objects.filter(activity__campaign=campaign, team__isnull=False)
        .values("team_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("team_id", "n")
    )
    counts = {t.pk: counted.get(t.pk, 0) for t in teams}
    hidden = suppress(counts, k)
    return [TeamParticipation(team=t, signups=None if t.pk in hidden else counts[t.pk]) for t in teams]


@dataclass
class ActivityParticipation:
    people: int  # attendance where counted, sign-ups otherwise
    headcount: int
    source: str  # "attendance", "signups" or "mixed"

    @property
    def percent(self) -> float | None:
        if not self.headcount:
            return None
        return min(100.0, 100.0 * self.people / self.headcount)


def activity_participation(*, campaign: Campaign) -> ActivityParticipation:
    """Participation in the campaign's activities against the organisation's headcount.

    Per activity the counted attendance where recorded, else its sign-ups. Without names people
    cannot be told apart across activities, so this counts places taken, capped at 100%.
    """
    rows = signup_counts(campaign=campaign).values()
    people = sum(r.attended if r.attended is not None else r.confirmed for r in rows)
    kinds = {"attendance" if r.attended is not None else "signups" for r in rows}
    source = kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "signups")
    headcount = campaign.organisation.teams.aggregate(n=Sum("headcount"))["n"] or 0
    return ActivityParticipation(people=people, headcount=headcount, source=source)
