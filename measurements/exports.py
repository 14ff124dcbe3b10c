"""Files: aggregated results (CSV/XLSX), codes for a mail merge and the QR sheet.

Exports hold aggregates only, never answer rows. Hidden figures are blank; the note says why: fewer
than k answers ("< k"), or hidden to protect a smaller team.
Text cells that a spreadsheet would run as a formula are neutralised. Every file is logged in
the audit log by the functions that produce it (`results_export`, `codes_export`), in a
transaction around the making of the file.
"""

from __future__ import annotations

import tablib
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from werkstressweek.accounts.models import Role, User
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record
from werkstressweek.documents.tabular import csv_text, neutralise, xlsx_bytes
from werkstressweek.numbers import rounded

from . import selectors, services
from .models import SCALE, Dimension, Distribution, Pulse, PulseCode
from .permissions import EXPORT_ROLES, Scope, access_for
from .qr import qr_svgs
from .templatetags.measurements_tags import LIGHT_WORDS


def _number(value: float | None, places: int) -> float | str:
    """A figure for a spreadsheet: a real number, rounded by the app's one rule; blank when hidden."""
    return "" if value is None else float(rounded(value, places))


def results_dataset(results: selectors.PulseResults) -> tablib.Dataset:
    hidden_mark = f"< {results.k}"
    few_note = _("fewer than %(k)d answers") % {"k": results.k}
    # A team with enough answers of its own, hidden so that a smaller one cannot be worked out.
    protecting_note = _("hidden to protect a smaller team")
    headers = [
        _("Group"),
        _("Dimension"),
        _("Respondents"),
        _("Participation %"),
        _("Mean (1-5, higher is better)"),
        _("Favourable % (4-5)"),
        *[_("Answers %(score)d") % {"score": s} for s in SCALE],
        _("Traffic light"),
        _("Note"),
    ]
    data = tablib.Dataset(headers=headers, title=str(_("Results"))[:31])
    groups = ([results.total] if results.total else []) + results.teams
    padded_mark = _("more answers than employees")
    for group in groups:
        for dim in results.dimensions:
            cell = group.cells[dim]
            if group.padded:
                row = [group.name, Dimension(dim).label, "", "", "", "", *[""] * len(SCALE), "", padded_mark]
            elif group.hidden:
                protecting = group.respondents >= results.k
                row = [
                    group.name,
                    Dimension(dim).label,
                    "" if protecting else hidden_mark,
                    "",
                    "",
                    "",
                    *[""] * len(SCALE),
                    "",
                    protecting_note if protecting else few_note,
                ]
            else:
                row = [
                    group.name,
                    Dimension(dim).label,
                    group.respondents,
                    _number(group.participation, 1),
                    _number(cell.mean, 2),
                    _number(cell.favourable, 1),
                    *cell.distribution,
                    str(LIGHT_WORDS.get(cell.light, "")),
                    "",
                ]
            data.append([neutralise(v) for v in row])
    return data


def comments_dataset(results: selectors.PulseResults, *, role: str) -> tablib.Dataset | None:
    """The organisation's comments, when HR shares them and the role may read them."""
    if not results.pulse.comments_shared or results.total is None:
        return None
    if access_for(role).comments != Scope.ALL:
        return None
    comments = selectors.comments_for_audience(results, role=role, team_ids=[])
    if not comments:
        return None
    data = tablib.Dataset(headers=[_("Comment")], title=str(_("Comments"))[:31])
    for comment in comments:
        data.append([neutralise(comment)])
    return data


def _filename(pulse: Pulse, suffix: str) -> str:
    return f"{slugify(pulse.title) or 'pulse'}-{suffix}"


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _results(request: OrgRequest, pulse_id: int) -> tuple[Pulse, selectors.PulseResults | None]:
    pulse = get_object_or_404(
        Pulse.objects.select_related("organisation__result_settings"), pk=pulse_id, organisation=request.org
    )
    team_ids = [t.pk for t in request.membership.teams.all()]
    return pulse, selectors.results_for_audience(pulse, role=request.membership.role, team_ids=team_ids)


