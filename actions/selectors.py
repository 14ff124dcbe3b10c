"""Read side of the actions app: the board, due and overdue check-ins, the advice history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from werkstressweek.accounts.models import Membership

from .models import (
    ACTIVE_STATUSES,
    PUBLIC_PRECONDITIONS,
    Action,
    CheckIn,
    CouncilAdvice,
    Precondition,
    PreconditionKind,
    PreconditionStatus,
    QuarterlyEvaluation,
    RetroItem,
    RetroItemKind,
    Status,
    YearlyDiscussion,
)
from .permissions import visible_actions, visible_checkins
from .services.preconditions import REVIEW_EVERY_DAYS

DUE_WINDOW_DAYS = 14


@dataclass
class StatusGroup:
    status: str
    label: str
    actions: list[Action]


def action_queryset(*, membership: Membership, today: dt.date | None = None) -> QuerySet[Action]:
    """Visible actions with what a row shows: team, owner, next open check-in, overdue check-ins."""
    today = today or timezone.localdate()
    open_checkin = Q(checkins__recorded_at__isnull=True)
    return (
        visible_actions(membership)
        .select_related("team", "owner_membership__user", "campaign")
        .annotate(
            next_checkin_on=Min("checkins__due_on", filter=open_checkin),
            overdue_checkins=Count("checkins", filter=open_checkin & Q(checkins__due_on__lt=today)),
        )
    )


def action_board(
    *, membership: Membership, filters: dict[str, Any], today: dt.date | None = None
) -> list[StatusGroup]:
    """The board: visible actions filtered, grouped by status in a fixed order (one query)."""
    today = today or timezone.localdate()
    actions = action_queryset(membership=membership, today=today)
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("level"):
        actions = actions.filter(level=filters["level"])
    if filters.get("risk"):
        actions = actions.filter(risk=filters["risk"])
    if filters.get("team"):
        actions = actions.filter(team=filters["team"])
    if filters.get("owner"):
        actions = actions.filter(owner_membership=filters["owner"])
    if filters.get("mine"):
        actions = actions.filter(owner_membership=membership)
    if filters.get("overdue"):
        actions = actions.filter(status__in=ACTIVE_STATUSES).filter(
            Q(deadline__lt=today) | Q(overdue_checkins__gt=0)
        )
    by_status: dict[str, list[Action]] = {status: [] for status in Status.values}
    for action in actions.order_by("deadline", "pk"):
        by_status[action.status].append(action)
    return [StatusGroup(status, label, by_status[status]) for status, label in Status.choices]


def checkins_due(
    *, membership: Membership, today: dt.date | None = None
) -> tuple[list[CheckIn], list[CheckIn]]:
    """Open check-ins of active actions: (overdue, due within two weeks)."""
    today = today or timezone.localdate()
    rows = list(
        visible_checkins(membership)
        .filter(
            recorded_at__isnull=True,
            action__status__in=ACTIVE_STATUSES,
            due_on__lte=today + dt.timedelta(days=DUE_WINDOW_DAYS),
        )
        .select_related("action__team", "action__owner_membership__user")
        .order_by("due_on", "pk")
    )
    return [c for c in rows if c.due_on < today], [c for c in rows if c.due_on >= today]


def action_checkins(*, action: Action) -> list[CheckIn]:
    return list(action.checkins.select_related("recorded_by").order_by("day"))


def advice_history(*, org) -> QuerySet[CouncilAdvice]:
    return CouncilAdvice.objects.filter(organisation=org).select_related("recorded_by")


@dataclass
class PreconditionRow:
    kind: str
    label: str
    precondition: Precondition | None

    @property
    def status(self) -> str:
        return self.precondition.status if self.precondition else PreconditionStatus.MISSING

    def needs_review(self, today: dt.date) -> bool:
        reviewed = self.precondition.last_reviewed_on if self.precondition else None
        return reviewed is None or (today - reviewed).days > REVIEW_EVERY_DAYS


def preconditions_overview(*, org) -> list[PreconditionRow]:
    """Every precondition kind in a fixed order, with what the organisation recorded (one query)."""
    recorded = {p.kind: p for p in Precondition.objects.filter(organisation=org)}
    return [PreconditionRow(kind, label, recorded.get(kind)) for kind, label in PreconditionKind.choices]


def signposts(*, org) -> list[Precondition]:
    """What the public signals page shows: the published information of the public kinds."""
    rows = Precondition.objects.filter(organisation=org, kind__in=PUBLIC_PRECONDITIONS).exclude(
        public_info=""
    )
    order = {kind: n for n, kind in enumerate(PUBLIC_PRECONDITIONS)}
    return sorted(rows, key=lambda p: order[p.kind])


def retro_columns(*, campaign) -> list[tuple[str, str, list[RetroItem]]]:
    """Successes, bottlenecks and learnings, each with its items (one query)."""
    items = list(campaign.retro_items.select_related("action"))
    return [(kind, label, [i for i in items if i.kind == kind]) for kind, label in RetroItemKind.choices]


def campaigns_with_retro_counts(*, org):
    from campaigns.models import Campaign

    return Campaign.objects.filter(organisation=org).annotate(
        retro_count=Count("retro_items", distinct=True), action_count=Count("actions", distinct=True)
    )


def evaluations(*, org):
    return QuarterlyEvaluation.objects.filter(organisation=org).prefetch_related("actions_reviewed")


def yearly_discussions(*, org):
    return YearlyDiscussion.objects.filter(organisation=org)
