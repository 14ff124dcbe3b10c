from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from werkstressweek.forms import form_errors_to
from werkstressweek.throttle import client_address

from . import services
from .auth import pause_text
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    LoginForm,
    MembershipForm,
    OrganisationSettingsForm,
    ProfileForm,
    TeamForm,
)
from .models import MIN_GROUP_SIZE_DEFAULT, MIN_GROUP_SIZE_FLOOR, Invitation, Membership, Role, Team
from .tenancy import OrgRequest, org_role_required


class Login(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def lockout(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    """Axes calls this when an account and IP address are locked after too many failures."""
    form = LoginForm(request, data=request.POST or None)
    form.errors.clear()
    form.add_error(
        None,
        _(
            "Too many failed attempts to log in with this e-mail address. For your safety, "
            "logging in is paused for %(pause)s. You can reset your password in the meantime."
        )
        % {"pause": pause_text()},
    )
    return render(request, "accounts/login.html", {"form": form, "locked_out": True}, status=429)


@sensitive_post_parameters()
@csrf_protect
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not the address has an account; the
    e-mail goes through the outbox."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(email=form.cleaned_data["email"], client=client_address(request))
        except services.TooManyResetRequests:
            form.add_error(
                None,
                _(
                    "Too many requests for a new password from here or for this address. "
                    "Try again in an hour, or ask your HR contact."
                ),
            )
            return render(request, "accounts/password_reset.html", {"form": form}, status=429)
        return redirect("password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language; a logged-in user keeps the choice in the profile."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(ProfileForm.base_fields["language"].choices):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user, name=form.cleaned_data["name"], language=form.cleaned_data["language"]
        )
        response = redirect("profile")
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        messages.success(request, _("Your profile has been saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_get(token=token)
    except services.InvitationInvalid:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = services.User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # The person already has an account (for another organisation): log in, then accept.
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                try:
                    services.invitation_accept(token=token, user=request.user)
                except services.InvitationUsed:
                    # A double click or a second tab: the first one joined already.
                    if not Membership.objects.filter(
                        user=request.user, organisation=invitation.organisation
                    ).exists():
                        return _invitation_used(request)
                messages.success(request, _("You have joined %(org)s.") % {"org": invitation.organisation})
                return redirect("org_home", org_slug=invitation.organisation.slug)
            return render(request, "accounts/invitation_join.html", {"invitation": invitation})
        return render(request, "accounts/invitation_login.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationUsed:
            return _invitation_used(request)
        except services.AccountExists:
            form.add_error(
                None,
                _(
                    "An account for %(email)s was created a moment ago, perhaps through another "
                    "invitation. Log in with it, then open this link again to join."
                )
                % {"email": invitation.email},
            )
            return render(
                request,
                "accounts/invitation_accept.html",
                {"form": form, "invitation": invitation},
                status=409,
            )
        except services.InvitationInvalid:
            return render(request, "accounts/invitation_invalid.html", status=404)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("org_home", org_slug=invitation.organisation.slug)
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


def _invitation_used(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_invalid.html",
        {
            "reason": _(
                "This invitation was used a moment ago, perhaps in another window. If that was you, "
                "log in with the e-mail address and password you chose."
            )
        },
        status=409,
    )


# --- Organisation-scoped pages (HR) ---------------------------------------------------------------


@org_role_required(Role.HR)
def org_settings(request: OrgRequest) -> HttpResponse:
    """Name and minimum group size, and (a form of its own) the traffic-light thresholds."""
    from measurements.forms import ThresholdsForm  # accounts sits below measurements
    from measurements.services.thresholds import result_settings_get, result_thresholds_update

    which = request.POST.get("form", "organisation") if request.method == "POST" else None
    form = OrganisationSettingsForm(request.POST if which == "organisation" else None, instance=request.org)
    lights = ThresholdsForm(
        request.POST if which == "thresholds" else None,
        instance=result_settings_get(org=request.org),
        prefix="lights",
    )
    if which == "organisation" and form.is_valid():
        try:
            services.organisation_update(
                org=request.org,
                name=form.cleaned_data["name"],
                min_group_size=form.cleaned_data["min_group_size"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("accounts:org_settings", org_slug=request.org.slug)
    if which == "thresholds" and lights.is_valid():
        try:
            result_thresholds_update(org=request.org, by=request.user, **lights.cleaned_data)
        except ValidationError as exc:
            form_errors_to(lights, exc)
        else:
            messages.success(request, _("The traffic-light thresholds have been saved."))
            return redirect("accounts:org_settings", org_slug=request.org.slug)
    return render(
        request,
        "accounts/org_settings.html",
        {
            "form": form,
            "lights": lights,
            "k_default": MIN_GROUP_SIZE_DEFAULT,
            "k_floor": MIN_GROUP_SIZE_FLOOR,
        },
    )


@org_role_required(Role.HR)
def teams(request: OrgRequest) -> HttpResponse:
    team_list = (
        request.org.teams.select_related("parent")
        .annotate(manager_count=Count("managers", distinct=True))
        .order_by("name")
    )
    return render(request, "accounts/teams.html", {"teams": team_list})


@org_role_required(Role.HR)
def team_edit(request: OrgRequest, team_id: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_id, organisation=request.org) if team_id else None
    form = TeamForm(request.POST or None, instance=team, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_save(
                org=request.org,
                team=team,
                name=form.cleaned_data["name"],
                headcount=form.cleaned_data["headcount"],
                work_pattern=form.cleaned_data["work_pattern"],
                parent=form.cleaned_data["parent"],
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request, _("Team “%(name)s” has been saved.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("accounts:teams", org_slug=request.org.slug)
    return render(request, "accounts/team_form.html", {"form": form, "team": team})


@require_POST
@org_role_required(Role.HR)
def team_delete(request: OrgRequest, team_id: int) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_id, organisation=request.org)
    try:
        services.team_delete(team=team)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Team “%(name)s” has been removed.") % {"name": team.name})
    return redirect("accounts:teams", org_slug=request.org.slug)


@org_role_required(Role.HR)
def members(request: OrgRequest) -> HttpResponse:
    member_list = (
        Membership.objects.filter(organisation=request.org)
        .select_related("user")
        .prefetch_related("teams")
        .order_by("role", "user__name", "user__email")
    )
    invitations = (
        Invitation.objects.filter(
            organisation=request.org, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .prefetch_related("teams")
    )
    form = InvitationForm(request.POST or None, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                org=request.org,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                teams=form.cleaned_data["teams"],
                invited_by=request.user,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:members", org_slug=request.org.slug)
    return render(
        request,
        "accounts/members.html",
        {"members": member_list, "invitations": invitations, "form": form},
    )


@org_role_required(Role.HR)
def member_edit(request: OrgRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organisation=request.org
    )
    initial = {"role": membership.role, "teams": list(membership.teams.all())}
    form = MembershipForm(request.POST or None, initial=initial, org=request.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set(
                user=membership.user,
                org=request.org,
                role=form.cleaned_data["role"],
                teams=form.cleaned_data["teams"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The role of %(user)s has been saved.") % {"user": membership.user})
            return redirect("accounts:members", org_slug=request.org.slug)
    return render(request, "accounts/member_form.html", {"form": form, "member": membership})


@require_POST
@org_role_required(Role.HR)
def member_remove(request: OrgRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_id, organisation=request.org)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(user)s no longer has access.") % {"user": membership.user})
    return redirect("accounts:members", org_slug=request.org.slug)


@require_POST
@org_role_required(Role.HR)
def invitation_revoke(request: OrgRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=request.org)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation for %(email)s has been withdrawn.") % {"email": invitation.email}
    )
    return redirect("accounts:members", org_slug=request.org.slug)
