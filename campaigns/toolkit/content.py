"""Everything a toolkit shows, read once from the campaign, and the fingerprint that says when to rebuild.

The fingerprint is a hash over every input of the build (campaign, agenda, goals, themes, texts,
branding, the organisation's k and retention, the pulse link, the language and the site address).
A toolkit export stores it in its parameters; a request with the same fingerprint reuses that
export, any change makes a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import OrganisationBranding, Team

from ..models import Activity, Campaign, Goal, Theme
from .branding import branding_for
from .models import ToolkitText
from .texts import Text, filled_texts

# Bump when the layout or content of the generated files changes, so cached toolkits are rebuilt.
BUILD_VERSION = 1


@dataclass
class PulseLink:
    url: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    title: str


@dataclass
class ToolkitContent:
    campaign: Campaign
    team: Team | None
    language: str
    branding: OrganisationBranding
    agenda_url: str
    pulse: PulseLink | None
    themes: list[Theme]
    goals: list[Goal]
    activities: list[Activity]
    k: int
    comments_months: int
    answers_months: int
    values: dict[str, str] = field(default_factory=dict)
    period: str = ""
    texts: dict[str, Text] = field(default_factory=dict)

    @property
    def org(self):
        return self.campaign.organisation

    @property
    def colour(self) -> str:
        return self.branding.primary_colour

    def agenda_days(self) -> list[tuple[dt.date, list[Activity]]]:
        days: dict[dt.date, list[Activity]] = {}
        for activity in self.activities:
            days.setdefault(timezone.localtime(activity.starts_at).date(), []).append(activity)
        return sorted(days.items())


def agenda_url(campaign: Campaign) -> str:
    if not campaign.public_token:
        return ""
    return settings.SITE_URL + reverse("public_agenda", kwargs={"token": campaign.public_token})


def pulse_link(*, campaign: Campaign, team: Team | None, now: dt.datetime | None = None) -> PulseLink | None:
    """The link to the campaign's next pulse that is not closed yet: the team's own link, or the code page."""
    from measurements.models import Distribution, PulseTeam

    now = now or timezone.now()
    pulse = campaign.pulses.filter(closes_at__gt=now).order_by("opens_at", "pk").first()
    if pulse is None:
        return None
    if pulse.distribution == Distribution.TEAM_LINK:
        if team is None:
            return None
        row = PulseTeam.objects.filter(pulse=pulse, team=team).first()
        if row is None:
            return None
        url = settings.SITE_URL + reverse("pulse_answer", kwargs={"token": row.token})
    else:
        url = settings.SITE_URL + reverse("pulse_code_enter")
    return PulseLink(url=url, opens_at=pulse.opens_at, closes_at=pulse.closes_at, title=pulse.title)


def _day(value: dt.date | dt.datetime | None, fmt: str = "l j F Y") -> str:
    if value is None:
        return ""
    return formats.date_format(value, fmt)


def _period(start: dt.date, end: dt.date) -> str:
    """'16–20 November 2026' (the week never spans two months by much, but say so when it does)."""
    if start.month == end.month:
        return f"{start.day}–{formats.date_format(end, 'j F Y')}"
    return f"{formats.date_format(start, 'j F')} – {formats.date_format(end, 'j F Y')}"


def _kickoff(activities: list[Activity]) -> Activity | None:
    """The kick-off for everyone (not a shift's own), else any kick-off, else the first activity."""
    kickoffs = [a for a in activities if a.kind.slug == "kick-off"]
    for activity in kickoffs:
        if activity.audience == "all":
            return activity
    if kickoffs:
        return kickoffs[0]
    return activities[0] if activities else None


def toolkit_content(*, campaign: Campaign, team: Team | None, language: str) -> ToolkitContent:
    """Read everything once; texts are filled in `language` with the campaign's real facts."""
    from werkstressweek.retention.services import retention_policy

    org = campaign.organisation
    policy = retention_policy(org=org)
    with translation.override(language):
        content = ToolkitContent(
            campaign=campaign,
            team=team,
            language=language,
            branding=branding_for(org=org),
            agenda_url=agenda_url(campaign),
            pulse=pulse_link(campaign=campaign, team=team),
            themes=list(campaign.themes.all()),
            goals=list(campaign.goals.select_related("theme")),
            activities=list(campaign.activities.select_related("kind").order_by("starts_at", "pk")),
            k=org.min_group_size,
            comments_months=policy.comments_months,
            answers_months=policy.answers_months,
        )
        kickoff = _kickoff(content.activities)
        content.period = _period(campaign.week_start, campaign.week_end)
        content.values = {
            "organisation": org.name,
            "campaign": campaign.name,
            "start": _day(campaign.week_start, "l j F"),
            "end": _day(campaign.week_end, "l j F Y"),
            "themes": ", ".join(t.name.lower() for t in content.themes) or _("workload and recovery"),
            "goals": "; ".join(g.title for g in content.goals)
            or _("less work stress and more enjoyment at work"),
            "agenda_url": content.agenda_url or _("the agenda on the intranet"),
            "pulse_url": content.pulse.url if content.pulse else _("the link you receive from your team"),
            "kickoff": (
                _day(timezone.localtime(kickoff.starts_at), "l j F, H:i")
                if kickoff
                else _day(campaign.week_start)
            ),
            "baseline": _day(campaign.baseline_date) or _("before the week"),
            "followup": _day(campaign.followup_date) or _("after the week"),
            "k": str(content.k),
            "answers_months": str(content.answers_months),
            "comments_months": str(content.comments_months),
        }
        content.texts = filled_texts(campaign=campaign, language=language, values=content.values)
    return content


def toolkit_fingerprint(*, campaign: Campaign, team: Team | None, language: str) -> str:
    """A hash of every input of the toolkit; equal hashes mean the same files."""
    from werkstressweek.retention.services import retention_policy

    org = campaign.organisation
    branding = branding_for(org=org)
    policy = retention_policy(org=org)
    pulse = pulse_link(campaign=campaign, team=team)
    facts = {
        "version": BUILD_VERSION,
        "language": language,
        "site": settings.SITE_URL,
        "org": [org.name, org.min_group_size, policy.comments_months, policy.answers_months],
        "branding": [
            branding.primary_colour,
            branding.logo_type,
            hashlib.sha256(bytes(branding.logo or b"")).hexdigest(),
        ],
        "campaign": [
            campaign.name,
            campaign.year,
            campaign.week_start,
            campaign.baseline_date,
            campaign.followup_date,
            campaign.public_token,
        ],
        "team": [team.pk, team.name] if team else None,
        "themes": list(campaign.themes.order_by("pk").values_list("pk", "name_nl", "name_en")),
        "goals": list(
            campaign.goals.order_by("pk").values_list(
                "pk", "title", "theme_id", "kpi_kind", "baseline", "target", "unit"
            )
        ),
        "activities": list(
            campaign.activities.order_by("pk").values_list(
                "pk",
                "title",
                "description",
                "kind_id",
                "theme_id",
                "starts_at",
                "ends_at",
                "format",
                "location",
                "audience",
                "capacity",
                "facilitator",
            )
        ),
        "texts": list(
            ToolkitText.objects.filter(campaign=campaign, language=language)
            .order_by("key")
            .values_list("key", "title", "body")
        ),
        "pulse": [pulse.url, pulse.opens_at, pulse.closes_at, pulse.title] if pulse else None,
    }
    encoded = json.dumps(facts, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()
