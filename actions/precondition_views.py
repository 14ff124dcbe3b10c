"""Preconditions of an organisation, and the public 'where to go with signals' page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, has_role, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import PreconditionForm
from .models import PUBLIC_PRECONDITIONS, Precondition, PreconditionKind
from .permissions import READ_ROLES


def get_precondition(request: OrgRequest, kind: str) -> Precondition:
    """The organisation's precondition of this kind (unsaved when not recorded yet), or 404."""
    if kind not in PreconditionKind.values:
        raise Http404
    found = Precondition.objects.filter(organisation=request.org, kind=kind).first()
    return found or Precondition(organisation=request.org, kind=kind)


@org_role_required(*READ_ROLES)
def preconditions(request: OrgRequest) -> HttpResponse:
    context = {
        "rows": selectors.preconditions_overview(org=request.org),
        "can_edit": has_role(request, *EDITOR_ROLES),
        "today": timezone.localdate(),
        "signals_token": services.signals_token(request.org),
        "public_kinds": PUBLIC_PRECONDITIONS,
    }
    return render(request, "actions/preconditions.html", context)


@org_role_required(*EDITOR_ROLES)
def precondition_edit(request: OrgRequest, precondition_kind: str) -> HttpResponse:
    kind = precondition_kind
    precondition = get_precondition(request, kind)
    form = PreconditionForm(request.POST or None, instance=precondition)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.precondition_save(org=request.org, kind=kind, **data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("actions:preconditions", org_slug=request.org.slug)
    context = {
        "form": form,
        "precondition": precondition,
        "is_public": kind in PUBLIC_PRECONDITIONS,
    }
    return render(request, "actions/precondition_form.html", context)


def signals(request: HttpRequest, token: str) -> HttpResponse:
    """Public: where employees go with signals of work stress or undesirable behaviour."""
    org_id = services.signals_org_id(token)
    if org_id is None:
        raise Http404
    org = get_object_or_404(Organisation, pk=org_id)
    response = render(
        request, "actions/signals.html", {"organisation": org, "signposts": selectors.signposts(org=org)}
    )
    response["X-Robots-Tag"] = "noindex"
    return response
