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
    load_message(org=org, users=users)


def load_message(*, org, users) -> None:
    """One approved campaign message by e-mail, planned for the first day of the demo week."""
    from werkstressweek.accounts.models import Role

    from ..models import CommunicationItem
    from ..services import communication_save
    from .messages import message_approve

    campaign = org.campaigns.order_by("-year").first()
    if campaign is None:
        return
    subject = "Maandag start de Week van de Werkstress"
    item = CommunicationItem.objects.filter(campaign=campaign, subject=subject).first()
    if item is None:
        item = communication_save(
            campaign=campaign,
            phase="during",
            channel="email",
            planned_on=campaign.week_start,
            audience="Alle teams",
            owner="HR",
            subject=subject,
            text="Deze week krijgt je team korte herstelmomenten via e-mail, Slack of de agenda. "
            "Doe mee, ook als het druk is: juist dan.",
        )
    if not hasattr(item, "approval"):
        message_approve(item=item, by=users[Role.HR])
