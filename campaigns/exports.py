"""Export the agenda and communication plan (CSV, XLSX); import an agenda from CSV."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required

from .forms import AgendaImportForm
from .resources import ActivityResource, CommunicationResource
from .views import get_campaign

EXPORTS = {"agenda": ActivityResource, "communication": CommunicationResource}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_IMPORT_BYTES = 1_000_000


@org_role_required()
def export(request: OrgRequest, campaign_id: int, what: str, fmt: str) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    if what not in EXPORTS or fmt not in FORMATS:
        raise Http404
    dataset = EXPORTS[what](campaign=campaign).export()
    response = HttpResponse(dataset.export(fmt), content_type=FORMATS[fmt])
    filename = f"{slugify(campaign.name)}-{what}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _read_csv(upload) -> tablib.Dataset:
    if upload.size > MAX_IMPORT_BYTES:
        raise ValueError(_("The file is larger than 1 MB."))
    raw = upload.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(_("This file is not a text (CSV) file."))
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as exc:  # tablib raises several kinds for broken files
        raise ValueError(_("This file could not be read as CSV.")) from exc


@org_role_required(*EDITOR_ROLES)
def agenda_import(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = AgendaImportForm(request.POST or None, request.FILES or None)
    row_errors: list[tuple[int, list[str]]] = []
    if request.method == "POST" and form.is_valid():
        try:
            dataset = _read_csv(form.cleaned_data["file"])
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            row_errors = agenda_import_rows(campaign=campaign, dataset=dataset, form=form)
            if not row_errors and form.is_valid():
                messages.success(request, _("%(n)d activities imported.") % {"n": len(dataset)})
                return redirect(
                    "campaigns:wizard", org_slug=request.org.slug, campaign_id=campaign.pk, step="agenda"
                )
    context = {
        "form": form,
        "campaign": campaign,
        "row_errors": row_errors,
        "columns": [f.column_name for f in ActivityResource(campaign=campaign).get_export_fields()],
    }
    return render(
        request, "campaigns/agenda_import.html", context, status=422 if form.errors or row_errors else 200
    )


def agenda_import_rows(*, campaign, dataset: tablib.Dataset, form=None) -> list[tuple[int, list[str]]]:
    """Dry run first; only when every row is valid import them all in one transaction."""
    resource = ActivityResource(campaign=campaign)
    expected = {f.column_name for f in resource.get_export_fields()}
    missing = sorted(expected - set(dataset.headers or []))
    if missing:
        message = _("These columns are missing: %(cols)s.") % {"cols": ", ".join(missing)}
        if form is not None:
            form.add_error("file", message)
        return [(0, [message])]
    if not len(dataset):
        return [(0, [_("The file has no rows.")])]
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    errors = _errors(result, resource)
    if errors:
        return errors
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=False, raise_errors=False, use_transactions=True)
        errors = _errors(result, resource)
        if errors:
            transaction.set_rollback(True)
    return errors


def _errors(result, resource: ActivityResource) -> list[tuple[int, list[str]]]:
    column = {f.attribute: f.column_name for f in resource.get_export_fields() if f.attribute}
    column.update(starts_at="van", ends_at="tot")
    errors: list[tuple[int, list[str]]] = []
    for invalid in result.invalid_rows:
        lines = []
        for field, messages_ in invalid.error_dict.items():
            label = "" if field == "__all__" else f"{column.get(field, field)}: "
            lines.extend(f"{label}{m}" for m in messages_)
        errors.append((invalid.number, lines))
    for number, row_errors in result.row_errors():
        errors.append((number, [str(e.error) for e in row_errors]))
    base = [str(e.error) for e in result.base_errors]
    if base:
        errors.append((0, base))
    return sorted(errors, key=lambda e: e[0])
