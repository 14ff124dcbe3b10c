"""Editing and removing single items of a campaign: goals, activities, messages, people."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import services
from .forms import ActivityForm, CommunicationItemForm, CoreTeamMemberForm, GoalForm
from .models import Activity, Ambassador, CommunicationItem, CoreTeamMember, Goal
from .wizard import redirect_step as _redirect_step

ITEM_MODELS = {
    "goal": (Goal, "goals"),
    "member": (CoreTeamMember, "team"),
    "ambassador": (Ambassador, "ambassadors"),
    "activity": (Activity, "agenda"),
    "communication": (CommunicationItem, "communication"),
}


@org_role_required(*EDITOR_ROLES)
def goal_edit(request: OrgRequest, campaign_id: int, item_id: int) -> HttpResponse:
    goal = get_object_or_404(Goal, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org)
    campaign = goal.campaign
    form = GoalForm(request.POST or None, instance=goal, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(campaign=campaign, goal=goal, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return _redirect_step(request, campaign, "goals")
    return render(
        request,
        "campaigns/item_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": goal.title,
            "back": "goals",
            "remove_kind": "goal",
            "item_id": goal.pk,
        },
    )


@org_role_required(*EDITOR_ROLES)
def activity_edit(request: OrgRequest, campaign_id: int, item_id: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org
    )
    campaign = activity.campaign
    form = ActivityForm(request.POST or None, instance=activity, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(campaign=campaign, activity=activity, **form.activity_fields())
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Activity saved."))
            return _redirect_step(request, campaign, "agenda")
    return render(
        request,
        "campaigns/item_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": activity.title,
            "back": "agenda",
            "remove_kind": "activity",
            "item_id": activity.pk,
        },
    )


@org_role_required(*EDITOR_ROLES)
def communication_edit(request: OrgRequest, campaign_id: int, item_id: int) -> HttpResponse:
    item = get_object_or_404(
        CommunicationItem, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org
    )
    campaign = item.campaign
    form = CommunicationItemForm(request.POST or None, instance=item, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.communication_save(campaign=campaign, item=item, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Message saved."))
            return _redirect_step(request, campaign, "communication")
    return render(
        request,
        "campaigns/item_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": item.subject,
            "back": "communication",
            "remove_kind": "communication",
            "item_id": item.pk,
        },
    )


@org_role_required(*EDITOR_ROLES)
def member_edit(request: OrgRequest, campaign_id: int, item_id: int) -> HttpResponse:
    """Change a core team member's role (or name and address); the person stays in the team once."""
    member = get_object_or_404(
        CoreTeamMember, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org
    )
    campaign = member.campaign
    form = CoreTeamMemberForm(request.POST or None, instance=member, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.core_team_member_save(campaign=campaign, member=member, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Core team member saved."))
            return _redirect_step(request, campaign, "team")
    return render(
        request,
        "campaigns/item_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": member.display_name,
            "back": "team",
            "remove_kind": "member",
            "item_id": member.pk,
        },
    )


@require_POST
@org_role_required(*EDITOR_ROLES)
def item_remove(request: OrgRequest, campaign_id: int, kind: str, item_id: int) -> HttpResponse:
    if kind not in ITEM_MODELS:
        raise Http404
    model, step = ITEM_MODELS[kind]
    item = get_object_or_404(model, pk=item_id, campaign_id=campaign_id, campaign__organisation=request.org)
    campaign = item.campaign
    services.campaign_item_remove(item=item)
    messages.success(request, _("Removed."))
    return _redirect_step(request, campaign, step)
