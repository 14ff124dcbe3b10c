"""Pages of the plan of action: board, action, check-ins, due list, the works council's advice."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from measurements.models import Dimension, Pulse
from werkstressweek.accounts.models import Team
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import ActionFilterForm, ActionForm, AdviceForm, CheckInForm, StatusForm
from .measurement import latest_pulse_result
from .models import Action, CheckIn, Level, Risk, Source
from .permissions import (
    CREATE_ROLES,
    EDIT_ALL_ROLES,
    READ_ROLES,
    can_create,
    can_edit,
    can_record_advice,
    visible_actions,
    visible_checkins,
)

DIMENSION_RISKS = {
    Dimension.WORKLOAD: Risk.WORKLOAD,
    Dimension.RECOVERY: Risk.WORKLOAD,
    Dimension.ENERGY: Risk.WORKLOAD,
    Dimension.BALANCE: Risk.BALANCE,
    Dimension.AUTONOMY: Risk.AUTONOMY,
}


def get_action(request: OrgRequest, action_id: int) -> Action:
    """An action this member may see, or 404 (other organisations, other managers' teams)."""
    return get_object_or_404(
        visible_actions(request.membership).select_related(
            "team", "campaign", "owner_membership__user", "source_pulse", "organisation"
        ),
        pk=action_id,
    )


def get_checkin(request: OrgRequest, action_id: int, checkin_id: int) -> CheckIn:
    """A check-in of an action this member may see, or 404."""
    return get_object_or_404(
        visible_checkins(request.membership).select_related(
            "action__team", "action__organisation", "action__owner_membership__user", "recorded_by"
        ),
        pk=checkin_id,
        action_id=action_id,
    )


@org_role_required(*READ_ROLES)
def action_board(request: OrgRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, membership=request.membership)
    filters = form.filters() if request.GET else {}
    groups = selectors.action_board(membership=request.membership, filters=filters)
    context = {
        "filter_form": form,
        "groups": groups,
        "total": sum(len(g.actions) for g in groups),
        "today": timezone.localdate(),
        "can_create": can_create(request.membership),
        "can_import": request.membership.role in EDIT_ALL_ROLES,
        "editable": {a.pk for g in groups for a in g.actions if can_edit(request.membership, a)},
        "status_form": StatusForm(),
        "query": request.GET.urlencode(),
    }
    template = "actions/_board.html" if request.htmx else "actions/board.html"
    return render(request, template, context)


@require_POST
@org_role_required(*CREATE_ROLES)
def action_status(request: OrgRequest, action_id: int) -> HttpResponse:
    action = get_action(request, action_id)
    if not can_edit(request.membership, action):
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(action=action, status=form.cleaned_data["status"])
    if request.htmx:
        return action_board(request)
    return redirect("actions:action_detail", org_slug=request.org.slug, action_id=action.pk)


def _from_results_cell(request: OrgRequest) -> tuple[dict, Pulse | None]:
    """Initial values when an action is started from a red or amber cell of the results."""
    initial: dict = {"start_date": timezone.localdate()}
    team = None
    team_id = request.GET.get("team", "")
    if team_id.isdigit() and len(team_id) < 10:
        team = Team.objects.filter(organisation=request.org, pk=int(team_id)).first()
    dimension = request.GET.get("dimension", "")
    pulse = None
    pulse_id = request.GET.get("pulse", "")
    if pulse_id.isdigit() and len(pulse_id) < 10:
        pulse = Pulse.objects.filter(organisation=request.org, pk=int(pulse_id)).first()
    if team is not None:
        initial.update(team=team, level=Level.TEAM)
    if dimension in Dimension.values:
        initial.update(
            measure_dimension=dimension,
            risk=DIMENSION_RISKS.get(dimension, Risk.OTHER),
            source=Source.PULSE,
            measure_what=Dimension(dimension).label,
            measure_how=_("Pulse score (1–5) in the next pulse"),
        )
        if team is not None:
            initial["title"] = _("%(dimension)s in team %(team)s") % {
                "dimension": Dimension(dimension).label,
                "team": team.name,
            }
    if request.membership.role == "manager":
        initial["owner_membership"] = request.membership
    return initial, pulse


@org_role_required(*CREATE_ROLES)
def action_create(request: OrgRequest) -> HttpResponse:
    initial, pulse = _from_results_cell(request)
    form = ActionForm(request.POST or None, initial=initial, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                org=request.org, by=request.user, source_pulse=pulse, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The action and its 30-, 60- and 90-day check-ins are planned."))
            return redirect("actions:action_detail", org_slug=request.org.slug, action_id=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "action": None, "pulse": pulse})


@org_role_required(*CREATE_ROLES)
def action_edit(request: OrgRequest, action_id: int) -> HttpResponse:
    action = get_action(request, action_id)
    if not can_edit(request.membership, action):
        raise Http404
    form = ActionForm(request.POST or None, instance=action, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect("actions:action_detail", org_slug=request.org.slug, action_id=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "action": action, "pulse": None})


@org_role_required(*READ_ROLES)
def action_detail(request: OrgRequest, action_id: int) -> HttpResponse:
    action = get_action(request, action_id)
    context = {
        "action": action,
        "checkins": selectors.action_checkins(action=action),
        "can_edit": can_edit(request.membership, action),
        "result": latest_pulse_result(action=action, membership=request.membership),
        "today": timezone.localdate(),
    }
    return render(request, "actions/action_detail.html", context)


@org_role_required(*CREATE_ROLES)
def checkin_record(request: OrgRequest, action_id: int, checkin_id: int) -> HttpResponse:
    checkin = get_checkin(request, action_id, checkin_id)
    action = checkin.action
    if not can_edit(request.membership, action):
        raise Http404
    initial = {"progress": checkin.progress, "note": checkin.note, "measured_value": checkin.measured_value}
    form = CheckInForm(request.POST or None, initial=initial if checkin.is_recorded else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_record(checkin=checkin, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The %(day)d-day check-in has been recorded.") % {"day": checkin.day})
            return redirect("actions:action_detail", org_slug=request.org.slug, action_id=action.pk)
    context = {
        "form": form,
        "checkin": checkin,
        "action": action,
        "result": latest_pulse_result(action=action, membership=request.membership),
        "today": timezone.localdate(),
    }
    return render(request, "actions/checkin_form.html", context)


@org_role_required(*READ_ROLES)
def checkins_due(request: OrgRequest) -> HttpResponse:
    overdue, due = selectors.checkins_due(membership=request.membership)
    context = {
        "overdue": overdue,
        "due": due,
        "today": timezone.localdate(),
        "window": selectors.DUE_WINDOW_DAYS,
    }
    return render(request, "actions/checkins_due.html", context)


@org_role_required(*READ_ROLES)
def advice(request: OrgRequest) -> HttpResponse:
    can_record = can_record_advice(request.membership)
    form = AdviceForm(initial={"given_on": timezone.localdate()}) if can_record else None
    return _advice_page(request, form)


def _advice_page(request: OrgRequest, form: AdviceForm | None, status: int = 200) -> HttpResponse:
    context = {"history": selectors.advice_history(org=request.org), "form": form}
    return render(request, "actions/advice.html", context, status=status)


@require_POST
@org_role_required("works_council")
def advice_add(request: OrgRequest) -> HttpResponse:
    form = AdviceForm(request.POST)
    if form.is_valid():
        try:
            services.advice_record(org=request.org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The works council's position has been recorded."))
            return redirect("actions:advice", org_slug=request.org.slug)
    return _advice_page(request, form, status=422)
