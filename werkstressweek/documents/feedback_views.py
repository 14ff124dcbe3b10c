"""Feedback to employees: HR publishes a pulse's feedback page; employees read it without login."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required

from . import feedback
from .services import report_language


class FeedbackPublishForm(forms.Form):
    include_teams = forms.BooleanField(
        label=gettext_lazy("Also show teams in which enough people answered"), required=False
    )


def _closed_pulse(request: OrgRequest, pulse_id: int):
    from measurements.models import Pulse

    pulse = get_object_or_404(Pulse, pk=pulse_id, organisation=request.org)
    if pulse.state() != "closed":
        raise Http404
    return pulse


@org_role_required(Role.HR)
def feedback_pages(request: OrgRequest) -> HttpResponse:
    """Every closed pulse with its public feedback page: publish, change, unpublish."""
    rows = [
        (pulse, page, FeedbackPublishForm(initial={"include_teams": page.include_teams if page else False},
                                          prefix=f"p{pulse.pk}"))
        for pulse, page in feedback.feedback_overview(org=request.org)
    ]  # fmt: skip
    return render(request, "documents/feedback_pages.html", {"rows": rows})


@require_POST
@org_role_required(Role.HR)
def feedback_publish(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _closed_pulse(request, pulse_id)
    form = FeedbackPublishForm(request.POST, prefix=f"p{pulse.pk}")
    form.is_valid()  # a checkbox: anything not "on" is no
    feedback.feedback_publish(
        org=request.org,
        pulse=pulse,
        by=request.user,
        include_teams=form.cleaned_data.get("include_teams", False),
    )
    messages.success(request, _("The feedback page is published. Share its link with all employees."))
    return redirect("documents:feedback_pages", org_slug=request.org.slug)


@require_POST
@org_role_required(Role.HR)
def feedback_unpublish(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _closed_pulse(request, pulse_id)
    feedback.feedback_unpublish(org=request.org, pulse=pulse, by=request.user)
    messages.success(request, _("The feedback page is offline; its link no longer works."))
    return redirect("documents:feedback_pages", org_slug=request.org.slug)


@require_GET
@never_cache
def public_feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The published feedback page: no login, no cookies, not indexed, never cached."""
    page = feedback.feedback_page_by_token(token=token)
    if page is None:
        raise Http404
    with translation.override(report_language(org=page.organisation)):
        context = feedback.feedback_context(pulse=page.pulse, include_teams=page.include_teams)
        context.update(
            organisation=page.organisation,
            org=None,
            title=page.pulse.title,
            table_class="table feedback-teams",
        )
        response = render(request, "documents/feedback_public.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
