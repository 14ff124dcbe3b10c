"""The toolkit's texts: defaults in Dutch and English, HR's own versions per campaign, placeholders.

A text is a title and a body with placeholders such as {start} or {agenda_url}. HR may rewrite any
text for a campaign; the toolkit and the ambassador page always use the current version. Only the
placeholders below are filled in (by plain substitution, never `str.format`, so a text cannot reach
into Python objects); any other {word} is refused when the text is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import User

from ..models import Campaign
from .models import ToolkitText

PHASES = ("before", "during", "after")
CHANNELS = ("intranet", "email", "teams", "slack")
PLACEHOLDER = re.compile(r"\{(\w+)\}")

PLACEHOLDERS: dict[str, object] = {
    "organisation": gettext_lazy("the organisation's name"),
    "campaign": gettext_lazy("the campaign's name"),
    "start": gettext_lazy("first day of the week"),
    "end": gettext_lazy("last day of the week"),
    "themes": gettext_lazy("the campaign's themes"),
    "goals": gettext_lazy("the campaign's goals"),
    "agenda_url": gettext_lazy("link to the public agenda"),
    "pulse_url": gettext_lazy("link to the pulse"),
    "kickoff": gettext_lazy("day and time of the kick-off"),
    "baseline": gettext_lazy("date the baseline pulse opens"),
    "followup": gettext_lazy("date the follow-up pulse opens"),
    "k": gettext_lazy("minimum group size for results"),
    "answers_months": gettext_lazy("months answers are kept"),
    "comments_months": gettext_lazy("months comments are kept"),
}


@dataclass(frozen=True)
class TextKind:
    key: str
    label: object
    group: str  # messages, letter, slides, poster, qa


def _message_label(phase: str, channel: str) -> object:
    from ..models import CommunicationItem

    return f"{CommunicationItem.Phase(phase).label} · {CommunicationItem.Channel(channel).label}"


TEXT_KINDS: list[TextKind] = [
    *(TextKind(f"message_{p}_{c}", None, "messages") for p in PHASES for c in CHANNELS),
    TextKind("manager_letter", gettext_lazy("Manager letter"), "letter"),
    TextKind("manager_points", gettext_lazy("Talking points for managers (one per line)"), "letter"),
    TextKind("poster", gettext_lazy("Poster: headline and call to action"), "poster"),
    TextKind("slides_why", gettext_lazy("Slides: why we take part"), "slides"),
    TextKind("slides_after", gettext_lazy("Slides: what happens after the week"), "slides"),
    TextKind("qa_anonymous", gettext_lazy("Q&A: is this anonymous?"), "qa"),
    TextKind("qa_time", gettext_lazy("Q&A: I have no time for this"), "qa"),
    TextKind("qa_results", gettext_lazy("Q&A: what happens with the results?"), "qa"),
    TextKind("qa_office", gettext_lazy("Q&A: is this only for office staff?"), "qa"),
    TextKind("qa_manager", gettext_lazy("Q&A: will my manager see my answers?"), "qa"),
]
KINDS = {kind.key: kind for kind in TEXT_KINDS}


def kind_label(key: str) -> str:
    kind = KINDS[key]
    if kind.group == "messages":
        _prefix, phase, channel = key.split("_", 2)
        return str(_message_label(phase, channel))
    return str(kind.label)


# (title, body) per language. Messages for Teams and Slack stay short; e-mail and intranet longer.
DEFAULTS: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "message_before_intranet": (
            "{organisation} doet mee aan de Week van de Werkstress",
            "Van {start} tot en met {end} doen we mee aan de landelijke Week van de Werkstress. We staan stil bij "
            "werkdruk, mentale balans en werkplezier, met korte, praktische activiteiten die je direct in je "
            "werkdag kunt gebruiken. Thema's: {themes}.\n\nOns doel: {goals}.\n\nBekijk de agenda en zet de "
            "activiteiten in je eigen agenda: {agenda_url}\n\nVul vóór de week ook de korte, anonieme puls in "
            "(2 minuten): {pulse_url}",
        ),
        "message_before_email": (
            "Zet het in je agenda: Week van de Werkstress van {start} tot {end}",
            "Hoi collega,\n\nVan {start} tot en met {end} is het de Week van de Werkstress bij {organisation}. "
            "De week begint met de kick-off op {kickoff}. Er zijn korte sessies op locatie, online en rond de "
            "diensten.\n\nDe agenda, met een knop om alles in je agenda te zetten: {agenda_url}\n\nWil je ook "
            "de anonieme puls invullen? Dat kost 2 minuten: {pulse_url}\n\nGroet,\nJe ambassadeur",
        ),
        "message_before_teams": (
            "Nog even en het is Week van de Werkstress",
            "Van {start} tot {end} is het Week van de Werkstress. Kick-off: {kickoff}. Kies nu de activiteiten die "
            "bij je werk passen: {agenda_url}",
        ),
        "message_before_slack": (
            "Week van de Werkstress komt eraan",
            "Van {start} tot {end}: Week van de Werkstress. Korte sessies over {themes}. Agenda: {agenda_url} — "
            "en de anonieme puls (2 min): {pulse_url}",
        ),
        "message_during_intranet": (
            "Het is Week van de Werkstress",
            "Deze week staan we stil bij werkdruk en herstel. Doe mee aan een sessie op locatie of online, ook als "
            "je maar een kwartier hebt. Alle activiteiten en agenda-uitnodigingen: {agenda_url}\n\nTip van de "
            "dag: plan vandaag één focusblok zonder meldingen.",
        ),
        "message_during_email": (
            "Vandaag begint de Week van de Werkstress",
            "Hoi collega,\n\nVandaag begint de Week van de Werkstress. Kick-off: {kickoff}. Kijk welke sessie deze "
            "week in jouw rooster past: {agenda_url}\n\nGroet,\nJe ambassadeur",
        ),
        "message_during_teams": (
            "Vandaag in de Week van de Werkstress",
            "Vandaag in de Week van de Werkstress: kijk wat er op de agenda staat en doe mee, op locatie of "
            "online: {agenda_url}",
        ),
        "message_during_slack": (
            "Week van de Werkstress: doe mee",
            "Een kwartier voor jezelf? Deze week zijn er korte sessies over {themes}: {agenda_url}",
        ),
        "message_after_intranet": (
            "Bedankt voor het meedoen: dit doen we nu",
            "Dank voor jullie inzet tijdens de Week van de Werkstress. Vanaf {followup} staat de nameting open: "
            "vul hem in, zodat we zien wat de week heeft opgeleverd ({pulse_url}). Daarna delen we de uitkomsten "
            "en spreken we 3 tot 5 acties af, met een eigenaar, een deadline en een meetpunt. Na 30, 60 en 90 "
            "dagen laten we zien hoe het ervoor staat.",
        ),
        "message_after_email": (
            "Vul de nameting in (2 minuten, anoniem)",
            "Hoi collega,\n\nHoe is het nu met je werkdruk, energie en herstel? De nameting staat open vanaf "
            "{followup} en kost 2 minuten: {pulse_url}\n\nUitkomsten zien we alleen per groep van minstens {k} "
            "mensen; je antwoorden zijn nooit terug te leiden naar jou.\n\nGroet,\nJe ambassadeur",
        ),
        "message_after_teams": (
            "Nameting staat open",
            "Dank voor het meedoen aan de Week van de Werkstress! Vul de anonieme nameting in (2 minuten): "
            "{pulse_url}",
        ),
        "message_after_slack": (
            "Nameting",
            "Wat heeft de week jou gebracht? Vul de anonieme nameting in (2 min): {pulse_url}",
        ),
        "manager_letter": (
            "Managersbrief: de Week van de Werkstress van {start} tot {end}",
            "Beste leidinggevende,\n\nVan {start} tot en met {end} doet {organisation} mee aan de Week van de "
            "Werkstress. We staan stil bij werkdruk, mentale balans en werkplezier, met als thema's {themes}. "
            "Ons doel: {goals}.\n\nJouw rol maakt het verschil. Geef het goede voorbeeld met realistische "
            "prioriteiten, bereikbaarheid en pauzes, maak ruimte in roosters en agenda's zodat je team aan een "
            "activiteit kan meedoen, en open het gesprek over werkdruk.\n\nDe kick-off is op {kickoff}. De "
            "agenda staat op {agenda_url}. Vraag je team vóór de week de korte, anonieme puls in te vullen; "
            "jij ziet alleen uitkomsten van groepen van minstens {k} mensen.\n\nDank je wel voor je steun.",
        ),
        "manager_points": (
            "Praatpunten",
            "Waarom doen we mee: werkdruk is het gesprek waard, en kleine afspraken helpen al.\n"
            "Wat staat er op de agenda: korte sessies op locatie, online en rond de diensten.\n"
            "Hoe de puls werkt: anoniem, 2 minuten, uitkomsten alleen voor groepen van minstens {k} mensen.\n"
            "Wat ik van jou vraag: zet één activiteit in je agenda en vul de puls in.\n"
            "Wat er daarna gebeurt: we kiezen samen 3 tot 5 acties en volgen ze 90 dagen.",
        ),
        "poster": (
            "Even pauze van de werkdruk",
            "Doe mee aan de Week van de Werkstress, van {start} tot {end}. Scan de code voor de agenda.",
        ),
        "slides_why": (
            "Waarom doen we mee?",
            "Werkdruk, digitale prikkels en te weinig herstel stapelen zich ongemerkt op.\n"
            "De Week van de Werkstress geeft ons een moment om het gesprek te openen.\n"
            "We testen kleine, haalbare verbeteringen en houden vast wat werkt.",
        ),
        "slides_after": (
            "Wat gebeurt er na de week?",
            "Vanaf {followup}: de anonieme nameting.\n"
            "We delen de uitkomsten en kiezen samen 3 tot 5 acties.\n"
            "Elke actie heeft een eigenaar, een deadline en een meetpunt.\n"
            "Na 30, 60 en 90 dagen laten we zien hoe het ervoor staat.",
        ),
        "qa_anonymous": (
            "Is de puls echt anoniem?",
            "Ja. Je antwoorden worden opgeslagen zonder naam, e-mailadres, IP-adres of tijdstip. Uitkomsten zijn "
            "alleen zichtbaar voor groepen van minstens {k} mensen, en pas nadat de puls gesloten is. Open "
            "opmerkingen worden bewaard tot {comments_months} maanden na sluiting, de antwoorden tot "
            "{answers_months} maanden; daarna worden ze verwijderd.",
        ),
        "qa_time": (
            "Ik heb hier geen tijd voor.",
            "Dat is precies waar de week over gaat. De puls kost 2 minuten en de meeste sessies duren een "
            "kwartier tot drie kwartier, ook online en rond de diensten. Overleg met je leidinggevende welke "
            "activiteit in je rooster past: die is gevraagd daar ruimte voor te maken.",
        ),
        "qa_results": (
            "Wat gebeurt er met de uitkomsten?",
            "We bespreken de uitkomsten met de teams en de ondernemingsraad en kiezen samen 3 tot 5 acties, met "
            "een eigenaar, een deadline en een meetpunt. Na 30, 60 en 90 dagen kijken we of ze werken, en de "
            "nameting vanaf {followup} laat zien wat de week heeft opgeleverd.",
        ),
        "qa_office": (
            "Is dit alleen voor kantoormedewerkers?",
            "Nee. Er zijn activiteiten op locatie, online en rond de diensten, en de agenda laat per activiteit "
            "zien voor wie hij is: {agenda_url}",
        ),
        "qa_manager": (
            "Ziet mijn leidinggevende mijn antwoorden?",
            "Nee. Niemand ziet antwoorden van één persoon. Een leidinggevende ziet alleen uitkomsten van het "
            "eigen team als minstens {k} mensen hebben geantwoord.",
        ),
    },
    "en": {
        "message_before_intranet": (
            "{organisation} takes part in the Week van de Werkstress",
            "From {start} to {end} we take part in the national Week van de Werkstress (work stress week). We "
            "look at workload, mental balance and enjoying our work, with short, practical activities you can "
            "use in your working day straight away. Themes: {themes}.\n\nOur goal: {goals}.\n\nSee the agenda "
            "and add the activities to your own calendar: {agenda_url}\n\nBefore the week, please also fill in "
            "the short, anonymous pulse (2 minutes): {pulse_url}",
        ),
        "message_before_email": (
            "Save the date: Week van de Werkstress from {start} to {end}",
            "Hi,\n\nFrom {start} to {end} it is the Week van de Werkstress at {organisation}. The week opens "
            "with the kick-off on {kickoff}. There are short sessions on site, online and around the shifts."
            "\n\nThe agenda, with a button to add everything to your calendar: {agenda_url}\n\nWould you also "
            "fill in the anonymous pulse? It takes 2 minutes: {pulse_url}\n\nBest,\nYour ambassador",
        ),
        "message_before_teams": (
            "Week van de Werkstress is coming",
            "From {start} to {end} it is the Week van de Werkstress. Kick-off: {kickoff}. Pick the activities "
            "that fit your work now: {agenda_url}",
        ),
        "message_before_slack": (
            "Week van de Werkstress is coming",
            "{start} to {end}: Week van de Werkstress. Short sessions on {themes}. Agenda: {agenda_url} — and "
            "the anonymous pulse (2 min): {pulse_url}",
        ),
        "message_during_intranet": (
            "It is the Week van de Werkstress",
            "This week we look at workload and recovery. Join a session on site or online, even if you only "
            "have a quarter of an hour. All activities and calendar invitations: {agenda_url}\n\nTip of the "
            "day: plan one focus block without notifications today.",
        ),
        "message_during_email": (
            "The Week van de Werkstress starts today",
            "Hi,\n\nThe Week van de Werkstress starts today. Kick-off: {kickoff}. See which session fits your "
            "schedule this week: {agenda_url}\n\nBest,\nYour ambassador",
        ),
        "message_during_teams": (
            "Today in the Week van de Werkstress",
            "Today in the Week van de Werkstress: see what is on the agenda and join, on site or online: "
            "{agenda_url}",
        ),
        "message_during_slack": (
            "Week van de Werkstress: join in",
            "Fifteen minutes for yourself? This week there are short sessions on {themes}: {agenda_url}",
        ),
        "message_after_intranet": (
            "Thank you for taking part: here is what comes next",
            "Thank you for taking part in the Week van de Werkstress. From {followup} the follow-up pulse is "
            "open: fill it in so we can see what the week achieved ({pulse_url}). Then we share the results "
            "and agree on 3 to 5 actions, each with an owner, a deadline and a measurement point. After 30, 60 "
            "and 90 days we show how they are going.",
        ),
        "message_after_email": (
            "Fill in the follow-up pulse (2 minutes, anonymous)",
            "Hi,\n\nHow are your workload, energy and recovery now? The follow-up pulse opens on {followup} and "
            "takes 2 minutes: {pulse_url}\n\nResults are only shown for groups of at least {k} people; your "
            "answers can never be traced back to you.\n\nBest,\nYour ambassador",
        ),
        "message_after_teams": (
            "Follow-up pulse is open",
            "Thanks for taking part in the Week van de Werkstress! Fill in the anonymous follow-up pulse "
            "(2 minutes): {pulse_url}",
        ),
        "message_after_slack": (
            "Follow-up pulse",
            "What did the week bring you? Fill in the anonymous follow-up pulse (2 min): {pulse_url}",
        ),
        "manager_letter": (
            "Manager letter: the Week van de Werkstress from {start} to {end}",
            "Dear manager,\n\nFrom {start} to {end} {organisation} takes part in the Week van de Werkstress. We "
            "look at workload, mental balance and enjoying our work, with the themes {themes}. Our goal: "
            "{goals}.\n\nYour role makes the difference. Set the example with realistic priorities, "
            "availability and breaks, make room in rosters and calendars so your team can join an activity, "
            "and open the conversation about workload.\n\nThe kick-off is on {kickoff}. The agenda is at "
            "{agenda_url}. Ask your team to fill in the short, anonymous pulse before the week; you only see "
            "results of groups of at least {k} people.\n\nThank you for your support.",
        ),
        "manager_points": (
            "Talking points",
            "Why we take part: workload is worth talking about, and small agreements already help.\n"
            "What is on the agenda: short sessions on site, online and around the shifts.\n"
            "How the pulse works: anonymous, 2 minutes, results only for groups of at least {k} people.\n"
            "What I ask of you: put one activity in your calendar and fill in the pulse.\n"
            "What happens next: together we choose 3 to 5 actions and follow them for 90 days.",
        ),
        "poster": (
            "Take a break from work stress",
            "Join the Week van de Werkstress, from {start} to {end}. Scan the code for the agenda.",
        ),
        "slides_why": (
            "Why do we take part?",
            "Workload, digital interruptions and too little recovery pile up unnoticed.\n"
            "The Week van de Werkstress gives us a moment to open the conversation.\n"
            "We try small, feasible improvements and keep what works.",
        ),
        "slides_after": (
            "What happens after the week?",
            "From {followup}: the anonymous follow-up pulse.\n"
            "We share the results and choose 3 to 5 actions together.\n"
            "Each action has an owner, a deadline and a measurement point.\n"
            "After 30, 60 and 90 days we show how they are going.",
        ),
        "qa_anonymous": (
            "Is the pulse really anonymous?",
            "Yes. Your answers are stored without name, e-mail address, IP address or time. Results are only "
            "shown for groups of at least {k} people, and only after the pulse has closed. Open comments are "
            "kept for {comments_months} months after closing, answers for {answers_months} months; then they "
            "are deleted.",
        ),
        "qa_time": (
            "I have no time for this.",
            "That is exactly what the week is about. The pulse takes 2 minutes and most sessions last a quarter "
            "to three quarters of an hour, online and around the shifts too. Ask your manager which activity "
            "fits your schedule: they have been asked to make room for it.",
        ),
        "qa_results": (
            "What happens with the results?",
            "We discuss the results with the teams and the works council and choose 3 to 5 actions together, "
            "each with an owner, a deadline and a measurement point. After 30, 60 and 90 days we check whether "
            "they work, and the follow-up pulse from {followup} shows what the week achieved.",
        ),
        "qa_office": (
            "Is this only for office staff?",
            "No. There are activities on site, online and around the shifts, and the agenda shows for each "
            "activity who it is for: {agenda_url}",
        ),
        "qa_manager": (
            "Will my manager see my answers?",
            "No. Nobody sees the answers of one person. A manager only sees results of their own team when at "
            "least {k} people answered.",
        ),
    },
}


def default_text(key: str, language: str) -> tuple[str, str]:
    return DEFAULTS.get(language, DEFAULTS["nl"])[key]


def fill(template: str, values: dict[str, str]) -> str:
    """Replace the known {placeholders}; anything else stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def unknown_placeholders(template: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(template) if name not in PLACEHOLDERS})


