from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from .accounts.models import Membership, Organisation, Role
from .accounts.tenancy import OrgRequest, org_role_required
from .health import health_status
from .privacy import privacy_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a member straight to their organisation, or let them choose when they have several."""
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if len(memberships) == 1:
        return redirect("org_home", org_slug=memberships[0].organisation.slug)
    return render(request, "home.html", {"memberships": memberships})


@org_role_required()
def org_home(request: OrgRequest) -> HttpResponse:
    if request.membership.role == Role.WORKS_COUNCIL:
        from .documents.portal import works_council_home

        return works_council_home(request)
    teams = request.org.teams.order_by("name")
    return render(request, "org_home.html", {"teams": teams, "my_teams": request.membership.teams.all()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html", privacy_context(None))


def org_privacy(request: HttpRequest, slug: str) -> HttpResponse:
    """The privacy page of one organisation, public: answer pages link here before anyone logs in."""
    org = get_object_or_404(Organisation, slug=slug)
    return render(request, "privacy.html", privacy_context(org))


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    status = health_status()
    return JsonResponse(status, status=200 if status["ok"] else 503)
