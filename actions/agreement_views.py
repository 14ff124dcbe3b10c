"""Team agreements (teamafspraken): versioned, started from a template, printable."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Team
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import services
from .forms import AgreementForm
from .models import AGREEMENT_TOPICS, TeamAgreement
from .permissions import CREATE_ROLES, READ_ROLES, agreement_teams, can_edit_agreement


def get_team(request: OrgRequest, team_id: int) -> Team:
    """A team whose agreements this member may see, or 404."""
    return get_object_or_404(agreement_teams(request.membership), pk=team_id)


def get_agreement(request: OrgRequest, team_id: int, version: int) -> TeamAgreement:
    team = get_team(request, team_id)
    return get_object_or_404(
        TeamAgreement.objects.select_related("team", "created_by"), team=team, version=version
    )


@org_role_required(*READ_ROLES)
def agreements(request: OrgRequest) -> HttpResponse:
    teams = agreement_teams(request.membership).annotate(
        latest_version=Max("agreements__version"), agreed_on=Max("agreements__agreed_on")
    )
    return render(request, "actions/agreements.html", {"teams": teams.order_by("name")})


@org_role_required(*READ_ROLES)
def agreement_detail(request: OrgRequest, team_id: int) -> HttpResponse:
    team = get_team(request, team_id)
    versions = list(team.agreements.select_related("created_by").order_by("-version"))
    wanted = request.GET.get("version", "")
    current = next((v for v in versions if str(v.version) == wanted), versions[0] if versions else None)
    context = {
        "team": team,
        "versions": versions,
        "current": current,
        "can_edit": can_edit_agreement(request.membership, team),
    }
    return render(request, "actions/agreement_detail.html", context)


@org_role_required(*CREATE_ROLES)
def agreement_edit(request: OrgRequest, team_id: int) -> HttpResponse:
    team = get_team(request, team_id)
    if not can_edit_agreement(request.membership, team):
        raise Http404
    latest = team.agreements.order_by("-version").first()
    if latest is not None:
        initial = {name: getattr(latest, name) for name in AGREEMENT_TOPICS}
    else:
        initial = dict(services.AGREEMENT_TEMPLATE)
    initial["agreed_on"] = timezone.localdate()
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_save(team=team, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request, _("Version %(n)d of the team agreement is saved.") % {"n": agreement.version}
            )
            return redirect("actions:agreement_detail", org_slug=request.org.slug, team_id=team.pk)
    context = {"form": form, "team": team, "latest": latest}
    return render(request, "actions/agreement_form.html", context)


@org_role_required(*READ_ROLES)
def agreement_print(request: OrgRequest, team_id: int, version: int) -> HttpResponse:
    agreement = get_agreement(request, team_id, version)
    return render(request, "actions/agreement_print.html", {"agreement": agreement})
