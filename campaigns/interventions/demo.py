"""Demo: the standard programme for the demo campaign's week and four weeks after, for the teams
that have a channel (see werkstressweek.notify.demo), one of them a shift team with later times."""

from __future__ import annotations

from ..models import Programme
from .programmes import programme_assign, programme_create


def load(*, org, users) -> None:
    campaign = org.campaigns.order_by("-year").first()
    if campaign is None:
        return
    programme = Programme.objects.filter(organisation=org, name="Herstelmomenten").first()
    if programme is None:
        programme = programme_create(org=org, campaign=campaign, name="Herstelmomenten", weeks_after=4)
    teams = list(org.teams.filter(channels__isnull=False).distinct().order_by("name"))
    for team in teams:
        shift = 420 if team.work_pattern == "shift" else 0
        programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5], shift_minutes=shift)
