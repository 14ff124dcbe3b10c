"""The plan of action and its follow-up: actions, check-ins, advice, preconditions, retro, agreements."""

from .follow_up import (
    AGREEMENT_TOPICS,
    QuarterlyEvaluation,
    RetroItem,
    RetroItemKind,
    TeamAgreement,
    YearlyDiscussion,
)
from .plan import (
    ACTIVE_STATUSES,
    CHECKIN_DAYS,
    Action,
    AdviceKind,
    AdvicePosition,
    CheckIn,
    CouncilAdvice,
    Level,
    Priority,
    Progress,
    Risk,
    Source,
    Status,
)
from .preconditions import PUBLIC_PRECONDITIONS, Precondition, PreconditionKind, PreconditionStatus

__all__ = [
    "ACTIVE_STATUSES",
    "AGREEMENT_TOPICS",
    "CHECKIN_DAYS",
    "PUBLIC_PRECONDITIONS",
    "Action",
    "AdviceKind",
    "AdvicePosition",
    "CheckIn",
    "CouncilAdvice",
    "Level",
    "Precondition",
    "PreconditionKind",
    "PreconditionStatus",
    "Priority",
    "Progress",
    "QuarterlyEvaluation",
    "RetroItem",
    "RetroItemKind",
    "Risk",
    "Source",
    "Status",
    "TeamAgreement",
    "YearlyDiscussion",
]
