"""Which role sees which results: the one table (DESIGN.md §5.8).

Views, exports and selectors ask this table; the per-organisation privacy page renders it. Nothing
else in the code may decide who sees results. Every figure is subject to the pulse's minimum group
size k and appears only after the pulse has closed; participation (how many answered) is the only
thing shown while a pulse is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Role


class Scope(models.TextChoices):
    ALL = "all", _("all teams")
    OWN = "own", _("own teams only")
    NONE = "none", _("no")


@dataclass(frozen=True)
class Access:
    """What one role sees of a pulse."""

    organisation: bool  # results and trend of the whole organisation
    teams: Scope  # results per team
    comments: Scope  # open comments (of the organisation when ALL, of the own teams when OWN)
    exports: bool  # CSV/Excel downloads of the results
    participation: Scope  # answers per team while open (the organisation total is shown to everyone)


# The core team mixes HR with colleagues (ambassadors, a manager): it needs the figures of every
# team to plan actions, but not the open comments, which can be recognised by their wording, nor
# files that travel outside the app.
ACCESS: dict[str, Access] = {
    Role.HR: Access(
        organisation=True, teams=Scope.ALL, comments=Scope.ALL, exports=True, participation=Scope.ALL
    ),
    Role.WORKS_COUNCIL: Access(
        organisation=True, teams=Scope.ALL, comments=Scope.ALL, exports=True, participation=Scope.ALL
    ),
    Role.CORE_TEAM: Access(
        organisation=True, teams=Scope.ALL, comments=Scope.NONE, exports=False, participation=Scope.ALL
    ),
    Role.MANAGER: Access(
        organisation=True, teams=Scope.OWN, comments=Scope.OWN, exports=False, participation=Scope.OWN
    ),
    Role.AMBASSADOR: Access(
        organisation=True, teams=Scope.NONE, comments=Scope.NONE, exports=False, participation=Scope.NONE
    ),
}

NO_ACCESS = Access(
    organisation=False, teams=Scope.NONE, comments=Scope.NONE, exports=False, participation=Scope.NONE
)


def access_for(role: str) -> Access:
    """The row of the table for a role; an unknown role sees nothing."""
    return ACCESS.get(role, NO_ACCESS)


def roles_where(predicate) -> tuple[str, ...]:
    """The roles whose row satisfies `predicate`, in the order of Role (for org_role_required)."""
    return tuple(role for role in Role.values if predicate(access_for(role)))


def sees_team(access: Access, team_id: int, own_team_ids) -> bool:
    return access.teams == Scope.ALL or (access.teams == Scope.OWN and team_id in set(own_team_ids))


RESULT_ROLES = roles_where(lambda a: a.organisation or a.teams != Scope.NONE)
TEAM_ROLES = roles_where(lambda a: a.teams != Scope.NONE)
EXPORT_ROLES = roles_where(lambda a: a.exports)


@dataclass(frozen=True)
class TableRow:
    role: str
    label: str
    access: Access


def table() -> list[TableRow]:
    """The table in display order, for the privacy page."""
    return [TableRow(role, str(Role(role).label), access_for(role)) for role in Role.values]
