"""Demo toolkit: branding, a few ambassador shares, and the toolkit built once through the same
service as the button (safe to run again)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from werkstressweek.accounts.models import Membership, Organisation, OrganisationBranding, Role, User
from werkstressweek.documents.models import ReportExport

from .branding import branding_update
from .models import ToolkitShare
from .services import REPORT, toolkit_request, toolkit_share_record, toolkit_team

DEMO_COLOUR = "#1F5C99"
DEMO_LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 64">
<circle cx="32" cy="32" r="28" fill="#1F5C99"/><path d="M20 34l9 9 16-20" stroke="#fff" stroke-width="6" fill="none"
stroke-linecap="round" stroke-linejoin="round"/><text x="70" y="30" font-family="DejaVu Sans, sans-serif"
font-size="20" font-weight="bold" fill="#1F5C99">Demo Zorg</text><text x="70" y="52"
font-family="DejaVu Sans, sans-serif" font-size="13" fill="#5B6773">samen gezond werken</text></svg>"""

# (days ago, channel, reach)
DEMO_SHARES = [(9, "teams", 38), (6, "poster", 60), (2, "email", 24)]


def load(*, org: Organisation, users: dict[str, User]) -> None:
    campaign = org.campaigns.order_by("-year").first()
    if campaign is None:
        return
    if not OrganisationBranding.objects.filter(organisation=org).exists():
        branding_update(org=org, primary_colour=DEMO_COLOUR, logo=DEMO_LOGO)
    membership = Membership.objects.filter(organisation=org, user=users.get(Role.AMBASSADOR)).first()
    if membership is None:
        return
    if not ToolkitShare.objects.filter(campaign=campaign).exists():
        today = timezone.localdate()
        for days_ago, channel, reach in DEMO_SHARES:
            day = min(today, max(today - dt.timedelta(days=days_ago), campaign.prep_start))
            try:
                toolkit_share_record(
                    campaign=campaign, membership=membership, channel=channel, shared_on=day, reach=reach
                )
            except ValidationError:
                continue  # a campaign far in the future has no past to share in
    if not ReportExport.objects.filter(organisation=org, report=REPORT).exists():
        toolkit_request(
            campaign=campaign,
            team=toolkit_team(campaign=campaign, membership=membership),
            by=users.get(Role.AMBASSADOR),
            role=Role.AMBASSADOR,
        )
