"""HR's 'reports and data' settings: retention periods, report language, GDPR export and deletion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.documents.services import report_language, report_settings_update
from werkstressweek.forms import form_errors_to

from . import gdpr, services
from .forms import DataSettingsForm, DeleteOrganisationForm


@org_role_required(Role.HR)
def data_settings(request: OrgRequest) -> HttpResponse:
    policy = services.retention_policy(org=request.org)
    form = DataSettingsForm(
        request.POST or None, instance=policy, initial={"report_language": report_language(org=request.org)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_update(
                org=request.org,
                comments_months=form.cleaned_data["comments_months"],
                answers_months=form.cleaned_data["answers_months"],
                by=request.user,
            )
            report_settings_update(org=request.org, language=form.cleaned_data["report_language"])
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("retention:data_settings", org_slug=request.org.slug)
    context = {"form": form, "delete_form": DeleteOrganisationForm()}
    return render(
        request, "retention/data_settings.html", context, status=422 if form.is_bound and form.errors else 200
    )


@require_POST
@org_role_required(Role.HR)
def data_export(request: OrgRequest) -> HttpResponse:
    data = gdpr.organisation_export(org=request.org, by=request.user)
    name = f"{request.org.slug}-{timezone.localdate().isoformat()}.zip"
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@org_role_required(Role.HR)
def organisation_delete(request: OrgRequest) -> HttpResponse:
    form = DeleteOrganisationForm(request.POST)
    if form.is_valid():
        try:
            gdpr.organisation_delete(
                org=request.org, by=request.user, confirmation=form.cleaned_data["confirmation"]
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request, _("%(org)s and all its data have been deleted.") % {"org": request.org.name}
            )
            return redirect("home")
    policy = services.retention_policy(org=request.org)
    settings_form = DataSettingsForm(
        instance=policy, initial={"report_language": report_language(org=request.org)}
    )
    return render(
        request, "retention/data_settings.html", {"form": settings_form, "delete_form": form}, status=422
    )
