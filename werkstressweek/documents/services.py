"""Report exports: start one (audited, rendered in the background) and render it, safely twice."""

from __future__ import annotations

import hashlib
import logging
import os
import socket

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record

from .models import ExportStatus, ReportExport, ReportSettings
from .registry import ExportContext, ParametersInvalid, get_exporter

log = logging.getLogger(__name__)


def report_language(*, org: Organisation) -> str:
    """The language the organisation's reports are written in (Dutch unless it chose otherwise)."""
    chosen = ReportSettings.objects.filter(organisation=org).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


@transaction.atomic
def report_settings_update(*, org: Organisation, language: str) -> ReportSettings:
    row, _created = ReportSettings.objects.get_or_create(organisation=org)
    row.language = language
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def report_export_start(
    *, org: Organisation, by: User | None, report: str, parameters: dict, role: str | None = None
) -> ReportExport:
    """Record an export request and queue its rendering once the transaction commits.

    `role` is the requester's role (None for the system, e.g. loaddemo); the exporter decides
    whether it may export. The audit log records who exported which report.
    """
    exporter = get_exporter(report)
    if exporter is None:
        raise ValidationError({"report": _("Unknown report.")})
    if role is not None and role not in exporter.export_roles:
        raise PermissionDenied
    try:
        parameters = exporter.clean_parameters(org=org, parameters=parameters)
        subject = exporter.subject(org=org, parameters=parameters)
    except ParametersInvalid:
        raise ValidationError(
            {"campaign": _("Choose something of this organisation to report on.")}
        ) from None
    export = ReportExport.objects.create(
        organisation=org,
        report=report,
        parameters=parameters,
        subject=subject[:200],
        language=report_language(org=org),
        requested_by=by,
        requested_by_name=(by.get_full_name() or by.email) if by else "",
    )
    audit_record(
        org=org,
        by=by,
        action=AuditAction.REPORT_EXPORTED,
        subject=f"{exporter.label}: {subject}" if subject else str(exporter.label),
        details={"export": export.pk, "report": report},
    )
    from .tasks import render_report_export

    render_report_export.delay_on_commit(export.pk)
    return export


def _claim(export_id: int) -> ReportExport | None:
    """Mark the export as being rendered by this process; None when there is nothing to do."""
    with transaction.atomic():
        export = ReportExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == ExportStatus.DONE:
            return None
        # QUEUED, FAILED (a retry) or RUNNING (a worker that died mid-render): render again.
        export.status = ExportStatus.RUNNING
        export.progress = 0
        export.attempts += 1
        export.started_at = timezone.now()
        export.worker = f"{socket.gethostname()}:{os.getpid()}"
        export.error = ""
        export.save(update_fields=["status", "progress", "attempts", "started_at", "worker", "error"])
        return export


def _set_progress(export_id: int, percent: int) -> None:
    ReportExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(
        progress=max(0, min(99, int(percent)))
    )


def file_name(*, export: ReportExport, stem: str, extension: str = "pdf") -> str:
    day = timezone.localtime(export.requested_at).date().isoformat()
    return f"{stem}-{slugify(export.organisation.slug)}-{day}-{export.pk}.{extension}"


def report_export_run(*, export_id: int) -> ReportExport | None:
    """Render the export's PDF and store it with its checksum. Safe to run twice or after a crash.

    The file is written under the export's own folder before the row says DONE, so a reader
    never sees a DONE row without its file, and a second run never touches a finished export.
    """
    export = _claim(export_id)
    if export is None:
        return None
    exporter = get_exporter(export.report)
    if exporter is None:
        raise ValidationError(f"Unknown report {export.report!r}")
    ctx = ExportContext(
        org=export.organisation,
        by=export.requested_by,
        parameters=export.parameters,
        language=export.language,
        progress=lambda percent: _set_progress(export.pk, percent),
    )
    with translation.override(export.language):
        rendered = exporter.render(ctx)
    _set_progress(export.pk, 95)
    digest = hashlib.sha256(rendered.data).hexdigest()
    with transaction.atomic():
        current = ReportExport.objects.select_for_update().get(pk=export.pk)
        if current.status == ExportStatus.DONE:
            return current  # another attempt finished first; keep its file
        current.file.save(
            file_name(export=current, stem=exporter.file_stem, extension=exporter.file_extension),
            ContentFile(rendered.data),
            save=False,
        )
        current.sha256 = digest
        current.pages = rendered.pages
        current.size = len(rendered.data)
        current.status = ExportStatus.DONE
        current.progress = 100
        current.finished_at = timezone.now()
        current.save(update_fields=["file", "sha256", "pages", "size", "status", "progress", "finished_at"])
    log.info("report export %s done: %s pages, %s bytes", export.pk, rendered.pages, len(rendered.data))
    return current


def report_export_fail(*, export_id: int, error: str) -> None:
    """Give up on an export after its last retry; the page shows it as failed."""
    ReportExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )
