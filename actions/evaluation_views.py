"""The quarterly evaluation and the yearly discussion of the plan of action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, has_role, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import QuarterlyEvaluationForm, YearlyDiscussionForm
from .permissions import READ_ROLES
from .services.follow_up import quarter_of


def _page(request: OrgRequest, *, quarterly=None, yearly=None, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    can_edit = has_role(request, *EDITOR_ROLES)
    if can_edit:
        year, quarter = quarter_of(today)
        quarterly = quarterly or QuarterlyEvaluationForm(
            org=request.org, initial={"year": year, "quarter": quarter}
        )
        yearly = yearly or YearlyDiscussionForm(initial={"year": today.year})
    context = {
        "evaluations": selectors.evaluations(org=request.org),
        "discussions": selectors.yearly_discussions(org=request.org),
        "quarterly_form": quarterly,
        "yearly_form": yearly,
        "can_edit": can_edit,
    }
    return render(request, "actions/evaluations.html", context, status=status)


@org_role_required(*READ_ROLES)
def evaluations(request: OrgRequest) -> HttpResponse:
    return _page(request)


@require_POST
@org_role_required(*EDITOR_ROLES)
def evaluation_add(request: OrgRequest) -> HttpResponse:
    form = QuarterlyEvaluationForm(request.POST, org=request.org)
    if form.is_valid():
        try:
            services.evaluation_record(org=request.org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The quarterly evaluation is recorded."))
            return redirect("actions:evaluations", org_slug=request.org.slug)
    return _page(request, quarterly=form, status=422)


@require_POST
@org_role_required(*EDITOR_ROLES)
def yearly_add(request: OrgRequest) -> HttpResponse:
    form = YearlyDiscussionForm(request.POST)
    if form.is_valid():
        try:
            services.yearly_discussion_record(org=request.org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The yearly discussion is recorded."))
            return redirect("actions:evaluations", org_slug=request.org.slug)
    return _page(request, yearly=form, status=422)
