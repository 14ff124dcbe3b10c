"""Services of the actions app: plain functions that change state (views, tasks, demo call these)."""

from .actions import (
    action_create,
    action_set_status,
    action_update,
    checkin_base,
    checkin_dates,
    working_day,
)
from .advice import advice_record
from .checkins import checkin_record
from .follow_up import (
    AGREEMENT_TEMPLATE,
    agreement_save,
    evaluation_record,
    evaluation_reminders_plan,
    yearly_discussion_record,
)
from .preconditions import precondition_save, preconditions_review_plan, signals_org_id, signals_token
from .reminders import checkin_reminders_plan
from .retro import retro_item_add, retro_item_to_action

__all__ = [
    "AGREEMENT_TEMPLATE",
    "agreement_save",
    "evaluation_record",
    "evaluation_reminders_plan",
    "yearly_discussion_record",
    "action_create",
    "action_set_status",
    "action_update",
    "advice_record",
    "checkin_base",
    "checkin_dates",
    "checkin_record",
    "checkin_reminders_plan",
    "precondition_save",
    "retro_item_add",
    "retro_item_to_action",
    "preconditions_review_plan",
    "signals_org_id",
    "signals_token",
    "working_day",
]
