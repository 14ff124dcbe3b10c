"""Planned campaign messages through the teams' channels: nothing goes out without HR's approval of
exactly this content; on the planned date the outbox sends it, and the item's status follows.

planned → (approved) → sent, or failed with the reason. Editing an approved item changes its
fingerprint, so the old approval no longer counts. An item can invite to a pulse: it then goes only
to the channels of the pulse's teams, each with that team's own answer link, while the pulse is open.
Once sent, the item's reach (`views`) grows by the people it reached (`message_reach`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from measurements.models import Distribution, Pulse, PulseTeam
from werkstressweek.notify.destinations import team_message_enqueue
from werkstressweek.notify.models import PUSH_KINDS, DestinationKind, Notification, State, TeamChannel

from ..models import CommunicationItem, MessageApproval
from .schedule import zone

DELIVERABLE = (DestinationKind.EMAIL, DestinationKind.SLACK, DestinationKind.TEAMS, DestinationKind.INTRANET)
SEND_TIME = dt.time(9, 0)
KEY_PREFIX = "campaign-message"


def content_hash(item: CommunicationItem) -> str:
    parts = [item.channel, item.planned_on.isoformat(), item.subject, item.text, item.audience]
    if item.pulse_id:  # another pulse is another message (items without one keep their hash)
        parts.append(f"pulse:{item.pulse_id}")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def is_approved(item: CommunicationItem) -> bool:
    approval = getattr(item, "approval", None)
    return approval is not None and approval.content_hash == content_hash(item)


def _channels(item: CommunicationItem):
    channels = TeamChannel.objects.filter(
        organisation_id=item.campaign.organisation_id, kind=item.channel, is_active=True
    ).select_related("team", "organisation")
    if item.pulse_id:  # a team link only ever goes to that team's own channel
        channels = channels.filter(
            team_id__in=PulseTeam.objects.filter(pulse_id=item.pulse_id).values("team_id")
        )
    return channels


def _pulse_problem(item: CommunicationItem, now: dt.datetime) -> str:
    """Why the item's pulse link cannot go out (any more), or '' when it can."""
    pulse = item.pulse
    if pulse.organisation_id != item.campaign.organisation_id:
        return _("Choose a pulse of this organisation.")
    if pulse.distribution != Distribution.TEAM_LINK:
        return _("This pulse uses personal codes, not team links: it is not sent through the channels.")
    if pulse.closed_at is not None or pulse.closes_at <= now:
        return _("The pulse has closed; its links no longer work.")
    return ""


def _team_links(item: CommunicationItem) -> dict[int, str]:
    """{team: its own answer link} for the item's pulse."""
    from measurements.services import answer_url

    return {
        team_id: answer_url(token)
        for team_id, token in PulseTeam.objects.filter(pulse_id=item.pulse_id).values_list("team_id", "token")
    }


@transaction.atomic
def message_approve(*, item: CommunicationItem, by) -> MessageApproval:
    """Approve the item as it is now for delivery on its planned date."""
    if item.channel not in DELIVERABLE:
        raise ValidationError(_("Only e-mail, Slack, Teams and intranet messages are sent by the app."))
    if item.pulse_id and (problem := _pulse_problem(item, timezone.now())):
        raise ValidationError(problem)
    if not _channels(item).exists():
        raise ValidationError(
            _("No team has a %(channel)s channel yet. Configure one under Channels first.")
            % {"channel": item.get_channel_display()}
        )
    approval, _new = MessageApproval.objects.update_or_create(
        item=item,
        defaults={
            "approved_by": by,
            "approved_at": timezone.now(),
            "content_hash": content_hash(item),
            "failure": "",
        },
    )
    if item.status == CommunicationItem.Status.FAILED:
        item.status = CommunicationItem.Status.PLANNED
        item.save(update_fields=["status"])
    return approval


@transaction.atomic
def pulse_message_create(
    *, pulse: Pulse, channel: str, planned_on: dt.date | None = None
) -> CommunicationItem:
    """Plan a message that invites the pulse's teams through their channels, each team with its
    own link. It is a campaign message like any other: it waits for HR's approval."""
    errors: dict[str, str] = {}
    if pulse.campaign_id is None:
        errors["pulse"] = _("Link the pulse to a campaign first: its messages belong to a campaign.")
    elif pulse.distribution != Distribution.TEAM_LINK:
        errors["pulse"] = _(
            "This pulse uses personal codes, not team links: it is not sent through the channels."
        )
    elif pulse.closed_at is not None or pulse.closes_at <= timezone.now():
        errors["pulse"] = _("The pulse has closed; its links no longer work.")
    if channel not in DELIVERABLE:
        errors["channel"] = _("Only e-mail, Slack, Teams and intranet messages are sent by the app.")
    if errors:
        raise ValidationError(errors)
    opens = pulse.opens_at.astimezone(zone()).date()
    item = CommunicationItem(
        campaign_id=pulse.campaign_id,
        pulse=pulse,
        phase=CommunicationItem.Phase.DURING,
        channel=channel,
        planned_on=planned_on or max(timezone.localdate(), opens),
        subject=_("Pulse: %(title)s") % {"title": pulse.title},
        text=_(
            "How are you doing? Answer the short pulse of your team: anonymous, it takes two minutes. "
            "Results are shown only for groups large enough that nobody can be recognised."
        ),
    )
    item.full_clean()
    item.save()
    return item


def _key(item: CommunicationItem, fingerprint: str, channel: TeamChannel) -> str:
    return f"{KEY_PREFIX}:{item.pk}:{fingerprint[:16]}:{channel.pk}"


