"""Links and cards other apps' templates show without depending on the actions app's code."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone

from werkstressweek.accounts.tenancy import can_open

from ..precondition_views import preconditions
from ..selectors import preconditions_overview
from ..services.preconditions import signals_token

register = template.Library()


@register.simple_tag
def signals_url(organisation) -> str:
    """The public 'where to go with signals' page of an organisation."""
    return reverse("signals", kwargs={"token": signals_token(organisation)})


@register.inclusion_tag("actions/_preconditions_card.html", takes_context=True)
def preconditions_card(context, organisation) -> dict:
    """The organisation home's card: how many preconditions are in place and which need attention."""
    rows = preconditions_overview(org=organisation)
    today = timezone.localdate()
    return {
        "org": organisation,
        "rows": rows,
        "in_place": sum(1 for r in rows if r.status == "in_place"),
        "attention": [r for r in rows if r.status != "in_place" or r.needs_review(today)],
        "can_open_preconditions": "request" in context and can_open(context["request"], preconditions),
    }