@dataclass(frozen=True)
class Text:
    key: str
    title: str
    body: str
    customised: bool


def texts_for(*, campaign: Campaign, language: str) -> dict[str, Text]:
    """Every toolkit text of the campaign in `language`, unfilled: HR's version, else the default."""
    own = {t.key: t for t in ToolkitText.objects.filter(campaign=campaign, language=language)}
    result = {}
    for kind in TEXT_KINDS:
        if kind.key in own:
            result[kind.key] = Text(kind.key, own[kind.key].title, own[kind.key].body, True)
        else:
            title, body = default_text(kind.key, language)
            result[kind.key] = Text(kind.key, title, body, False)
    return result


def filled_texts(*, campaign: Campaign, language: str, values: dict[str, str]) -> dict[str, Text]:
    return {
        key: Text(key, fill(t.title, values), fill(t.body, values), t.customised)
        for key, t in texts_for(campaign=campaign, language=language).items()
    }


@transaction.atomic
def toolkit_text_save(
    *, campaign: Campaign, key: str, language: str, title: str, body: str, by: User | None
) -> ToolkitText:
    """Store HR's version of one text; placeholders must be ones the toolkit can fill in."""
    if key not in KINDS:
        raise ValidationError(_("Unknown text."))
    errors = {}
    for field, value in (("title", title), ("body", body)):
        unknown = unknown_placeholders(value)
        if unknown:
            errors[field] = _("Unknown placeholder: %(names)s. Use only the placeholders listed.") % {
                "names": ", ".join("{" + n + "}" for n in unknown)
            }
    if not body.strip():
        errors["body"] = _("The text cannot be empty; reset it to the default instead.")
    if errors:
        raise ValidationError(errors)
    text, _created = ToolkitText.objects.update_or_create(
        campaign=campaign,
        key=key,
        language=language,
        defaults={"title": title, "body": body, "updated_by": by},
    )
    return text


@transaction.atomic
def toolkit_text_reset(*, campaign: Campaign, key: str, language: str) -> None:
    ToolkitText.objects.filter(campaign=campaign, key=key, language=language).delete()
