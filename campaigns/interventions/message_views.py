"""HR approves planned campaign messages for delivery through the teams' channels."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required

from ..models import CommunicationItem
from . import messages
from .forms import PulseMessageForm


@org_role_required(*EDITOR_ROLES)
def message_list(request: OrgRequest, form: PulseMessageForm | None = None) -> HttpResponse:
    items = list(
        CommunicationItem.objects.filter(campaign__organisation=request.org, channel__in=messages.DELIVERABLE)
        .select_related("campaign", "approval__approved_by")
        .order_by("planned_on", "pk")
    )
    rows = [{"item": item, "approved": messages.is_approved(item), "approval": getattr(item, "approval", None)}
            for item in items]  # fmt: skip
    return render(
        request,
        "campaigns/interventions/messages.html",
        {
            "rows": rows,
            "can_approve": request.membership.role == Role.HR,
            "pulse_form": form or PulseMessageForm(org=request.org),
        },
        status=422 if form is not None else 200,
    )


@require_POST
@org_role_required(Role.HR)
def message_pulse(request: OrgRequest) -> HttpResponse:
    """Plan a message with the team links of a pulse; it is sent once HR approves it."""
    form = PulseMessageForm(request.POST, org=request.org)
    if form.is_valid():
        try:
            item = messages.pulse_message_create(
                pulse=form.cleaned_data["pulse"],
                channel=form.cleaned_data["channel"],
                planned_on=form.cleaned_data["planned_on"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            flash.success(
                request,
                _("Planned: “%(subject)s”. Check the text and approve it to send it.")
                % {"subject": item.subject},
            )
            return redirect("interventions:messages", org_slug=request.org.slug)
    return message_list(request, form=form)


@require_POST
@org_role_required(Role.HR)
def message_approve(request: OrgRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(
        CommunicationItem.objects.select_related("campaign"), pk=item_id, campaign__organisation=request.org
    )
    try:
        messages.message_approve(item=item, by=request.user)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(
            request, _("Approved: “%(subject)s” goes out on its planned date.") % {"subject": item.subject}
        )
    return redirect("interventions:messages", org_slug=request.org.slug)
