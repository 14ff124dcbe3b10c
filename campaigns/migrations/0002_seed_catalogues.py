"""Seed the catalogues: themes, activity kinds and the standard plan steps.

Frozen seed data: the catalogues as they were when this migration was written. The migration no
longer imports `campaigns.catalogue`, so later edits there cannot change what it does; changes to
the catalogues are new migrations.
"""

from django.db import migrations

# slug, name nl, name en, description nl, description en
THEMES = [
    (
        "werk-privebalans",
        "Werk-privébalans",
        "Work-life balance",
        "Duidelijke afspraken over bereikbaarheid, werktijden en pauzes, zodat werk niet door blijft lopen in je vrije tijd.",
        "Clear agreements on availability, working hours and breaks, so work does not spill into free time.",
    ),
    (
        "digitale-balans-focus",
        "Digitale balans en focus",
        "Digital balance and focus",
        "Minder meldingen en contextwissels: focusblokken, meetinghygiëne en vaste momenten voor e-mail en chat.",
        "Fewer notifications and context switches: focus blocks, meeting hygiene and set times for e-mail and chat.",
    ),
    (
        "psychologische-veiligheid",
        "Psychologische veiligheid",
        "Psychological safety",
        "Signalen en fouten bespreekbaar maken, zodat collega's werkdruk vroeg durven te melden.",
        "Making signals and mistakes discussable, so colleagues dare to raise workload early.",
    ),
    (
        "hybride-remote",
        "Hybride en remote samenwerken",
        "Hybrid and remote collaboration",
        "Goede afspraken voor samenwerken op afstand: verbinding, overleg en grenzen als je niet op kantoor bent.",
        "Good agreements for working apart: connection, meetings and boundaries when you are not in the office.",
    ),
    (
        "preventie-psa",
        "Preventie van psychosociale arbeidsbelasting",
        "Preventing psychosocial workload (PSA)",
        "Werkdruk, ongewenst gedrag en werk-privédisbalans aanpakken op organisatie-, team- en individueel niveau, gekoppeld aan de RI&E.",
        "Tackling workload, undesirable behaviour and work-life imbalance at organisation, team and individual level, linked to the RI&E.",
    ),
    (
        "leidinggeven-met-aandacht",
        "Leidinggeven met aandacht",
        "Leading with attention",
        "Leidinggevenden herkennen signalen van stress, geven het goede voorbeeld en voeren het gesprek.",
        "Managers recognise signs of stress, lead by example and start the conversation.",
    ),
    (
        "energie-herstel",
        "Energie en herstel",
        "Energy and recovery",
        "Een vast pauzeritme, microbreaks en ruimte voor herstel in de werkdag.",
        "A steady rhythm of breaks, micro-breaks and room for recovery during the working day.",
    ),
]

# slug, name nl, name en, default minutes
ACTIVITY_KINDS = [
    ("kick-off", "Kick-off", "Kick-off", 45),
    ("workshop-focus", "Micro-workshop focus", "Micro-workshop on focus", 45),
    ("workshop-priorities", "Micro-workshop prioriteiten stellen", "Micro-workshop on priorities", 45),
    ("workshop-boundaries", "Micro-workshop grenzen aangeven", "Micro-workshop on setting boundaries", 45),
    ("focus-block", "Focusblok zonder notificaties", "Focus block without notifications", 90),
    ("walking-meeting", "Wandelvergadering", "Walking meeting", 30),
    ("breathing-pause", "Adempauze", "Breathing pause", 15),
    ("team-check-in", "Teamcheck-in", "Team check-in", 30),
    ("consultation-hour", "Open spreekuur", "Open consultation hour", 60),
    ("webinar", "Webinar", "Webinar", 60),
    ("retro", "Retro", "Retro", 45),
]

