"""Organisations, teams, members and invitations: everything that changes them."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record, changes
from werkstressweek.notify.services import notification_enqueue
from werkstressweek.notify.tasks import send_one
from werkstressweek.throttle import throttle_hit

from .auth import normalise_email
from .models import Invitation, Membership, Organisation, Role, Team, User


class InvitationInvalid(Exception):
    """The invitation link is unknown, used or expired."""


class InvitationUsed(InvitationInvalid):
    """The invitation was accepted a moment ago (another tab, a double click, another device)."""


class AccountExists(InvitationInvalid):
    """An account with the invited address exists (perhaps created a moment ago through another
    invitation): its owner logs in first and then accepts."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def organisation_create(*, name: str, slug: str, min_group_size: int | None = None) -> Organisation:
    org = Organisation(name=name, slug=slug)
    if min_group_size is not None:
        org.min_group_size = min_group_size
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def organisation_update(
    *, org: Organisation, name: str, min_group_size: int, by: User | None = None
) -> Organisation:
    """Change the name and k; a change of k is written to the audit log (the works council reads it)."""
    old_k = Organisation.objects.filter(pk=org.pk).values_list("min_group_size", flat=True).first()
    org.name = name
    org.min_group_size = min_group_size
    org.full_clean()
    org.save(update_fields=["name", "min_group_size"])
    # Pulses that have not opened follow the new k; opened pulses keep the k they recorded.
    from measurements.services import pulses_planned_follow_k  # accounts sits below measurements

    pulses_planned_follow_k(org=org)
    if old_k != org.min_group_size:
        audit_record(
            org=org,
            by=by,
            action=AuditAction.SETTINGS_K,
            subject=str(_("Minimum group size")),
            details=changes(k=(old_k, org.min_group_size)),
        )
    return org


def team_parent_error(*, team: Team | None, parent: Team | None) -> str | None:
    """Why `parent` cannot be the parent of `team` (another organisation, itself, or one of the
    teams under it, which would make a cycle), or None when it can."""
    if parent is None:
        return None
    if team is not None and team.organisation_id and parent.organisation_id != team.organisation_id:
        return _("Choose another team of this organisation.")
    if team is None or team.pk is None:
        return None
    if parent.pk == team.pk:
        return _("A team cannot be its own parent.")
    parents = dict(Team.objects.filter(organisation_id=parent.organisation_id).values_list("pk", "parent_id"))
    seen: set[int] = set()
    current: int | None = parent.pk
    while current is not None and current not in seen:
        if current == team.pk:
            return _("“%(parent)s” is part of “%(team)s”, so it cannot also be above it.") % {
                "parent": parent.name,
                "team": team.name,
            }
        seen.add(current)
        current = parents.get(current)
    return None


@transaction.atomic
def team_save(
    *,
    org: Organisation,
    name: str,
    headcount: int,
    work_pattern: str,
    parent: Team | None = None,
    team: Team | None = None,
) -> Team:
    """Create a team, or update `team` when given. The teams form a tree: never a cycle."""
    team = team or Team(organisation=org)
    if parent is not None:
        # One change of the tree at a time per organisation, so two edits cannot close a cycle.
        Organisation.objects.select_for_update().filter(pk=org.pk).first()
        if parent.organisation_id != org.id:
            raise ValidationError({"parent": _("Choose another team of this organisation.")})
        error = team_parent_error(team=team, parent=parent)
        if error:
            raise ValidationError({"parent": error})
    team.name = name
    team.headcount = headcount
    team.work_pattern = work_pattern
    team.parent = parent
    team.full_clean()
    team.save()
    # Pulses that have not opened count with the new headcount; opened pulses keep theirs.
    from measurements.services import pulses_planned_follow_headcount  # accounts sits below measurements

    pulses_planned_follow_headcount(org=org, team=team)
    return team


def team_delete(*, team: Team) -> None:
    """Remove a team, unless pulse answers belong to it: those are never deleted as a side effect."""
    try:
        with transaction.atomic():
            team.delete()
    except RestrictedError:
        raise ValidationError(
            _(
                "Team “%(name)s” has answers in pulses, so it cannot be removed: that would delete "
                "those answers. Rename the team or change its headcount instead."
            )
            % {"name": team.name}
        ) from None


