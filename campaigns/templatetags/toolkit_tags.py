"""Template tags of the communication toolkit: the home card and the public agenda's share box."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from campaigns.models import Campaign, CampaignStatus

register = template.Library()


@register.inclusion_tag("campaigns/toolkit/_home_card.html", takes_context=True)
def toolkit_home_card(context, organisation) -> dict:
    """The organisation home's card linking the campaigns' toolkits (the ambassador's main task).

    Whether the reader is an ambassador comes from the view's `is_ambassador` flag (org_home)."""
    campaigns = list(
        Campaign.objects.filter(organisation=organisation)
        .exclude(status=CampaignStatus.CLOSED)
        .order_by("-week_start")[:3]
    )
    return {
        "org": organisation,
        "campaigns": campaigns,
        "is_ambassador": bool(context.get("is_ambassador")),
    }


@register.inclusion_tag("campaigns/toolkit/_agenda_share.html", takes_context=True)
def agenda_share(context, token: str) -> dict:
    """A QR code and a copy button for the public agenda's own address."""
    from campaigns.toolkit.printing import qr

    request = context["request"]
    url = request.build_absolute_uri(reverse("public_agenda", kwargs={"token": token}))
    svg = qr(url).svg_inline(scale=4, border=2, dark="#000000", title=None)
    return {"url": url, "qr_svg": mark_safe(svg)}  # noqa: S308 - segno's own SVG of our own URL
