"""Campaigns: the plan of one organisation's Week van de Werkstress, from preparation to follow-up."""

from .campaign import (
    MAX_PREP_WEEKS,
    MAX_THEMES,
    MIN_PREP_WEEKS,
    Campaign,
    CampaignStatus,
    PulseCadence,
)
from .catalogue import ActivityKind, BilingualMixin, PlanStepTemplate, Theme
from .interventions import HelpfulCount, Intervention, InterventionKind
from .parts import (
    Activity,
    ActivityFormat,
    Ambassador,
    Audience,
    CommunicationItem,
    CoreTeamMember,
    CoreTeamRole,
    Goal,
    PlanStep,
    Resource,
)
from .programmes import MessageApproval, Programme, ProgrammeAssignment, ProgrammeMoment
from .signups import ActivityAttendance, ActivitySignup, SignupMode, SignupStatus

__all__ = [
    "MAX_PREP_WEEKS",
    "MAX_THEMES",
    "MIN_PREP_WEEKS",
    "Activity",
    "ActivityAttendance",
    "ActivityFormat",
    "ActivityKind",
    "ActivitySignup",
    "Ambassador",
    "Audience",
    "BilingualMixin",
    "Campaign",
    "CampaignStatus",
    "CommunicationItem",
    "CoreTeamMember",
    "CoreTeamRole",
    "Goal",
    "HelpfulCount",
    "Intervention",
    "InterventionKind",
    "PlanStep",
    "MessageApproval",
    "PlanStepTemplate",
    "Programme",
    "ProgrammeAssignment",
    "ProgrammeMoment",
    "PulseCadence",
    "Resource",
    "SignupMode",
    "SignupStatus",
    "Theme",
]
