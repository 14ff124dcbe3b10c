"""Who may see and change which actions: defined once, used by views, templates and tests.

HR and the core team edit every action of their organisation; a manager sees and edits the actions
they own and those of the teams they lead; the works council reads everything and records its
advice; ambassadors and employees have no access to the plan of action.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from werkstressweek.accounts.models import Membership, Role, Team

from .models import Action, CheckIn

EDIT_ALL_ROLES = (Role.HR, Role.CORE_TEAM)
CREATE_ROLES = (Role.HR, Role.CORE_TEAM, Role.MANAGER)
READ_ROLES = (Role.HR, Role.CORE_TEAM, Role.MANAGER, Role.WORKS_COUNCIL)
ADVICE_ROLES = (Role.WORKS_COUNCIL,)


def team_ids(membership: Membership) -> list[int]:
    """The teams a member leads (prefetched by the organisation middleware)."""
    return [team.pk for team in membership.teams.all()]


def visible_actions(membership: Membership) -> QuerySet[Action]:
    """The actions of the member's organisation that this member may see."""
    actions = Action.objects.filter(organisation_id=membership.organisation_id)
    if membership.role in (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL):
        return actions
    if membership.role == Role.MANAGER:
        return actions.filter(Q(owner_membership=membership) | Q(team_id__in=team_ids(membership)))
    return actions.none()


def can_edit(membership: Membership, action: Action) -> bool:
    if action.organisation_id != membership.organisation_id:
        return False
    if membership.role in EDIT_ALL_ROLES:
        return True
    if membership.role == Role.MANAGER:
        return action.owner_membership_id == membership.pk or action.team_id in team_ids(membership)
    return False


def can_create(membership: Membership) -> bool:
    return membership.role in CREATE_ROLES


def can_record_advice(membership: Membership) -> bool:
    return membership.role in ADVICE_ROLES


def visible_checkins(membership: Membership) -> QuerySet[CheckIn]:
    """Check-ins of the actions this member may see."""
    return CheckIn.objects.filter(action__in=visible_actions(membership))


def agreement_teams(membership: Membership) -> QuerySet[Team]:
    """Teams whose agreements this member may see: all for HR, core team and works council."""
    teams = Team.objects.filter(organisation_id=membership.organisation_id)
    if membership.role in (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL):
        return teams
    if membership.role == Role.MANAGER:
        return teams.filter(pk__in=team_ids(membership))
    return teams.none()


def can_edit_agreement(membership: Membership, team: Team) -> bool:
    if team.organisation_id != membership.organisation_id:
        return False
    return membership.role in EDIT_ALL_ROLES or (
        membership.role == Role.MANAGER and team.pk in team_ids(membership)
    )
