"""The retro after the week, per campaign."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, has_role, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import RetroItemForm
from .models import RetroItem
from .permissions import READ_ROLES


def get_campaign(request: OrgRequest, campaign_id: int) -> Campaign:
    return get_object_or_404(Campaign, pk=campaign_id, organisation=request.org)


def get_retro_item(request: OrgRequest, campaign_id: int, item_id: int) -> RetroItem:
    return get_object_or_404(
        RetroItem, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org
    )


@org_role_required(*READ_ROLES)
def retro_index(request: OrgRequest) -> HttpResponse:
    campaigns = selectors.campaigns_with_retro_counts(org=request.org)
    return render(request, "actions/retro_index.html", {"campaigns": campaigns})


def _retro_page(request: OrgRequest, campaign: Campaign, form: RetroItemForm | None, status: int = 200):
    context = {
        "campaign": campaign,
        "columns": selectors.retro_columns(campaign=campaign),
        "form": form,
        "can_edit": has_role(request, *EDITOR_ROLES),
        "action_count": campaign.actions.count(),
        "week_over": timezone.localdate() > campaign.week_end,
    }
    return render(request, "actions/retro.html", context, status=status)


@org_role_required(*READ_ROLES)
def retro(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = RetroItemForm(initial={"kind": "success"}) if has_role(request, *EDITOR_ROLES) else None
    return _retro_page(request, campaign, form)


@require_POST
@org_role_required(*EDITOR_ROLES)
def retro_add(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = RetroItemForm(request.POST)
    if form.is_valid():
        try:
            services.retro_item_add(campaign=campaign, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            return redirect("actions:retro", org_slug=request.org.slug, campaign_id=campaign.pk)
    return _retro_page(request, campaign, form, status=422)


@require_POST
@org_role_required(*EDITOR_ROLES)
def retro_to_action(request: OrgRequest, campaign_id: int, item_id: int) -> HttpResponse:
    item = get_retro_item(request, campaign_id, item_id)
    try:
        action = services.retro_item_to_action(item=item, by=request.user, owner=request.membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("actions:retro", org_slug=request.org.slug, campaign_id=campaign_id)
    messages.success(
        request, _("The bottleneck is now an action. Make it concrete: owner, deadline, measurement.")
    )
    return redirect("actions:action_edit", org_slug=request.org.slug, action_id=action.pk)
