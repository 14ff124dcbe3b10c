"""Activity sign-up: the public side (sign up, see and cancel through one's own link) and the side of
HR and the core team (counts, names given, attendance afterwards, participation per team)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from measurements.services import client_address, client_key
from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import signups
from .calendar import agenda_ics
from .models import Activity, Campaign, SignupStatus
from .signup_forms import AttendanceForm, SignupForm, SignupModeForm

# --- Public ---------------------------------------------------------------------------------------


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def signup_create(request: HttpRequest, token: str, activity_id: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("organisation"), public_token=token)
    activity = get_object_or_404(campaign.activities.all(), pk=activity_id)
    data = request.POST if request.method == "POST" else None
    form = SignupForm(data, org=campaign.organisation, mode=campaign.signup_mode)
    context = {"campaign": campaign, "activity": activity, "form": form, "token": token, "org": None}
    status = 200
    if request.method == "GET" and activity.starts_at <= timezone.now():
        context["error"] = _("This activity has started: signing up is no longer possible.")
    if request.method == "POST":
        client = client_key(client_address(request))
        if signups.signup_throttled(client=client):
            context["error"] = _("Too many sign-ups from your connection. Try again in a quarter of an hour.")
            return _noindex(render(request, "campaigns/signup/form.html", context, status=429))
        signups.signup_attempt_count(client=client)
        if form.is_valid() and not form.cleaned_data.get("website"):
            try:
                _signup, cancel_token = signups.signup_create(
                    activity=activity,
                    name=form.cleaned_data.get("name", ""),
                    team=form.cleaned_data.get("team"),
                )
            except signups.SignupClosed:
                context["error"] = _("This activity has started: signing up is no longer possible.")
                status = 409
            except ValidationError as exc:
                form_errors_to(form, exc)
                status = 422
            else:
                messages.success(request, _("Thank you! Keep this page's link: with it you can cancel."))
                return redirect("public_signup", token=cancel_token)
        else:
            if form.is_valid():
                form.add_error("website", _("Leave this field empty."))
            status = 422
    return _noindex(render(request, "campaigns/signup/form.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def signup_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own page (the cancel link): status, place on the waiting list, calendar, cancel."""
    signup = signups.signup_get(token=token)
    if signup is None:
        return _noindex(render(request, "campaigns/signup/cancelled.html", {"org": None}, status=404))
    if request.method == "POST":
        signups.signup_cancel(token=token)
        return _noindex(
            render(request, "campaigns/signup/cancelled.html", {"org": None, "activity": signup.activity})
        )
    campaign = signup.activity.campaign
    context = {
        "org": None,
        "signup": signup,
        "activity": signup.activity,
        "campaign": campaign,
        "position": signups.waiting_position(signup=signup),
        "agenda_token": campaign.public_token,
        "cancel_url": request.build_absolute_uri(reverse("public_signup", kwargs={"token": token})),
        "token": token,
    }
    return _noindex(render(request, "campaigns/signup/detail.html", context))


# --- Inside the organisation ----------------------------------------------------------------------


def _campaign(request: OrgRequest, campaign_id: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("organisation"), pk=campaign_id, organisation=request.org
    )


@org_role_required(*EDITOR_ROLES)
def signup_overview(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    context = {
        "campaign": campaign,
        "rows": signups.signup_overview(campaign=campaign),
        "teams": signups.participation_per_team(campaign=campaign),
        "k": request.org.min_group_size,
        "participation": signups.activity_participation(campaign=campaign),
        "mode_form": SignupModeForm(initial={"signup_mode": campaign.signup_mode}),
        "can_set_mode": request.membership.role == Role.HR,
    }
    return render(request, "campaigns/signup/overview.html", context)


@require_POST
@org_role_required(Role.HR)
def signup_mode(request: OrgRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    form = SignupModeForm(request.POST)
    if form.is_valid():
        signups.signup_mode_set(campaign=campaign, mode=form.cleaned_data["signup_mode"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose how people sign up."))
    return redirect("campaigns:signups", org_slug=request.org.slug, campaign_id=campaign.pk)


@require_POST
@org_role_required(*EDITOR_ROLES)
def attendance(request: OrgRequest, campaign_id: int, activity_id: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity, pk=activity_id, campaign_id=campaign_id, campaign__organisation=request.org
    )
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            signups.attendance_record(activity=activity, count=form.cleaned_data["count"], by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{activity.title}: {message}")
        else:
            messages.success(request, _("Attendance saved for %(title)s.") % {"title": activity.title})
    else:
        messages.error(
            request,
            _("%(title)s: enter the number of people who came (0 or more).") % {"title": activity.title},
        )
    return redirect("campaigns:signups", org_slug=request.org.slug, campaign_id=campaign_id)


@require_http_methods(["GET"])
def signup_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The activity in the person's calendar, with their own cancel link in the description."""
    signup = signups.signup_get(token=token)
    if signup is None:
        raise Http404
    cancel_url = request.build_absolute_uri(reverse("public_signup", kwargs={"token": token}))
    note = _("Can't make it? Cancel here, so someone else gets your place: %(url)s") % {"url": cancel_url}
    if signup.status == SignupStatus.WAITING:
        note = _("You are on the waiting list.") + " " + note
    data = agenda_ics(
        campaign=signup.activity.campaign, activities=[signup.activity], domain=request.get_host(), note=note
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="activiteit-{signup.activity_id}.ics"'
    return _noindex(response)
