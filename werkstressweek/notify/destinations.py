"""Team channels: HR configures them, the outbox delivers through them, feeds are read by token."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team

from . import webhooks
from .models import PUSH_KINDS, WEBHOOK_KINDS, DestinationKind, Notification, State, TeamChannel
from .services import notification_enqueue


def _clean_addresses(raw: str) -> str:
    addresses = [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]
    if not addresses:
        raise ValidationError({"addresses": _("Enter the team's e-mail address or list.")})
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {"addresses": _("“%(address)s” is not an e-mail address.") % {"address": address}}
            ) from None
    return ", ".join(addresses)


@transaction.atomic
def team_channel_save(
    *,
    org: Organisation,
    team: Team,
    kind: str,
    addresses: str = "",
    webhook_url: str = "",
    is_active: bool = True,
    channel: TeamChannel | None = None,
) -> TeamChannel:
    """Create or change a team's channel. A webhook is checked (https, provider host, public
    address) before it is stored; an empty webhook on an existing channel keeps the saved one."""
    if team.organisation_id != org.id:
        raise ValidationError({"team": _("Choose one of your teams.")})
    if channel is None:
        if TeamChannel.objects.filter(team=team, kind=kind).exists():
            raise ValidationError({"kind": _("This team already has this channel; change the existing one.")})
        channel = TeamChannel(organisation=org, team=team, kind=kind)
    elif channel.organisation_id != org.id:
        raise ValidationError(_("Unknown channel."))
    if kind == DestinationKind.EMAIL:
        channel.addresses = _clean_addresses(addresses)
    if kind in WEBHOOK_KINDS:
        url = webhook_url.strip()
        if not url and not channel.webhook_url:
            raise ValidationError(
                {
                    "webhook_url": _("Paste the webhook address from %(provider)s.")
                    % {"provider": DestinationKind(kind).label}
                }
            )
        if url:
            try:
                webhooks.webhook_check(url=url, kind=kind)
            except webhooks.WebhookRefused as exc:
                raise ValidationError({"webhook_url": str(exc)}) from exc
            if url != channel.webhook_url:
                channel.webhook_url = url
                channel.last_error, channel.last_error_at = "", None
    channel.is_active = is_active
    channel.save()
    return channel


@transaction.atomic
def team_channel_delete(*, channel: TeamChannel) -> None:
    """Remove a channel; its unsent notifications go with it, sent ones stay as history."""
    channel.notifications.filter(state__in=[State.PENDING, State.CLAIMED]).delete()
    channel.delete()


def team_message_enqueue(
    *,
    channel: TeamChannel,
    key: str,
    kind: str,
    subject: str,
    body: str,
    link: str = "",
    due_at: datetime | None = None,
) -> tuple[Notification, bool]:
    """Queue one message for a team's push channel (e-mail list, Slack, Teams), once per key."""
    if channel.kind not in PUSH_KINDS:
        raise ValueError(f"{channel.kind} is read by the team, nothing is pushed to it")
    return notification_enqueue(
        key=key,
        organisation=channel.organisation,
        recipient=channel.addresses if channel.kind == DestinationKind.EMAIL else channel.kind,
        channel=channel.kind,
        kind=kind,
        subject=subject,
        body=body,
        due_at=due_at,
        destination=channel,
        link=link,
    )


def team_channel_send_test(*, channel: TeamChannel) -> Notification:
    """Queue a test message to the channel right away (HR's “send a test message” button)."""
    from .tasks import send_one

    now = timezone.now()
    notification, _new = team_message_enqueue(
        channel=channel,
        key=f"channel-test:{channel.pk}:{now.isoformat()}",
        kind="channel_test",
        subject=_("Test message from Werkstressweek"),
        body=_(
            "This channel of team %(team)s works: micro-interventions and campaign messages will appear here."
        )
        % {"team": channel.team.name},
        due_at=now,
    )
    send_one.delay_on_commit(notification.pk)
    return notification
