from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from werkstressweek.accounts.models import Organisation

from .models import Notification, State, TeamChannel


def team_channels_for(*, org: Organisation) -> QuerySet[TeamChannel]:
    """The organisation's channels with their team and how many messages failed or wait."""
    return (
        TeamChannel.objects.filter(organisation=org)
        .select_related("team")
        .annotate(
            failed_count=Count("notifications", filter=Q(notifications__state=State.FAILED)),
            pending_count=Count(
                "notifications", filter=Q(notifications__state__in=[State.PENDING, State.CLAIMED])
            ),
        )
        .order_by("team__name", "kind")
    )


def channel_recent_notifications(*, channel: TeamChannel, limit: int = 20) -> QuerySet[Notification]:
    return channel.notifications.order_by("-created_at")[:limit]
