"""The generic import and export pages every registered importer and exporter uses."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.documents.tabular import csv_text, xlsx_bytes

from .reading import MAX_BYTES, UploadError, read_upload
from .registry import Exporter, Importer, Scope, exporter, importer
from .running import run_import

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SESSION_KEY = "transfer_uploads"
STORAGE_DIR = "imports"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8 or Windows) or Excel (.xlsx), at most 5 MB and 10 000 rows."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _scope(request: OrgRequest, found: Importer | Exporter, url_kwargs: dict) -> Scope:
    if set(url_kwargs) != set(found.scope_kwargs):
        raise Http404
    if request.membership.role not in found.roles:
        raise PermissionDenied
    objects = found.scope_objects(request, **url_kwargs)
    return Scope(
        org=request.org,
        membership=request.membership,
        user=request.user,
        objects=objects,
        url_kwargs=url_kwargs,
    )


def _stash(request: OrgRequest, identifier: str, name: str, raw: bytes, url_kwargs: dict) -> str:
    """Keep a checked file until the user confirms; the token is only valid in this session."""
    token = secrets.token_urlsafe(16)
    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    path = default_storage.save(f"{STORAGE_DIR}/{token}{suffix}", ContentFile(raw))
    stash = request.session.get(SESSION_KEY, {})
    stash[token] = {
        "org": request.org.pk,
        "identifier": identifier,
        "kwargs": url_kwargs,
        "path": path,
        "name": PurePath(name).name[:100],
    }
    request.session[SESSION_KEY] = stash
    return token


def _unstash(request: OrgRequest, identifier: str, token: str, url_kwargs: dict) -> tuple[str, bytes] | None:
    stash = request.session.get(SESSION_KEY, {})
    entry = stash.pop(token, None) if isinstance(token, str) else None
    request.session[SESSION_KEY] = stash
    if not entry or entry.get("org") != request.org.pk or entry.get("identifier") != identifier:
        return None
    if entry.get("kwargs") != url_kwargs:
        return None
    try:
        with default_storage.open(entry["path"], "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    finally:
        default_storage.delete(entry["path"])
    return entry["name"], raw


@org_role_required()
def import_view(request: OrgRequest, identifier: str, **url_kwargs) -> HttpResponse:
    """Upload → check every row (dry run) → preview or import; with any error nothing is saved.

    The upload form's 'check first' button shows a preview and keeps the file for the confirm
    button; 'check and import' imports at once when every row is valid.
    """
    found = importer(identifier)
    if found is None:
        raise Http404
    scope = _scope(request, found, url_kwargs)
    form = UploadForm(request.POST or None, request.FILES or None)
    outcome = None
    token = ""
    name = ""
    raw = None
    if request.method == "POST" and request.POST.get("token"):
        stashed = _unstash(request, identifier, request.POST["token"], url_kwargs)
        if stashed is None:
            messages.error(request, _("That upload has expired. Upload the file again."))
            return redirect(request.path)
        name, raw = stashed
        form = UploadForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name, raw = upload.name, upload.read()
    if raw is not None:
        preview = request.POST.get("step") == "preview"
        try:
            dataset = read_upload(name, raw)
        except UploadError as exc:
            form.add_error("file", str(exc))
        else:
            outcome = run_import(importer=found, scope=scope, dataset=dataset, dry_run=preview)
            if outcome.ok and preview:
                token = _stash(request, identifier, name, raw, url_kwargs)
            elif outcome.ok:
                messages.success(request, found.success_message(outcome.total))
                return redirect(found.success_url(scope))
    failed = bool(form.errors or (outcome and outcome.errors))
    context = {
        "importer": found,
        "form": form,
        "outcome": outcome,
        "token": token,
        "filename": name,
        "cancel_url": found.cancel_url(scope),
        "scope": scope,
    }
    return render(request, "transfer/import.html", context, status=422 if failed else 200)


@org_role_required()
def export_view(request: OrgRequest, identifier: str, fmt: str, **url_kwargs) -> HttpResponse:
    found = exporter(identifier)
    if found is None or fmt not in found.formats or fmt not in CONTENT_TYPES:
        raise Http404
    scope = _scope(request, found, url_kwargs)
    dataset = found.dataset(scope)
    content = csv_text(dataset) if fmt == "csv" else xlsx_bytes(dataset, title=str(found.label))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"{slugify(found.filename(scope)) or identifier}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
