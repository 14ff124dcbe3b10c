"""HR builds programmes of micro-interventions and assigns them to teams."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from ..models import Programme, ProgrammeAssignment, ProgrammeMoment
from . import programmes
from .forms import AssignmentForm, MomentForm, ProgrammeForm


def _programme(request: OrgRequest, programme_id: int) -> Programme:
    """The programme with this id in the request's organisation, or 404."""
    return get_object_or_404(
        Programme.objects.select_related("campaign"), pk=programme_id, organisation=request.org
    )


@org_role_required(Role.HR)
def programme_list(request: OrgRequest) -> HttpResponse:
    items = (
        Programme.objects.filter(organisation=request.org)
        .select_related("campaign")
        .prefetch_related("moments__intervention", "assignments__team")
    )
    form = ProgrammeForm(request.POST or None, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            programme = programmes.programme_create(org=request.org, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The programme has been created."))
            return redirect("interventions:programme", org_slug=request.org.slug, programme_id=programme.pk)
    return render(request, "campaigns/interventions/programmes.html", {"programmes": items, "form": form})


@org_role_required(Role.HR)
def programme_detail(request: OrgRequest, programme_id: int) -> HttpResponse:
    programme = _programme(request, programme_id)
    moment_form = MomentForm(request.POST if "add_moment" in request.POST else None, org=request.org)
    assign_form = AssignmentForm(request.POST if "assign" in request.POST else None, org=request.org)
    if request.method == "POST":
        form = moment_form if "add_moment" in request.POST else assign_form
        if form.is_valid():
            try:
                if form is moment_form:
                    programmes.moment_add(programme=programme, **form.cleaned_data)
                else:
                    programmes.programme_assign(programme=programme, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_to(form, exc)
            else:
                messages.success(request, _("The programme has been saved."))
                return redirect(
                    "interventions:programme", org_slug=request.org.slug, programme_id=programme.pk
                )
    context = {
        "programme": programme,
        "moments": programme.moments.select_related("intervention"),
        "assignments": programme.assignments.select_related("team"),
        "moment_form": moment_form,
        "assign_form": assign_form,
    }
    return render(request, "campaigns/interventions/programme.html", context)


@require_POST
@org_role_required(Role.HR)
def moment_remove(request: OrgRequest, programme_id: int, moment_id: int) -> HttpResponse:
    programme = _programme(request, programme_id)
    programmes.moment_remove(moment=get_object_or_404(ProgrammeMoment, pk=moment_id, programme=programme))
    return redirect("interventions:programme", org_slug=request.org.slug, programme_id=programme.pk)


@require_POST
@org_role_required(Role.HR)
def assignment_remove(request: OrgRequest, programme_id: int, assignment_id: int) -> HttpResponse:
    programme = _programme(request, programme_id)
    assignment = get_object_or_404(ProgrammeAssignment, pk=assignment_id, programme=programme)
    programmes.assignment_remove(assignment=assignment)
    return redirect("interventions:programme", org_slug=request.org.slug, programme_id=programme.pk)
