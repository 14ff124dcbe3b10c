"""Read side of the toolkit: who downloaded and shared what, per team, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership

from ..models import Campaign
from .models import ShareChannel, ToolkitShare


@dataclass
class TeamActivity:
    team_id: int | None
    name: str
    ambassadors: int = 0
    downloads: int = 0
    last_download: dt.datetime | None = None
    shares: int = 0
    reach: int = 0
    channels: list[str] = field(default_factory=list)


def toolkit_activity_by_team(*, campaign: Campaign) -> list[TeamActivity]:
    """Per team with ambassadors (and anyone else who used the toolkit): downloads, shares, reach."""
    rows: dict[int | None, TeamActivity] = {}

    def row(team_id, name) -> TeamActivity:
        if team_id not in rows:
            rows[team_id] = TeamActivity(team_id=team_id, name=name or _("No team (HR, core team)"))
        return rows[team_id]

    for r in campaign.ambassadors.values("team_id", "team__name").annotate(n=Count("pk")):
        row(r["team_id"], r["team__name"]).ambassadors = r["n"]
    for r in campaign.toolkit_downloads.values("team_id", "team__name").annotate(
        n=Count("pk"), last=Max("downloaded_at")
    ):
        entry = row(r["team_id"], r["team__name"])
        entry.downloads, entry.last_download = r["n"], r["last"]
    for r in campaign.toolkit_shares.values("team_id", "team__name").annotate(
        n=Count("pk"), reach=Sum("reach")
    ):
        entry = row(r["team_id"], r["team__name"])
        entry.shares, entry.reach = r["n"], r["reach"] or 0
    for r in campaign.toolkit_shares.values("team_id", "channel").distinct().order_by("team_id", "channel"):
        rows[r["team_id"]].channels.append(str(ShareChannel(r["channel"]).label))
    return sorted(rows.values(), key=lambda a: (a.team_id is None, a.name.lower()))


def toolkit_shares_of(*, campaign: Campaign, membership: Membership, limit: int = 20) -> list[ToolkitShare]:
    return list(
        ToolkitShare.objects.filter(campaign=campaign, membership=membership)
        .select_related("communication")
        .order_by("-shared_on", "-pk")[:limit]
    )


def toolkit_totals(*, campaign: Campaign) -> dict[str, int]:
    totals = campaign.toolkit_shares.aggregate(shares=Count("pk"), reach=Sum("reach"))
    return {
        "shares": totals["shares"] or 0,
        "reach": totals["reach"] or 0,
        "downloads": campaign.toolkit_downloads.count(),
    }
