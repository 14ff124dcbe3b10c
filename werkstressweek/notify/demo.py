"""Demo channels: an e-mail list for two teams, a local fake webhook when one is allowed, and an
intranet feed."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from .destinations import team_channel_save, team_message_enqueue
from .models import DestinationKind, TeamChannel


def demo_webhook_url() -> str | None:
    """The local fake webhook (`manage.py fakewebhook`), if the settings allow one."""
    hosts = settings.NOTIFY_WEBHOOK_TEST_HOSTS
    return f"http://{hosts[0]}/demo-hook" if hosts else None


def load(*, org, users) -> None:
    teams = list(org.teams.order_by("name")[:3])
    if not teams:
        return
    for team in teams[:2]:
        if not TeamChannel.objects.filter(team=team, kind=DestinationKind.EMAIL).exists():
            slug = slugify(team.name)
            team_channel_save(
                org=org, team=team, kind=DestinationKind.EMAIL, addresses=f"team-{slug}@demo.example"
            )
    webhook = demo_webhook_url()
    if webhook and not TeamChannel.objects.filter(team=teams[0], kind=DestinationKind.SLACK).exists():
        team_channel_save(org=org, team=teams[0], kind=DestinationKind.SLACK, webhook_url=webhook)
    if not TeamChannel.objects.filter(team=teams[-1], kind=DestinationKind.INTRANET).exists():
        team_channel_save(org=org, team=teams[-1], kind=DestinationKind.INTRANET)
    email = TeamChannel.objects.filter(organisation=org, kind=DestinationKind.EMAIL).order_by("pk").first()
    team_message_enqueue(
        channel=email,
        key=f"demo-welcome:{email.pk}",
        kind="channel_test",
        subject="Welkom bij de Week van de Werkstress",
        body="Deze week krijgt jullie team korte momenten van herstel via dit kanaal.",
        due_at=timezone.now(),
    )
