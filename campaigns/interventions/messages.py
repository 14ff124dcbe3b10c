"""Planned campaign messages through the teams' channels: nothing goes out without HR's approval of
exactly this content; on the planned date the outbox sends it, and the item's status follows.

planned → (approved) → sent, or failed with the reason. Editing an approved item changes its
fingerprint, so the old approval no longer counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.notify.destinations import team_message_enqueue
from werkstressweek.notify.models import PUSH_KINDS, DestinationKind, Notification, State, TeamChannel

from ..models import CommunicationItem, MessageApproval
from .schedule import zone

DELIVERABLE = (DestinationKind.EMAIL, DestinationKind.SLACK, DestinationKind.TEAMS, DestinationKind.INTRANET)
SEND_TIME = dt.time(9, 0)
KEY_PREFIX = "campaign-message"


def content_hash(item: CommunicationItem) -> str:
    parts = [item.channel, item.planned_on.isoformat(), item.subject, item.text, item.audience]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def is_approved(item: CommunicationItem) -> bool:
    approval = getattr(item, "approval", None)
    return approval is not None and approval.content_hash == content_hash(item)


def _channels(item: CommunicationItem):
    return TeamChannel.objects.filter(
        organisation_id=item.campaign.organisation_id, kind=item.channel, is_active=True
    ).select_related("team", "organisation")


@transaction.atomic
def message_approve(*, item: CommunicationItem, by) -> MessageApproval:
    """Approve the item as it is now for delivery on its planned date."""
    if item.channel not in DELIVERABLE:
        raise ValidationError(_("Only e-mail, Slack, Teams and intranet messages are sent by the app."))
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


def _key(item: CommunicationItem, fingerprint: str, channel: TeamChannel) -> str:
    return f"{KEY_PREFIX}:{item.pk}:{fingerprint[:16]}:{channel.pk}"


def messages_dispatch(*, now: dt.datetime | None = None) -> int:
    """Queue every approved, unchanged item whose date has come; return how many items."""
    now = now or timezone.now()
    today = now.astimezone(zone()).date()
    approvals = (
        MessageApproval.objects.filter(item__planned_on__lte=today, item__channel__in=DELIVERABLE)
        .exclude(item__status=CommunicationItem.Status.SENT)
        .select_related("item__campaign")
    )
    dispatched = 0
    for approval in approvals:
        item = approval.item
        fingerprint = content_hash(item)
        if approval.content_hash != fingerprint or approval.dispatched_hash == fingerprint:
            continue  # edited since approval, or already on its way
        due = max(now, dt.datetime.combine(item.planned_on, SEND_TIME, tzinfo=zone()))
        channels = list(_channels(item))
        for channel in channels:
            if channel.kind in PUSH_KINDS:
                team_message_enqueue(
                    channel=channel,
                    key=_key(item, fingerprint, channel),
                    kind="campaign_message",
                    subject=item.subject,
                    body=item.text or item.subject,
                    due_at=due,
                )
        approval.dispatched_hash, approval.dispatched_at = fingerprint, now
        approval.save(update_fields=["dispatched_hash", "dispatched_at"])
        dispatched += 1
    return dispatched


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
            reached, failures, open_ = _channels(item).count(), [], 0
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
        if open_:
            continue
        approval.reached, approval.failure = reached, "\n".join(failures)
        approval.save(update_fields=["reached", "failure"])
        item.status = CommunicationItem.Status.FAILED if failures else CommunicationItem.Status.SENT
        item.save(update_fields=["status"])
        changed += 1
    return changed


def intranet_messages_today(*, organisation_id: int, day: dt.date) -> list[CommunicationItem]:
    """Approved intranet messages planned for `day` (shown in the banner and the feed)."""
    items = CommunicationItem.objects.filter(
        campaign__organisation_id=organisation_id, channel=DestinationKind.INTRANET, planned_on=day
    ).select_related("approval")
    return [item for item in items if is_approved(item)]
