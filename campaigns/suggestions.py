"""Suggested agenda and communication cadence, built from the domain guidance.

Suggestions are plain data (dicts of field values); `services.agenda_apply_suggestion` and
`services.communication_apply_suggestion` store them, after which HR edits them like anything else.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .models import Campaign, Goal

# (day offset, start, minutes, kind slug, format, audience, Dutch title, Dutch description)
Slot = tuple[int, str, int, str, str, str, str, str]

BASE_AGENDA: list[Slot] = [
    (
        0,
        "09:00",
        45,
        "kick-off",
        "hybrid",
        "all",
        "Kick-off Week van de Werkstress",
        "Waarom doen we mee, wat willen we bereiken en wat staat er deze week op het programma?",
    ),
    (
        1,
        "12:30",
        45,
        "workshop-focus",
        "online",
        "all",
        "Micro-workshop: focus zonder meldingen",
        "Praktisch aan de slag met focusblokken, niet-storen en vaste momenten voor mail en chat.",
    ),
    (
        2,
        "13:30",
        45,
        "workshop-priorities",
        "onsite",
        "office",
        "Micro-workshop: prioriteiten stellen",
        "Begin je dag met een top-3 en leer wat kan wachten.",
    ),
    (
        3,
        "10:00",
        15,
        "breathing-pause",
        "online",
        "all",
        "Adempauze van 15 minuten",
        "Een korte begeleide adem- en stretchpauze, laagdrempelig en zonder voorbereiding.",
    ),
    (
        4,
        "15:00",
        30,
        "team-check-in",
        "hybrid",
        "all",
        "Teamcheck-in: hoe was je week?",
        "Korte check-in per team: wat gaf energie, wat kostte energie, welke afspraak maken we?",
    ),
    (
        4,
        "16:00",
        45,
        "retro",
        "hybrid",
        "all",
        "Retro: wat nemen we mee?",
        "Resultaten, learnings en volgende stappen vastleggen met het kernteam en de ambassadeurs.",
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
            "Wandelvergadering in de lunchpauze",
            "Loop mee en bespreek werkafspraken buiten in plaats van aan tafel.",
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
            "Organisatiebreed focusblok",
            "Anderhalf uur zonder vergaderingen en notificaties: blokkeer het in je agenda.",
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
            "Webinar: grenzen aangeven als je thuiswerkt",
            "Over bereikbaarheid, pauzes en afsluiten van je werkdag op afstand.",
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
            "Kick-off bij de ochtenddienst",
            "Korte kick-off bij de dienstoverdracht, zodat ook de ochtenddienst het hoort.",
        ),
        (
            0,
            "14:45",
            20,
            "kick-off",
            "onsite",
            "shift",
            "Kick-off bij de middagdienst",
            "Dezelfde kick-off bij de overdracht naar de middagdienst.",
        ),
        (
            2,
            "22:15",
            15,
            "breathing-pause",
            "onsite",
            "shift",
            "Adempauze voor de nachtdienst",
            "Een korte adempauze aan het begin van de nachtdienst.",
        ),
        (
            3,
            "07:30",
            45,
            "consultation-hour",
            "hybrid",
            "shift",
            "Open spreekuur na de nachtdienst",
            "Vragen over werkdruk of roosters? Loop binnen of bel in, na de nachtdienst.",
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
                "title": title,
                "description": description,
                "starts_at": begin,
                "ends_at": begin + dt.timedelta(minutes=minutes),
                "format": fmt,
                "audience": audience,
                "location": "Teams" if fmt == "online" else "",
            }
        )
    return suggestions


# (days from the Monday, phase, channel, audience, Dutch subject, Dutch text)
CADENCE: list[tuple[int, str, str, str, str, str]] = [
    (
        -21,
        "before",
        "intranet",
        "Iedereen",
        "We doen mee aan de Week van de Werkstress",
        "Van {start} tot en met {end} doen we mee aan de landelijke Week van de Werkstress. We staan stil bij "
        "werkdruk, mentale balans en werkplezier, met korte, praktische activiteiten die je direct in je werkdag "
        "kunt toepassen. Ons doel: {goal}. Vul ook de korte, anonieme pulse in, zodat we na de week kunnen zien "
        "wat het heeft opgeleverd.",
    ),
    (
        -14,
        "before",
        "manager_letter",
        "Leidinggevenden",
        "Managersbrief: praatpunten voor de Week van de Werkstress",
        "Beste leidinggevende, in de week van {start} doen we mee aan de Week van de Werkstress. Jouw rol maakt het "
        "verschil: geef het goede voorbeeld met realistische prioriteiten, bereikbaarheid en pauzes, maak ruimte in "
        "roosters en agenda's en open het gesprek over werkdruk. Praatpunten: waarom doen we mee, wat is de "
        "agenda, hoe werkt de anonieme pulse en wat gebeurt er met de uitkomsten.",
    ),
    (
        -10,
        "before",
        "poster",
        "Locaties en afdelingen",
        "Poster met de weekagenda",
        "Hang de poster met de agenda en de QR-code naar de publieke agenda op bij de koffieautomaat, de "
        "dienstoverdracht en de kantine.",
    ),
    (
        -7,
        "before",
        "teams",
        "Iedereen",
        "Nog een week: zet de activiteiten in je agenda",
        "Volgende week is het de Week van de Werkstress. Bekijk de agenda en zet de activiteiten met één klik in "
        "je agenda. Tip: zet notificaties uit en blokkeer focusblokken in je agenda.",
    ),
    (
        0,
        "during",
        "teams",
        "Iedereen",
        "Vandaag begint de Week van de Werkstress",
        "Vandaag starten we met de kick-off. Doe mee op locatie of online; voor de ploegendiensten is er een korte "
        "kick-off bij de dienstoverdracht.",
    ),
    (
        2,
        "during",
        "video",
        "Iedereen",
        "Tip van de dag van een ambassadeur",
        "Een korte video-update: een collega vertelt welke kleine gewoonte hem of haar lucht geeft.",
    ),
    (
        4,
        "during",
        "email",
        "Iedereen",
        "Hoe was jouw week? Deel je ervaring",
        "Bedankt voor het meedoen! Vertel in de teamcheck-in of via je ambassadeur wat werkte en wat niet.",
    ),
    (
        7,
        "after",
        "email",
        "Iedereen",
        "Vul de nameting in",
        "Hoe is het nu met je werkdruk, energie en herstel? De nameting kost je 2 minuten en is anoniem.",
    ),
    (
        21,
        "after",
        "intranet",
        "Iedereen",
        "Dit hebben we geleerd en dit gaan we doen",
        "Dank voor jullie inzet. We delen de uitkomsten van de nameting en de 3 tot 5 acties die we samen afspreken, "
        "met eigenaar, deadline en meetpunt. Over 30, 60 en 90 dagen laten we zien hoe het ervoor staat.",
    ),
]


def suggested_communications(*, campaign: Campaign) -> list[dict]:
    goal = campaign.goals.first()
    context = {
        "start": campaign.week_start.strftime("%d-%m-%Y"),
        "end": campaign.week_end.strftime("%d-%m-%Y"),
        "goal": goal.title.lower() if goal else "minder werkdruk en meer werkplezier",
    }
    return [
        {
            "phase": phase,
            "channel": channel,
            "planned_on": campaign.week_start + dt.timedelta(days=offset),
            "audience": audience,
            "subject": subject,
            "text": text.format(**context),
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