@transaction.atomic
def membership_set(
    *, user: User, org: Organisation, role: str, teams: Iterable[Team] = (), by: User | None = None
) -> Membership:
    """Give `user` the role in `org` (creating or changing the membership); audited."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    teams = list(teams)
    if any(team.organisation_id != org.id for team in teams):
        raise ValidationError({"teams": _("Choose teams of this organisation.")})
    current = Membership.objects.filter(user=user, organisation=org).first()
    if current is not None and current.role == Role.HR and role != Role.HR:
        _ensure_other_hr(current)
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=org, defaults={"role": role}
    )
    new_teams = teams if role == Role.MANAGER else []
    old_team_names = sorted(t.name for t in current.teams.all()) if current is not None else []
    membership.teams.set(new_teams)
    new_team_names = sorted(t.name for t in new_teams)
    details = changes(
        role=(current.role if current else None, role),
        teams=(", ".join(old_team_names), ", ".join(new_team_names)),
    )
    if details:
        audit_record(org=org, by=by, action=AuditAction.ROLE_CHANGED, subject=str(user), details=details)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove someone from an organisation; HR cannot remove the last HR member. Audited."""
    if membership.role == Role.HR:
        _ensure_other_hr(membership)
    audit_record(
        org=membership.organisation,
        by=by,
        action=AuditAction.ROLE_REMOVED,
        subject=str(membership.user),
        details={"role": membership.role},
    )
    membership.delete()


def _ensure_other_hr(membership: Membership) -> None:
    others = Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.HR).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError({"role": _("An organisation needs at least one HR member.")})


class TooManyResetRequests(Exception):
    """Password-reset requests for this address or from this client passed the hourly limit."""


RESET_WINDOW = timedelta(hours=1)


def password_reset_request(*, email: str, client: str) -> None:
    """Queue a password-reset e-mail in the outbox when `email` belongs to an active account.

    Throttled per address and per client (hashed; counted whether or not the address has an
    account, so neither the limit nor the answer tells whether it does). Sending happens in the
    background: the request only writes the outbox row.
    """
    email = normalise_email(email)
    within_client = throttle_hit(
        scope="password_reset_client",
        value=client,
        limit=settings.PASSWORD_RESET_PER_CLIENT,
        window=RESET_WINDOW,
    )
    within_address = throttle_hit(
        scope="password_reset_address",
        value=email,
        limit=settings.PASSWORD_RESET_PER_ADDRESS,
        window=RESET_WINDOW,
    )
    if not (within_client and within_address):
        raise TooManyResetRequests
    for user in PasswordResetForm().get_users(email):
        _password_reset_enqueue(user=user)


def _password_reset_enqueue(*, user: User) -> None:
    token = default_token_generator.make_token(user)
    site = urlsplit(settings.SITE_URL)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "email": user.email,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": token,
            "protocol": site.scheme,
            "domain": site.netloc,
            "user": user,
        }
        subject = "".join(render_to_string("accounts/email/password_reset_subject.txt", context).splitlines())
        body = render_to_string("accounts/email/password_reset.txt", context)
    # The same token (same second, same password) is one message; the key never holds the token.
    notification, _new = notification_enqueue(
        key=f"password-reset:{user.pk}:{hashlib.sha256(token.encode()).hexdigest()[:32]}",
        recipient=user.email,
        kind="password_reset",
        subject=subject,
        body=body,
    )
    send_one.delay_on_commit(notification.pk)


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


@transaction.atomic
def invitation_create(
    *,
    org: Organisation,
    email: str,
    role: str,
    teams: Iterable[Team] = (),
    invited_by: User | None,
    language: str | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and queue its e-mail; return it with the one-time token.

    The token has 256 bits of randomness; only its hash is stored.
    """
    email = email.strip().lower()
    if Membership.objects.filter(organisation=org, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of %(org)s.") % {"org": org}})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=org,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.teams.set([t for t in teams if t.organisation_id == org.id] if role == Role.MANAGER else [])
    audit_record(
        org=org, by=invited_by, action=AuditAction.ROLE_INVITED, subject=email, details={"role": role}
    )
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "url": invitation_url(token),
            "inviter": invited_by,
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = _("Invitation to Werkstressweek for %(org)s") % {"org": org.name}
        body = render_to_string("accounts/email/invitation.txt", context)
    notification, _new = notification_enqueue(
        key=f"invitation:{invitation.pk}",
        organisation=org,
        recipient=email,
        kind="invitation",
        subject=subject,
        body=body,
    )
    send_one.delay_on_commit(notification.pk)
    return invitation, token


def invitation_get(*, token: str) -> Invitation:
    """The pending invitation for a token, or InvitationInvalid."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None or not invitation.is_pending:
        raise InvitationInvalid
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, user: User | None = None, name: str = "", password: str | None = None
) -> User:
    """Use an invitation once: create the account (or use `user`) and add the membership.

    Two joins at once are serialised on the invitation row: the second raises InvitationUsed. Two
    invitations of one address accepted at once (two organisations) meet at the unique e-mail of
    the account: the second raises AccountExists instead of an IntegrityError.
    """
    invitation = invitation_get(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationUsed
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            # The account exists: its owner has to log in first, not set a new password here.
            raise AccountExists
        try:
            with transaction.atomic():
                user = User.objects.create_user(email=invitation.email, password=password, name=name)
        except IntegrityError as exc:
            raise AccountExists from exc
    membership_set(
        user=user,
        org=invitation.organisation,
        role=invitation.role,
        teams=invitation.teams.all(),
        by=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.delete()


def user_update_profile(*, user: User, name: str, language: str) -> User:
    user.name = name
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "language"])
    return user
