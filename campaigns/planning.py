"""Pure date arithmetic for the campaign plan: no database access, easy to test."""

from __future__ import annotations

import datetime as dt

from .models import MAX_PREP_WEEKS


def week_of_work_stress(year: int) -> dt.date:
    """The Monday of the Week van de Werkstress: the week of the third Monday of November."""
    first = dt.date(year, 11, 1)
    first_monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return first_monday + dt.timedelta(weeks=2)


def off_weekend(day: dt.date, *, week_start: dt.date) -> dt.date:
    """Move a weekend day to a working day: back to Friday before the week, forward to Monday after."""
    if day.weekday() < 5:
        return day
    if day < week_start:
        return day - dt.timedelta(days=day.weekday() - 4)
    return day + dt.timedelta(days=7 - day.weekday())


def step_date(*, offset_days: int, week_start: dt.date, prep_weeks: int) -> dt.date:
    """Date of a template step. Preparation offsets are written for 8 weeks and compressed
    proportionally for 6 or 7 weeks; the week itself and the follow-up keep their offsets."""
    if offset_days < 0 and prep_weeks != MAX_PREP_WEEKS:
        offset_days = -round(-offset_days * prep_weeks / MAX_PREP_WEEKS)
        offset_days = min(offset_days, -1)
    return off_weekend(week_start + dt.timedelta(days=offset_days), week_start=week_start)
