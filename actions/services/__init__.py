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
from .reminders import checkin_reminders_plan

__all__ = [
    "action_create",
    "action_set_status",
    "action_update",
    "advice_record",
    "checkin_base",
    "checkin_dates",
    "checkin_record",
    "checkin_reminders_plan",
    "working_day",
]
