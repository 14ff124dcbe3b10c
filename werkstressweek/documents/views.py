"""Report pages: start an export, follow its progress (htmx polling), download the file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, can_open, org_role_required
from werkstressweek.forms import form_errors_to

from . import feedback_views, selectors, services
from .models import ReportExport
from .portal import audit_log_page
from .registry import all_exporters, get_exporter

READER_ROLES = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)


def get_export(request: OrgRequest, export_id: int) -> ReportExport:
    """The export of this organisation whose report the member's role may download; else 404/403."""
    export = get_object_or_404(ReportExport, pk=export_id, organisation=request.org)
    exporter = get_exporter(export.report)
    if exporter is None or request.membership.role not in exporter.download_roles:
        raise PermissionDenied
    return export


def exporter_content_type(report: str) -> str:
    exporter = get_exporter(report)
    return exporter.content_type if exporter else "application/octet-stream"


def _exportable(request: OrgRequest, bound: tuple[str, object] | None = None) -> list[tuple]:
    """(exporter, form) for every report this member may export; `bound` replaces one form."""
    role = request.membership.role
    entries = []
    for exporter in all_exporters():
        if not exporter.listed or role not in exporter.export_roles:
            continue
        if bound and bound[0] == exporter.identifier:
            form = bound[1]
        else:
            form = exporter.parameters_form(org=request.org)
        entries.append((exporter, form))
    return entries


def _reports_page(request: OrgRequest, bound: tuple[str, object] | None = None) -> HttpResponse:
    context = {
        "exportable": _exportable(request, bound),
        "exports": selectors.exports_for(org=request.org, role=request.membership.role)[:100],
        "can_read_audit_log": can_open(request, audit_log_page),
        "can_publish_feedback": can_open(request, feedback_views.feedback_pages),
    }
    return render(request, "documents/reports.html", context, status=422 if bound else 200)


@org_role_required(*READER_ROLES)
def reports(request: OrgRequest) -> HttpResponse:
    return _reports_page(request)


@require_POST
@org_role_required(Role.HR, Role.CORE_TEAM)
def export_start(request: OrgRequest, report: str) -> HttpResponse:
    exporter = get_exporter(report)
    if exporter is None:
        raise Http404
    if request.membership.role not in exporter.export_roles:
        raise PermissionDenied
    form = exporter.parameters_form(org=request.org, data=request.POST)
    if form.is_valid():
        try:
            services.report_export_start(
                org=request.org,
                by=request.user,
                report=report,
                parameters=form.cleaned_data,
                role=request.membership.role,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The report is being made. It appears below when it is ready."))
            return redirect("documents:reports", org_slug=request.org.slug)
    return _reports_page(request, (report, form))


@org_role_required(*READER_ROLES)
def export_status(request: OrgRequest, export_id: int) -> HttpResponse:
    """One export's row; while it is being made the row asks htmx to poll again."""
    export = get_export(request, export_id)
    return render(request, "documents/_export_row.html", {"export": export})


@org_role_required(*READER_ROLES)
def export_download(request: OrgRequest, export_id: int) -> FileResponse:
    export = get_export(request, export_id)
    if not export.file:
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type=exporter_content_type(export.report),
    )
    response["X-Content-SHA256"] = export.sha256
    return response
