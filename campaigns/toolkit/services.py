"""Toolkit services: ask for the toolkit (built once per version), record downloads and shares."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, Role, Team, User
from werkstressweek.documents.models import ExportStatus, ReportExport
from werkstressweek.documents.services import report_export_start, report_language

from ..models import Ambassador, Campaign, CommunicationItem
from .content import toolkit_fingerprint
from .models import MAX_REACH, ShareChannel, ToolkitDownload, ToolkitShare

REPORT = "toolkit"


def toolkit_team(*, campaign: Campaign, membership: Membership) -> Team | None:
    """The team whose toolkit this member gets: an ambassador's or a manager's team; None for HR."""
    if membership.role == Role.AMBASSADOR:
        ambassador = (
            Ambassador.objects.filter(campaign=campaign, membership=membership).select_related("team").first()
        )
        return ambassador.team if ambassador else None
    if membership.role == Role.MANAGER:
        return membership.teams.order_by("name").first()
    return None


def toolkit_current(*, campaign: Campaign, team: Team | None, fingerprint: str) -> ReportExport | None:
    """The export of this exact version of the toolkit that is made or being made, if any."""
    return (
        ReportExport.objects.filter(
            organisation_id=campaign.organisation_id,
            report=REPORT,
            parameters__campaign=campaign.pk,
            parameters__team=team.pk if team else None,
            parameters__fingerprint=fingerprint,
        )
        .exclude(status=ExportStatus.FAILED)
        .order_by("-requested_at", "-pk")
        .first()
    )


def toolkit_latest(*, campaign: Campaign, team: Team | None) -> ReportExport | None:
    """The newest toolkit export for the campaign and team, whatever its version."""
    return (
        ReportExport.objects.filter(
            organisation_id=campaign.organisation_id,
            report=REPORT,
            parameters__campaign=campaign.pk,
            parameters__team=team.pk if team else None,
        )
        .order_by("-requested_at", "-pk")
        .first()
    )


def toolkit_request(
    *, campaign: Campaign, team: Team | None, by: User | None, role: str | None
) -> ReportExport:
    """The toolkit for the campaign as it is now: the existing export when nothing changed since it
    was built, else a new one rendered in the background. The campaign row is locked meanwhile, so
    two ambassadors asking at once start one build."""
    language = report_language(org=campaign.organisation)
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        fingerprint = toolkit_fingerprint(campaign=campaign, team=team, language=language)
        existing = toolkit_current(campaign=campaign, team=team, fingerprint=fingerprint)
        if existing is not None:
            return existing
        return report_export_start(
            org=campaign.organisation,
            by=by,
            report=REPORT,
            parameters={
                "campaign": campaign.pk,
                "team": team.pk if team else None,
                "fingerprint": fingerprint,
            },
            role=role,
        )


def toolkit_is_current(*, export: ReportExport, campaign: Campaign, team: Team | None) -> bool:
    language = report_language(org=campaign.organisation)
    return export.parameters.get("fingerprint") == toolkit_fingerprint(
        campaign=campaign, team=team, language=language
    )


@transaction.atomic
def toolkit_download_record(
    *, export: ReportExport, campaign: Campaign, membership: Membership
) -> ToolkitDownload:
    team = toolkit_team(campaign=campaign, membership=membership)
    return ToolkitDownload.objects.create(campaign=campaign, team=team, membership=membership, export=export)


def phase_of(*, campaign: Campaign, day: dt.date) -> str:
    if day < campaign.week_start:
        return CommunicationItem.Phase.BEFORE
    if day <= campaign.week_end:
        return CommunicationItem.Phase.DURING
    return CommunicationItem.Phase.AFTER


def _plan_item(*, campaign: Campaign, channel: str, day: dt.date) -> CommunicationItem | None:
    """The planned message a share belongs to: same channel and phase, the one planned nearest the day."""
    items = list(
        CommunicationItem.objects.filter(
            campaign=campaign, channel=channel, phase=phase_of(campaign=campaign, day=day)
        ).order_by("planned_on", "pk")
    )
    return min(items, key=lambda item: abs((item.planned_on - day).days), default=None)


@transaction.atomic
def toolkit_share_record(
    *, campaign: Campaign, membership: Membership, channel: str, shared_on: dt.date, reach: int
) -> ToolkitShare:
    """Log a share; its reach is added to the matching message of the communication plan."""
    errors = {}
    if channel not in ShareChannel.values:
        errors["channel"] = _("Choose a channel from the list.")
    if reach is None or reach < 0 or reach > MAX_REACH:
        errors["reach"] = _("Give a number between 0 and %(max)s.") % {"max": MAX_REACH}
    today = timezone.localdate()
    if shared_on > today:
        errors["shared_on"] = _("The date cannot be in the future.")
    elif shared_on < campaign.prep_start - dt.timedelta(days=31):
        errors["shared_on"] = _("This date lies long before the campaign's preparation started.")
    if errors:
        raise ValidationError(errors)
    item = _plan_item(campaign=campaign, channel=channel, day=shared_on)
    share = ToolkitShare.objects.create(
        campaign=campaign,
        team=toolkit_team(campaign=campaign, membership=membership),
        membership=membership,
        channel=channel,
        shared_on=shared_on,
        reach=reach,
        communication=item,
    )
    if item is not None and reach:
        CommunicationItem.objects.filter(pk=item.pk).update(views=F("views") + reach)
    return share
