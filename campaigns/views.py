"""Campaign pages: list, create, dashboard, plan timeline with tick-off, public agenda link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from measurements.services import planned_pulses
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, can_open, has_role, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import CampaignForm, PlanStepAddForm, PlanStepForm, ResourceForm
from .goals import goal_rows
from .health import health_check
from .models import Campaign, PlanStep, Resource
from .planning import week_of_work_stress


def get_campaign(request: OrgRequest, campaign_id: int) -> Campaign:
    return get_object_or_404(Campaign, pk=campaign_id, organisation=request.org)


def can_edit(request: OrgRequest) -> bool:
    return has_role(request, *EDITOR_ROLES)


# Budgets are internal to the people who run the campaign: HR and the core team.
BUDGET_ROLES = EDITOR_ROLES


@org_role_required()
def campaign_list(request: OrgRequest) -> HttpResponse:
    campaigns = selectors.campaign_list(org=request.org)
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "can_edit": can_edit(request)})


@org_role_required(*EDITOR_ROLES)
def campaign_create(request: OrgRequest) -> HttpResponse:
    year = timezone.localdate().year
    if timezone.localdate() > week_of_work_stress(year):
        year += 1
    initial = {
        "name": _("Week van de Werkstress %(year)s") % {"year": year},
        "year": year,
        "week_start": week_of_work_stress(year),
        "prep_weeks": 8,
    }
    form = CampaignForm(request.POST or None, initial=initial, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                org=request.org,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request, _("Your campaign and its dated plan are ready. Let's fill it in step by step.")
            )
            return redirect(
                "campaigns:wizard", org_slug=request.org.slug, campaign_id=campaign.pk, step="goals"
            )
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": None})


@org_role_required(*EDITOR_ROLES)
def campaign_edit(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = CampaignForm(request.POST or None, instance=campaign, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The campaign has been saved; open steps were re-dated."))
            return redirect("campaigns:dashboard", org_slug=request.org.slug, campaign_id=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@org_role_required()
def dashboard(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    today = timezone.localdate()
    steps = selectors.plan_steps(campaign=campaign)
    progress = selectors.plan_progress(campaign=campaign, steps=steps)
    from measurements import views as pulse_views  # measurements imports campaigns

    can_manage_pulses = can_open(request, pulse_views.pulse_detail)
    context = {
        "campaign": campaign,
        "can_edit": can_edit(request),
        "can_see_budget": has_role(request, *BUDGET_ROLES),
        "days_until": campaign.days_until(today),
        "done": progress.done,
        "total": progress.total,
        "percent": progress.percent,
        "findings": health_check(selectors.campaign_facts(campaign=campaign)),
        "overdue": [s for s in steps if s.is_overdue(today)],
        "upcoming": [s for s in steps if not s.is_done and s.due_on >= today][:5],
        "agenda_days": selectors.agenda_by_day(campaign=campaign),
        "next_communications": selectors.next_communications(campaign=campaign),
        "pulses": selectors.campaign_pulses(campaign=campaign),
        "can_manage_pulses": can_manage_pulses,
        "planned_pulses": planned_pulses(campaign=campaign) if can_manage_pulses else [],
        "themes": list(campaign.themes.all()),
        "goals": list(campaign.goals.select_related("theme")),
        "goal_rows": goal_rows(campaign=campaign, role=request.membership.role),
        "today": today,
    }
    return render(request, "campaigns/dashboard.html", context)


@org_role_required()
def plan(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    weeks = selectors.plan_by_week(campaign=campaign)
    progress = selectors.plan_progress(campaign=campaign, steps=[s for w in weeks for s in w.steps])
    add_form = PlanStepAddForm(campaign=campaign, initial={"due_on": timezone.localdate()})
    context = {
        "campaign": campaign,
        "weeks": weeks,
        "can_edit": can_edit(request),
        "done": progress.done,
        "total": progress.total,
        "percent": progress.percent,
        "today": timezone.localdate(),
        "add_form": add_form,
        "missing_standard_steps": selectors.missing_standard_steps(campaign=campaign),
    }
    return render(request, "campaigns/plan.html", context)


@require_POST
@org_role_required(*EDITOR_ROLES)
def step_toggle(request: OrgRequest, campaign_id: int, step_id: int) -> HttpResponse:
    step = get_object_or_404(
        PlanStep.objects.select_related("template", "campaign", "owner__membership__user"),
        pk=step_id,
        campaign_id=campaign_id,
        campaign__organisation=request.org,
    )
    try:
        services.plan_step_toggle(step=step, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        campaign = step.campaign
        steps = selectors.plan_steps(campaign=campaign)
        progress = selectors.plan_progress(campaign=campaign, steps=steps)
        context = {
            "step": next(s for s in steps if s.pk == step.pk),
            "campaign": campaign,
            "can_edit": True,
            "today": timezone.localdate(),
            "done": progress.done,
            "total": progress.total,
            "percent": progress.percent,
        }
        return render(request, "campaigns/_plan_step_toggled.html", context)
    return redirect("campaigns:plan", org_slug=request.org.slug, campaign_id=campaign_id)


@org_role_required(*EDITOR_ROLES)
def step_edit(request: OrgRequest, campaign_id: int, step_id: int) -> HttpResponse:
    step = get_object_or_404(
        PlanStep.objects.select_related("campaign", "template"),
        pk=step_id,
        campaign_id=campaign_id,
        campaign__organisation=request.org,
    )
    campaign = step.campaign
    form = PlanStepForm(request.POST or None, instance=step, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_step_redate(step=step, due_on=form.cleaned_data["due_on"])
            services.plan_step_reassign(step=step, owner=form.cleaned_data["owner"])
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The step has been saved."))
            return redirect("campaigns:plan", org_slug=request.org.slug, campaign_id=campaign.pk)
    return render(request, "campaigns/step_form.html", {"form": form, "step": step, "campaign": campaign})


@require_POST
@org_role_required(*EDITOR_ROLES)
def step_add(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = PlanStepAddForm(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            services.plan_step_add(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The step has been added to the plan."))
            return redirect("campaigns:plan", org_slug=request.org.slug, campaign_id=campaign.pk)
    return render(
        request, "campaigns/step_form.html", {"form": form, "step": None, "campaign": campaign}, status=422
    )


@require_POST
@org_role_required(*EDITOR_ROLES)
def plan_restore(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    restored = services.plan_restore_standard_steps(campaign=campaign)
    messages.success(request, _("%(n)d standard steps put back in the plan.") % {"n": len(restored)})
    return redirect("campaigns:plan", org_slug=request.org.slug, campaign_id=campaign.pk)


@require_POST
@org_role_required(*EDITOR_ROLES)
def step_remove(request: OrgRequest, campaign_id: int, step_id: int) -> HttpResponse:
    step = get_object_or_404(
        PlanStep, pk=step_id, campaign_id=campaign_id, campaign__organisation=request.org
    )
    services.plan_step_remove(step=step)
    messages.success(request, _("The step has been removed from the plan."))
    return redirect("campaigns:plan", org_slug=request.org.slug, campaign_id=campaign_id)


@require_POST
@org_role_required(*EDITOR_ROLES)
def agenda_link(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    if request.POST.get("revoke"):
        services.campaign_revoke_agenda(campaign=campaign)
        messages.success(request, _("The public agenda link no longer works."))
    elif campaign.public_token:
        services.campaign_publish_agenda(campaign=campaign)
        messages.success(
            request, _("A new public agenda link has been made; an earlier link no longer works.")
        )
    else:  # the first publication (or after switching the link off): there is no earlier link to speak of
        services.campaign_publish_agenda(campaign=campaign)
        messages.success(request, _("The agenda is published. Share the link below with everyone."))
    return redirect("campaigns:wizard", org_slug=request.org.slug, campaign_id=campaign.pk, step="review")


def _resource_id(value: str) -> int:
    """The id of the resource to remove, or 404 for anything that is not one (junk never 500s)."""
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


@org_role_required(*BUDGET_ROLES)
def resources(request: OrgRequest, campaign_id: int) -> HttpResponse:
    """Budget lines, locations and tools: only HR and the core team see and change them."""
    campaign = get_campaign(request, campaign_id)
    editable = can_edit(request)
    form = ResourceForm(request.POST or None, campaign=campaign) if editable else None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if request.POST.get("remove"):
            resource = get_object_or_404(Resource, pk=_resource_id(request.POST["remove"]), campaign=campaign)
            services.campaign_item_remove(item=resource)
            messages.success(request, _("Removed."))
            return redirect("campaigns:resources", org_slug=request.org.slug, campaign_id=campaign.pk)
        if form.is_valid():
            try:
                services.resource_save(campaign=campaign, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_to(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("campaigns:resources", org_slug=request.org.slug, campaign_id=campaign.pk)
    items = list(campaign.resources.all())
    spent = sum((r.amount or 0) for r in items if r.kind == Resource.Kind.BUDGET_LINE)
    context = {
        "campaign": campaign,
        "form": form,
        "items": items,
        "spent": spent,
        "can_edit": editable,
        "left": (campaign.budget - spent) if campaign.budget is not None else None,
    }
    return render(request, "campaigns/resources.html", context, status=422 if form and form.errors else 200)
