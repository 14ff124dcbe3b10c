"""HR's micro-intervention library inside an organisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from ..models import Intervention
from . import selectors, services
from .forms import InterventionForm


def _own_intervention(request: OrgRequest, intervention_id: int) -> Intervention:
    """One of the organisation's own interventions, or 404 (the shared library is read-only)."""
    return get_object_or_404(Intervention, pk=intervention_id, organisation=request.org)


@org_role_required(*EDITOR_ROLES)
def library(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/interventions/library.html",
        {
            "interventions": selectors.interventions_for(org=request.org),
            "can_edit": request.membership.role == Role.HR,
        },
    )


@org_role_required(Role.HR)
def intervention_edit(request: OrgRequest, intervention_id: int | None = None) -> HttpResponse:
    intervention = _own_intervention(request, intervention_id) if intervention_id else None
    form = InterventionForm(request.POST or None, instance=intervention)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data.get(key) for key in services.FIELDS}
        try:
            if intervention is None:
                intervention = services.intervention_create(org=request.org, **values)
            else:
                services.intervention_update(intervention=intervention, org=request.org, **values)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The micro-intervention has been saved."))
            return redirect("interventions:library", org_slug=request.org.slug)
    return render(request, "campaigns/interventions/form.html", {"form": form, "intervention": intervention})


@require_POST
@org_role_required(Role.HR)
def intervention_delete(request: OrgRequest, intervention_id: int) -> HttpResponse:
    intervention = _own_intervention(request, intervention_id)
    try:
        services.intervention_delete(intervention=intervention, org=request.org)
    except ValidationError as exc:  # pragma: no cover - guarded by _own_intervention
        raise Http404 from exc
    messages.success(request, _("The micro-intervention has been removed."))
    return redirect("interventions:library", org_slug=request.org.slug)