def messages_dispatch(*, now: dt.datetime | None = None) -> int:
    """Queue every approved, unchanged item whose date has come; return how many items."""
    now = now or timezone.now()
    today = now.astimezone(zone()).date()
    approvals = (
        MessageApproval.objects.filter(item__planned_on__lte=today, item__channel__in=DELIVERABLE)
        .exclude(item__status__in=[CommunicationItem.Status.SENT, CommunicationItem.Status.FAILED])
        .select_related("item__campaign", "item__pulse")
    )
    dispatched = 0
    for approval in approvals:
        item = approval.item
        fingerprint = content_hash(item)
        if approval.content_hash != fingerprint or approval.dispatched_hash == fingerprint:
            continue  # edited since approval, or already on its way
        due = max(now, dt.datetime.combine(item.planned_on, SEND_TIME, tzinfo=zone()))
        links: dict[int, str] = {}
        if item.pulse_id:
            if problem := _pulse_problem(item, now):
                _fail(approval, problem)
                continue
            if item.pulse.opens_at > now:
                continue  # its link works from the opening on: sent then
            links = _team_links(item)
        channels = list(_channels(item))
        for channel in channels:
            if channel.kind in PUSH_KINDS:
                team_message_enqueue(
                    channel=channel,
                    key=_key(item, fingerprint, channel),
                    kind="campaign_message",
                    subject=item.subject,
                    body=item.text or item.subject,
                    link=links.get(channel.team_id, ""),
                    due_at=due,
                )
        approval.dispatched_hash, approval.dispatched_at = fingerprint, now
        approval.save(update_fields=["dispatched_hash", "dispatched_at"])
        dispatched += 1
    return dispatched


def _fail(approval: MessageApproval, reason: str) -> None:
    approval.failure = reason
    approval.save(update_fields=["failure"])
    CommunicationItem.objects.filter(pk=approval.item_id).update(status=CommunicationItem.Status.FAILED)


def message_reach(*, channels: list[TeamChannel], notifications: list[Notification]) -> int:
    """The people a delivered message reached: every recipient of a delivered e-mail, and the
    members (headcount) of each team whose Slack, Teams or intranet channel got it.

    The one place reach from the channels is computed; other sources (shares) add to the item's
    reach, never replace it.
    """
    from werkstressweek.notify.channels import email_recipients

    people = 0
    for n in notifications:
        if n.state != State.SENT:
            continue
        if n.channel == DestinationKind.EMAIL:
            people += len(email_recipients(n))
        elif n.destination is not None:
            people += n.destination.team.headcount
    return people + sum(c.team.headcount for c in channels)


def messages_sync() -> int:
    """Move dispatched items to sent or failed once their notifications are done; return how many."""
    changed = 0
    approvals = (
        MessageApproval.objects.filter(dispatched_at__isnull=False)
        .exclude(item__status__in=[CommunicationItem.Status.SENT, CommunicationItem.Status.FAILED])
        .select_related("item__campaign")
    )
    for approval in approvals:
        item = approval.item
        if item.channel == DestinationKind.INTRANET:
            shown = list(_channels(item))
            reached, failures, open_ = len(shown), [], 0
            people = message_reach(channels=shown, notifications=[])
        else:
            notifications = list(
                Notification.objects.filter(
                    key__startswith=f"{KEY_PREFIX}:{item.pk}:{approval.dispatched_hash[:16]}:"
                ).select_related("destination__team")
            )
            open_ = sum(n.state in (State.PENDING, State.CLAIMED, State.SENDING) for n in notifications)
            reached = sum(n.state == State.SENT for n in notifications)
            failures = [
                f"{n.destination.team.name if n.destination else '?'}: {n.last_error}"
                for n in notifications
                if n.state == State.FAILED
            ]
            if not notifications:
                failures = [_("No configured channel was left to send it to.")]
            people = message_reach(channels=[], notifications=notifications)
        if open_:
            continue
        # The reach grows by what this delivery added (an earlier delivery of the item counted).
        added = max(people - approval.people_reached, 0)
        approval.reached, approval.failure, approval.people_reached = reached, "\n".join(failures), people
        approval.save(update_fields=["reached", "failure", "people_reached"])
        item.status = CommunicationItem.Status.FAILED if failures else CommunicationItem.Status.SENT
        item.save(update_fields=["status"])
        CommunicationItem.objects.filter(pk=item.pk).update(views=F("views") + added)
        changed += 1
    return changed


def intranet_messages_today(*, organisation_id: int, day: dt.date) -> list[CommunicationItem]:
    """Approved intranet messages planned for `day` (shown in the banner and the feed)."""
    items = CommunicationItem.objects.filter(
        campaign__organisation_id=organisation_id, channel=DestinationKind.INTRANET, planned_on=day
    ).select_related("approval", "campaign", "pulse")
    return [item for item in items if is_approved(item)]


def intranet_messages_for_team(*, channel: TeamChannel, day: dt.date) -> list[dict]:
    """What a team's intranet banner and feed show today: the approved messages, and for a pulse
    invitation only on the channels of the pulse's teams, with that team's own link while open."""
    now = timezone.now()
    shown = []
    items = intranet_messages_today(organisation_id=channel.organisation_id, day=day)
    links: dict[int, dict[int, str]] = {}
    for item in items:
        url = ""
        if item.pulse_id:
            if _pulse_problem(item, now) or item.pulse.opens_at > now:
                continue
            links.setdefault(item.pulse_id, _team_links(item))
            url = links[item.pulse_id].get(channel.team_id, "")
            if not url:
                continue  # not one of the pulse's teams: never another team's link
        shown.append({"subject": item.subject, "text": item.text, "url": url})
    return shown
