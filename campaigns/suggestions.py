"""Suggested agenda and communication cadence, built from the domain guidance, in the user's language.

Suggestions are plain data (dicts of field values); `services.agenda_apply_suggestion` and
`services.communication_apply_suggestion` store them, after which HR edits them like anything else.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Campaign, Goal

# (day offset, start, minutes, kind slug, format, audience, title, description); the texts are
# translated when a suggestion is applied, so HR gets them in their own language.
Slot = tuple[int, str, int, str, str, str, Promise, Promise]

BASE_AGENDA: list[Slot] = [
    (
        0,
        "09:00",
        45,
        "kick-off",
        "hybrid",
        "all",
        gettext_lazy("Kick-off of the Work Stress Week"),
        gettext_lazy("Why do we take part, what do we want to achieve and what is on this week's programme?"),
    ),
    (
        1,
        "12:30",
        45,
        "workshop-focus",
        "online",
        "all",
        gettext_lazy("Micro-workshop: focus without notifications"),
        gettext_lazy("Hands-on with focus blocks, do-not-disturb and fixed times for e-mail and chat."),
    ),
    (
        2,
        "13:30",
        45,
        "workshop-priorities",
        "onsite",
        "office",
        gettext_lazy("Micro-workshop: setting priorities"),
        gettext_lazy("Start your day with a top 3 and learn what can wait."),
    ),
    (
        3,
        "10:00",
        15,
        "breathing-pause",
        "online",
        "all",
        gettext_lazy("15-minute breathing break"),
        gettext_lazy("A short guided breathing and stretching break, easy to join and without preparation."),
    ),
    (
        4,
        "15:00",
        30,
        "team-check-in",
        "hybrid",
        "all",
        gettext_lazy("Team check-in: how was your week?"),
        gettext_lazy("A short check-in per team: what gave energy, what cost energy, what do we agree on?"),
    ),
    (
        4,
        "16:00",
        45,
        "retro",
        "hybrid",
        "all",
        gettext_lazy("Retro: what do we take with us?"),
        gettext_lazy("Record results, lessons and next steps with the core team and the ambassadors."),
    ),
]

PATTERN_VARIANTS: dict[str, list[Slot]] = {
    "office": [
        (
            2,
            "12:15",
            30,
            "walking-meeting",
            "onsite",
            "office",
            gettext_lazy("Walking meeting in the lunch break"),
            gettext_lazy("Walk along and discuss work agreements outside instead of at a table."),
        ),
    ],
    "hybrid": [
        (
            1,
            "09:00",
            90,
            "focus-block",
            "online",
            "all",
            gettext_lazy("Organisation-wide focus block"),
            gettext_lazy("An hour and a half without meetings and notifications: block it in your calendar."),
        ),
    ],
    "remote": [
        (
            3,
            "11:00",
            60,
            "webinar",
            "online",
            "remote",
            gettext_lazy("Webinar: setting boundaries when you work from home"),
            gettext_lazy(
                "On being reachable, taking breaks and ending your working day when working remotely."
            ),
        ),
    ],
    "shift": [
        (
            0,
            "06:45",
            20,
            "kick-off",
            "onsite",
            "shift",
            gettext_lazy("Kick-off at the morning shift"),
            gettext_lazy("A short kick-off at the shift handover, so the morning shift hears it too."),
        ),
        (
            0,
            "14:45",
            20,
            "kick-off",
            "onsite",
            "shift",
            gettext_lazy("Kick-off at the afternoon shift"),
            gettext_lazy("The same kick-off at the handover to the afternoon shift."),
        ),
        (
            2,
            "22:15",
            15,
            "breathing-pause",
            "onsite",
            "shift",
            gettext_lazy("Breathing break for the night shift"),
            gettext_lazy("A short breathing break at the start of the night shift."),
        ),
        (
            3,
            "07:30",
            45,
            "consultation-hour",
            "hybrid",
            "shift",
            gettext_lazy("Open consultation hour after the night shift"),
            gettext_lazy("Questions about workload or rosters? Drop in or call in, after the night shift."),
        ),
    ],
}


def suggested_agenda(*, campaign: Campaign, patterns: frozenset[str]) -> list[dict]:
    slots = list(BASE_AGENDA)
    for pattern in ("office", "hybrid", "remote", "shift"):
        if pattern in patterns:
            slots.extend(PATTERN_VARIANTS[pattern])
    suggestions = []
    for offset, start, minutes, kind, fmt, audience, title, description in sorted(
        slots, key=lambda s: (s[0], s[1])
    ):
        day = campaign.week_start + dt.timedelta(days=offset)
        begin = dt.datetime.combine(day, dt.time.fromisoformat(start))
        suggestions.append(
            {
                "kind": kind,
                "title": str(title),
                "description": str(description),
                "starts_at": begin,
                "ends_at": begin + dt.timedelta(minutes=minutes),
                "format": fmt,
                "audience": audience,
                "location": "Teams" if fmt == "online" else "",
            }
        )
    return suggestions


# (days from the Monday, phase, channel, audience, subject, text), translated when applied
CADENCE: list[tuple[int, str, str, Promise, Promise, Promise]] = [
    (
        -21,
        "before",
        "intranet",
        gettext_lazy("Everyone"),
        gettext_lazy("We take part in the Work Stress Week"),
        gettext_lazy(
            "From {start} to {end} we take part in the national Work Stress Week. We pay attention to workload, mental balance and enjoyment at work, with short, practical activities you can use in your working day straight away. Our goal: {goal}. Please also fill in the short, anonymous pulse, so that after the week we can see what it achieved."
        ),
    ),
    (
        -14,
        "before",
        "manager_letter",
        gettext_lazy("Managers"),
        gettext_lazy("Manager letter: talking points for the Work Stress Week"),
        gettext_lazy(
            "Dear manager, in the week of {start} we take part in the Work Stress Week. Your role makes the difference: set a good example with realistic priorities, reachability and breaks, make room in rosters and calendars and open the conversation about workload. Talking points: why we take part, what the agenda is, how the anonymous pulse works and what happens with the results."
        ),
    ),
    (
        -10,
        "before",
        "poster",
        gettext_lazy("Locations and departments"),
        gettext_lazy("Poster with the week's agenda"),
        gettext_lazy(
            "Put up the poster with the agenda and the QR code to the public agenda at the coffee machine, the shift handover and the canteen."
        ),
    ),
    (
        -7,
        "before",
        "teams",
        gettext_lazy("Everyone"),
        gettext_lazy("One more week: put the activities in your calendar"),
        gettext_lazy(
            "Next week is the Work Stress Week. Look at the agenda and put the activities in your calendar with one click. Tip: switch off notifications and block focus time in your calendar."
        ),
    ),
    (
        0,
        "during",
        "teams",
        gettext_lazy("Everyone"),
        gettext_lazy("The Work Stress Week starts today"),
        gettext_lazy(
            "Today we start with the kick-off. Join on site or online; for the shift teams there is a short kick-off at the shift handover."
        ),
    ),
    (
        2,
        "during",
        "video",
        gettext_lazy("Everyone"),
        gettext_lazy("Tip of the day from an ambassador"),
        gettext_lazy("A short video update: a colleague tells which small habit gives them breathing space."),
    ),
    (
        4,
        "during",
        "email",
        gettext_lazy("Everyone"),
        gettext_lazy("How was your week? Share your experience"),
        gettext_lazy(
            "Thank you for taking part! Tell us in the team check-in or through your ambassador what worked and what did not."
        ),
    ),
    (
        7,
        "after",
        "email",
        gettext_lazy("Everyone"),
        gettext_lazy("Fill in the follow-up pulse"),
        gettext_lazy(
            "How are your workload, energy and recovery now? The follow-up pulse takes 2 minutes and is anonymous."
        ),
    ),
    (
        21,
        "after",
        "intranet",
        gettext_lazy("Everyone"),
        gettext_lazy("This is what we learned and what we will do"),
        gettext_lazy(
            "Thank you for your effort. We share the results of the follow-up pulse and the 3 to 5 actions we agree on together, with an owner, a deadline and a measurement point. In 30, 60 and 90 days we show how things stand."
        ),
    ),
]


def suggested_communications(*, campaign: Campaign) -> list[dict]:
    goal = campaign.goals.first()
    context = {
        "start": date_format(campaign.week_start, "j F"),
        "end": date_format(campaign.week_end, "j F Y"),
        "goal": goal.title.lower() if goal else _("less workload and more enjoyment at work"),
    }
    return [
        {
            "phase": phase,
            "channel": channel,
            "planned_on": campaign.week_start + dt.timedelta(days=offset),
            "audience": str(audience),
            "subject": str(subject),
            "text": str(text).format(**context),
        }
        for offset, phase, channel, audience, subject, text in CADENCE
    ]


def suggested_goals(*, campaign: Campaign) -> list[dict]:
    """Two measurable goals from the guidance: one on experienced workload, one on participation."""
    themes = list(campaign.themes.all()[:2])
    return [
        {
            "title": _("Lower perceived workload"),
            "theme": themes[0] if themes else None,
            "kpi_kind": Goal.KpiKind.PULSE_SCORE,
            "dimension": "workload",
            "unit": _("score 1–5"),
            "measured_how": _(
                "Pulse question on workload: baseline before the week, follow-up within a week after it"
            ),
        },
        {
            "title": _("At least 60% takes part in one activity"),
            "theme": themes[-1] if themes else None,
            "kpi_kind": Goal.KpiKind.PARTICIPATION,
            "target": 60,
            "unit": "%",
            "measured_how": _("Attendance per activity compared with the headcount of the teams"),
        },
    ]