def _not_yet(request: OrgRequest, pulse: Pulse) -> HttpResponse:
    messages.info(request, _("There are no results to download yet: results appear when the pulse closes."))
    return redirect("measurements:pulse_results", org_slug=request.org.slug, pulse_id=pulse.pk)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def results_export(*, results: selectors.PulseResults, role: str, by: User | None, fmt: str) -> bytes | str:
    """The results file ("csv" or "xlsx") for this role, logged as exported by `by`."""
    with transaction.atomic():
        sheets = [results_dataset(results)]
        if comments := comments_dataset(results, role=role):
            sheets.append(comments)
        content: bytes | str = csv_text(*sheets) if fmt == "csv" else xlsx_bytes(*sheets)
        audit_record(
            org=results.pulse.organisation,
            by=by,
            action=AuditAction.RESULTS_EXPORTED,
            subject=results.pulse.title,
            details={"pulse": results.pulse.pk, "format": fmt, "comments": len(sheets) > 1},
        )
    return content


@never_cache
@org_role_required(*EXPORT_ROLES)
def results_csv(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse, results = _results(request, pulse_id)
    if results is None:
        return _not_yet(request, pulse)
    content = results_export(results=results, role=request.membership.role, by=request.user, fmt="csv")
    return _download(content, "text/csv; charset=utf-8", _filename(results.pulse, "results.csv"))


@never_cache
@org_role_required(*EXPORT_ROLES)
def results_xlsx(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse, results = _results(request, pulse_id)
    if results is None:
        return _not_yet(request, pulse)
    content = results_export(results=results, role=request.membership.role, by=request.user, fmt="xlsx")
    return _download(content, XLSX_TYPE, _filename(results.pulse, "results.xlsx"))


def _code_pulse(request: OrgRequest, pulse_id: int) -> Pulse:
    return get_object_or_404(
        Pulse.objects.select_related("organisation"),
        pk=pulse_id,
        organisation=request.org,
        distribution=Distribution.CODES,
    )


def _all_codes(pulse: Pulse):
    """Every code of the pulse, used or not, in a fixed order: two downloads differ only when codes
    were added, never because one was used (and after closing there are none left)."""
    return pulse.codes.select_related("team").order_by("team__name", "team_id", "code")


def codes_export(*, pulse: Pulse, by: User | None, fmt: str) -> list[PulseCode]:
    """All codes of the pulse for a download ("csv" or "print"), logged as downloaded by `by`."""
    with transaction.atomic():
        codes = list(_all_codes(pulse))
        audit_record(
            org=pulse.organisation,
            by=by,
            action=AuditAction.CODES_DOWNLOADED,
            subject=pulse.title,
            details={"pulse": pulse.pk, "format": fmt, "codes": len(codes)},
        )
    return codes


@never_cache
@org_role_required(Role.HR)
def codes_csv(request: OrgRequest, pulse_id: int) -> HttpResponse:
    """All codes with their link, for a mail merge. Nothing says whether a code was used."""
    pulse = _code_pulse(request, pulse_id)
    data = tablib.Dataset(headers=[_("Team"), _("Code"), _("Link")])
    for code in codes_export(pulse=pulse, by=request.user, fmt="csv"):
        data.append([neutralise(code.team.name), code.display, services.answer_url(code.code, code=True)])
    return _download(csv_text(data), "text/csv; charset=utf-8", _filename(pulse, "codes.csv"))


@never_cache
@org_role_required(Role.HR)
def codes_print(request: OrgRequest, pulse_id: int) -> HttpResponse:
    """A printable sheet: one card per code (used or not) with a QR code, the link and the code."""
    pulse = _code_pulse(request, pulse_id)
    cards = [
        {"team": code.team, "code": code.display, "url": services.answer_url(code.code, code=True)}
        for code in codes_export(pulse=pulse, by=request.user, fmt="print")
    ]
    svgs = qr_svgs([card["url"] for card in cards], scale=3)
    for card in cards:
        card["qr"] = svgs[card["url"]]
    return render(
        request,
        "measurements/codes_print.html",
        {
            "pulse": pulse,
            "cards": cards,
            "sealed": pulse.closed_at is not None,
            "code_entry_url": settings.SITE_URL + reverse("pulse_code_enter"),
        },
    )
