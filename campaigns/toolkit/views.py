"""Toolkit pages: the ambassador page (download, copy-ready messages, share log), texts, branding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, can_open, has_role, org_role_required
from werkstressweek.documents.models import ExportStatus
from werkstressweek.documents.services import report_language
from werkstressweek.forms import form_errors_to

from ..models import Campaign, CommunicationItem
from . import selectors, services
from .branding import branding_for, branding_update
from .build import TOOLKIT_ROLES, message_text
from .content import toolkit_content
from .forms import BrandingForm, ShareForm, ToolkitTextForm
from .texts import (
    CHANNELS,
    KINDS,
    PHASES,
    PLACEHOLDERS,
    TEXT_KINDS,
    kind_label,
    texts_for,
    toolkit_text_reset,
)
from .texts import toolkit_text_save as text_save

SHARE_ROLES = TOOLKIT_ROLES
OVERVIEW_ROLES = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)


def get_campaign(request: OrgRequest, campaign_id: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("organisation"), pk=campaign_id, organisation=request.org
    )


def _status_context(request: OrgRequest, campaign: Campaign) -> dict:
    team = services.toolkit_team(campaign=campaign, membership=request.membership)
    export = services.toolkit_latest(campaign=campaign, team=team)
    current = export is not None and services.toolkit_is_current(export=export, campaign=campaign, team=team)
    return {"campaign": campaign, "export": export, "is_current": current, "toolkit_team": team}


def _page(request: OrgRequest, campaign: Campaign, share_form: ShareForm | None = None) -> HttpResponse:
    language = report_language(org=request.org)
    team = services.toolkit_team(campaign=campaign, membership=request.membership)
    content = toolkit_content(campaign=campaign, team=team, language=language)
    phases = [
        (
            CommunicationItem.Phase(phase).label,
            phase,
            [
                (CommunicationItem.Channel(channel).label, channel, message_text(content, phase, channel))
                for channel in CHANNELS
            ],
        )
        for phase in PHASES
    ]
    can_download = has_role(request, *TOOLKIT_ROLES)
    context = {
        "campaign": campaign,
        "content": content,
        "phases": phases,
        "can_download": can_download,
        "can_share": has_role(request, *SHARE_ROLES),
        "can_edit_texts": has_role(request, *EDITOR_ROLES),
        "can_edit_branding": can_open(request, branding),
        "share_form": share_form or ShareForm(),
        "my_shares": selectors.toolkit_shares_of(campaign=campaign, membership=request.membership),
        "teams": selectors.toolkit_activity_by_team(campaign=campaign)
        if has_role(request, *OVERVIEW_ROLES)
        else None,
        "totals": selectors.toolkit_totals(campaign=campaign),
    }
    if can_download:
        context.update(_status_context(request, campaign))
    return render(request, "campaigns/toolkit/page.html", context, status=422 if share_form else 200)


@org_role_required()
def toolkit_page(request: OrgRequest, campaign_id: int) -> HttpResponse:
    return _page(request, get_campaign(request, campaign_id))


@require_POST
@org_role_required(*TOOLKIT_ROLES)
def toolkit_build(request: OrgRequest, campaign_id: int) -> HttpResponse:
    """Ask for the toolkit: the existing file when nothing changed, else a new build in the background."""
    campaign = get_campaign(request, campaign_id)
    services.toolkit_request(
        campaign=campaign,
        team=services.toolkit_team(campaign=campaign, membership=request.membership),
        by=request.user,
        role=request.membership.role,
    )
    if request.htmx:
        return render(request, "campaigns/toolkit/_status.html", _status_context(request, campaign))
    return redirect("toolkit:page", org_slug=request.org.slug, campaign_id=campaign.pk)


@org_role_required(*TOOLKIT_ROLES)
def toolkit_status(request: OrgRequest, campaign_id: int) -> HttpResponse:
    """The download box; while the toolkit is being made it asks htmx to poll again."""
    campaign = get_campaign(request, campaign_id)
    return render(request, "campaigns/toolkit/_status.html", _status_context(request, campaign))


@org_role_required(*TOOLKIT_ROLES)
def toolkit_download(request: OrgRequest, campaign_id: int) -> FileResponse:
    campaign = get_campaign(request, campaign_id)
    export = _status_context(request, campaign)["export"]
    if export is None or export.status != ExportStatus.DONE or not export.file:
        raise Http404
    services.toolkit_download_record(export=export, campaign=campaign, membership=request.membership)
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
    response["X-Content-SHA256"] = export.sha256
    return response


@require_POST
@org_role_required(*SHARE_ROLES)
def share_add(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.toolkit_share_record(
                campaign=campaign, membership=request.membership, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request, _("Thank you: your share has been added to the communication plan's reach.")
            )
            return redirect("toolkit:page", org_slug=request.org.slug, campaign_id=campaign.pk)
    return _page(request, campaign, share_form=form)


@org_role_required(*EDITOR_ROLES)
def toolkit_texts(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    language = report_language(org=request.org)
    texts = texts_for(campaign=campaign, language=language)
    rows = [(kind, kind_label(kind.key), texts[kind.key]) for kind in TEXT_KINDS]
    return render(
        request,
        "campaigns/toolkit/texts.html",
        {"campaign": campaign, "rows": rows, "language": language},
    )


@org_role_required(*EDITOR_ROLES)
def toolkit_text_edit(request: OrgRequest, campaign_id: int, text_key: str) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    if text_key not in KINDS:
        raise Http404
    language = report_language(org=request.org)
    current = texts_for(campaign=campaign, language=language)[text_key]
    form = ToolkitTextForm(request.POST or None, initial={"title": current.title, "body": current.body})
    if request.method == "POST":
        if request.POST.get("reset"):
            toolkit_text_reset(campaign=campaign, key=text_key, language=language)
            messages.success(request, _("The text is back to the default."))
            return redirect("toolkit:texts", org_slug=request.org.slug, campaign_id=campaign.pk)
        if form.is_valid():
            try:
                text_save(
                    campaign=campaign, key=text_key, language=language, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form_errors_to(form, exc)
            else:
                messages.success(request, _("Saved. The next toolkit download uses this text."))
                return redirect("toolkit:texts", org_slug=request.org.slug, campaign_id=campaign.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "label": kind_label(text_key),
        "current": current,
        "placeholders": [(name, str(label)) for name, label in PLACEHOLDERS.items()],
    }
    return render(request, "campaigns/toolkit/text_form.html", context, status=422 if form.errors else 200)


@org_role_required(Role.HR)
def branding(request: OrgRequest) -> HttpResponse:
    current = branding_for(org=request.org)
    form = BrandingForm(
        request.POST or None, request.FILES or None, initial={"primary_colour": current.primary_colour}
    )
    if request.method == "POST" and form.is_valid():
        try:
            branding_update(
                org=request.org,
                primary_colour=form.cleaned_data["primary_colour"],
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data["remove_logo"],
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The branding has been saved. Toolkits are made again with it."))
            return redirect("toolkit:branding", org_slug=request.org.slug)
    return render(
        request,
        "campaigns/toolkit/branding.html",
        {"form": form, "branding": current},
        status=422 if form.errors else 200,
    )


@org_role_required()
def branding_logo(request: OrgRequest) -> HttpResponse:
    """The logo, never as active content: a sandboxing CSP, no sniffing, and a download name."""
    current = branding_for(org=request.org)
    if not current.has_logo:
        raise Http404
    if current.logo_type not in ("image/png", "image/svg+xml"):
        raise PermissionDenied
    response = HttpResponse(bytes(current.logo), content_type=current.logo_type)
    extension = "svg" if current.logo_type == "image/svg+xml" else "png"
    response["Content-Disposition"] = f'inline; filename="logo.{extension}"'
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response