# key, title nl, title en, offset in days from the week's Monday, help nl, help en
PLAN_STEPS = [
    (
        "goals",
        "Kies 1–2 doelen en thema's",
        "Choose 1–2 goals and themes",
        -56,
        "Kies wat je wilt bereiken en hoe je dat meet, bijvoorbeeld een lagere ervaren werkdruk.",
        "Decide what you want to achieve and how you measure it, for example lower perceived workload.",
    ),
    (
        "core-team",
        "Stel het kernteam samen en verdeel de rollen",
        "Form the core team and assign roles",
        -53,
        "HR, een leidinggevende en 1–2 ambassadeurs; rollen: host, facilitator, communicatie.",
        "HR, a manager and 1–2 ambassadors; roles: host, facilitator, communication.",
    ),
    (
        "ambassadors",
        "Werf ambassadeurs uit verschillende teams",
        "Recruit ambassadors from different teams",
        -49,
        "Ambassadeurs uit meerdere teams nemen collega's persoonlijk mee, ook wie hybride of in ploegen werkt.",
        "Ambassadors from several teams bring colleagues along in person, including hybrid and shift workers.",
    ),
    (
        "resources",
        "Reserveer budget, ruimtes en tools",
        "Reserve budget, rooms and tools",
        -46,
        "Leg budget vast en reserveer locaties en tools op tijd.",
        "Fix the budget and book locations and tools in time.",
    ),
    (
        "agenda",
        "Maak de weekagenda met hybride en ploegvarianten",
        "Draft the agenda with hybrid and shift variants",
        -42,
        "Kick-off, 2–3 micro-interventies en een check-in; live én online, tijden gespreid over de dag.",
        "Kick-off, 2–3 micro-interventions and a check-in; on site and online, times spread over the day.",
    ),
    (
        "communication",
        "Schrijf het communicatieplan en de managersbrief met praatpunten",
        "Write the communication plan and the manager letter with talking points",
        -35,
        "Eén kernboodschap: waarom je meedoet, wat je wilt bereiken en wat je van iedereen verwacht.",
        "One core message: why you take part, what you want to achieve and what you expect of everyone.",
    ),
    (
        "baseline-pulse",
        "Open de nulmeting (pulse)",
        "Open the baseline pulse",
        -28,
        "Een korte, anonieme pulse over werkdruk, energie en herstel, zodat je later effect kunt laten zien.",
        "A short anonymous pulse on workload, energy and recovery, so you can show the effect later.",
    ),
    (
        "brief-ambassadors",
        "Brief de ambassadeurs: Q&A en veelgehoorde bezwaren",
        "Brief the ambassadors: Q&A and common objections",
        -21,
        "Geef ze de toolkit met posts, visuals en slides en neem de vragen en bezwaren door.",
        "Give them the toolkit with posts, visuals and slides and go through questions and objections.",
    ),
    (
        "publish-agenda",
        "Publiceer de agenda",
        "Publish the agenda",
        -14,
        "Deel de publieke agendalink op intranet, Teams of Slack en op posters.",
        "Share the public agenda link on the intranet, Teams or Slack and on posters.",
    ),
    (
        "reminder-1",
        "Verstuur een herinnering",
        "Send a reminder",
        -7,
        "Herinner iedereen aan de week en de aanmeldingen.",
        "Remind everyone of the week and how to sign up.",
    ),
    (
        "reminder-2",
        "Laatste herinnering en managersbericht",
        "Final reminder and message to managers",
        -3,
        "Vraag leidinggevenden ruimte te maken in roosters en agenda's.",
        "Ask managers to make room in rosters and calendars.",
    ),
    ("run-monday", "Voer de week uit: maandag (kick-off)", "Run the week: Monday (kick-off)", 0, "", ""),
    ("run-tuesday", "Voer de week uit: dinsdag", "Run the week: Tuesday", 1, "", ""),
    ("run-wednesday", "Voer de week uit: woensdag", "Run the week: Wednesday", 2, "", ""),
    ("run-thursday", "Voer de week uit: donderdag", "Run the week: Thursday", 3, "", ""),
    ("run-friday", "Voer de week uit: vrijdag (check-in)", "Run the week: Friday (check-in)", 4, "", ""),
    (
        "followup-pulse",
        "Open de nameting (pulse)",
        "Open the follow-up pulse",
        7,
        "Binnen een week na afloop: vergelijk met de nulmeting.",
        "Within a week after the week: compare with the baseline.",
    ),
    (
        "team-retros",
        "Houd teamretro's",
        "Hold team retros",
        10,
        "Haal met teams de belangrijkste learnings en knelpunten op.",
        "Collect the main lessons and bottlenecks with the teams.",
    ),
    (
        "actions",
        "Spreek 3–5 acties af met eigenaar, deadline en meetpunt",
        "Agree 3–5 actions with owner, deadline and measurement point",
        14,
        "Veranker ze in roosters, werkafspraken en tooling.",
        "Anchor them in rosters, agreements and tooling.",
    ),
    (
        "share-results",
        "Deel de resultaten en rapporteer aan de OR",
        "Share the results and report to the works council",
        21,
        "Deel transparant wat er verandert en vier kleine successen.",
        "Share openly what changes and celebrate small successes.",
    ),
    (
        "checkin-30",
        "30-dagen check-in",
        "30-day check-in",
        30,
        "Bewaak de voortgang van de acties.",
        "Check the progress of the actions.",
    ),
    (
        "checkin-60",
        "60-dagen check-in",
        "60-day check-in",
        60,
        "Bewaak de voortgang van de acties.",
        "Check the progress of the actions.",
    ),
    (
        "checkin-90",
        "90-dagen check-in",
        "90-day check-in",
        90,
        "Bewaak de voortgang van de acties.",
        "Check the progress of the actions.",
    ),
    (
        "quarterly-evaluation",
        "Kwartaalevaluatie en RI&E bijwerken",
        "Quarterly evaluation and RI&E update",
        91,
        "Evalueer, koppel terug wat er verandert en werk de RI&E en het PSA-plan bij.",
        "Evaluate, report back what changes and update the RI&E and PSA plan.",
    ),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("campaigns", "Theme")
    ActivityKind = apps.get_model("campaigns", "ActivityKind")
    PlanStepTemplate = apps.get_model("campaigns", "PlanStepTemplate")
    for order, (slug, name_nl, name_en, desc_nl, desc_en) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": desc_nl,
                "description_en": desc_en,
                "order": order,
            },
        )
    for order, (slug, name_nl, name_en, minutes) in enumerate(ACTIVITY_KINDS):
        ActivityKind.objects.update_or_create(
            slug=slug,
            defaults={"name_nl": name_nl, "name_en": name_en, "default_minutes": minutes, "order": order},
        )
    for order, (key, title_nl, title_en, offset, help_nl, help_en) in enumerate(PLAN_STEPS):
        PlanStepTemplate.objects.update_or_create(
            key=key,
            defaults={
                "title_nl": title_nl,
                "title_en": title_en,
                "offset_days": offset,
                "help_nl": help_nl,
                "help_en": help_en,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
