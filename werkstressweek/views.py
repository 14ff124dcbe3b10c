from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from .accounts.models import Membership, Organisation, Role
from .accounts.tenancy import EDITOR_ROLES, OrgRequest, has_role, org_role_required
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


HOME_TEAMS = 8


@org_role_required()
def org_home(request: OrgRequest) -> HttpResponse:
    """Where the organisation stands, in the shape that fits the role: the cockpit for HR and the
    core team, own teams for a manager, the campaign for an ambassador, the reading room for the
    works council."""
    from campaigns.cockpit import campaign_cards, team_pulses

    role = request.membership.role
    if role == Role.WORKS_COUNCIL:
        from .documents.portal import works_council_home

        return works_council_home(request)
    runs_campaigns = has_role(request, *EDITOR_ROLES)
    my_teams = list(request.membership.teams.order_by("name"))
    context = {
        "cards": campaign_cards(org=request.org, role=role, with_findings=runs_campaigns),
        "can_plan": runs_campaigns,
        "can_manage_teams": role == Role.HR,
        "is_manager": role == Role.MANAGER,
        "is_ambassador": role == Role.AMBASSADOR,
        "has_campaign": request.org.campaigns.exists(),
        "my_teams": my_teams,
    }
    if role == Role.HR:
        context["teams"] = list(request.org.teams.order_by("name")[:HOME_TEAMS])
        context["team_count"] = request.org.teams.count()
    if role == Role.MANAGER:
        context["team_pulses"] = team_pulses(org=request.org, team_ids=[t.pk for t in my_teams])
    return render(request, "org_home.html", context)


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
