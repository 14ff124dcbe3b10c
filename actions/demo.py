"""Demo plan of action: actions at all three levels, check-ins in different states (one overdue)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from campaigns.models import Campaign
from werkstressweek.accounts.models import Membership, Organisation, Role, Team, User

from . import services
from .models import (
    Action,
    AdviceKind,
    AdvicePosition,
    Level,
    PreconditionKind,
    PreconditionStatus,
    Priority,
    Progress,
    Risk,
    Source,
    Status,
)


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Create the demo plan of action once; running it again changes nothing."""
    if Action.objects.filter(organisation=org).exists():
        return
    today = timezone.localdate()
    hr = Membership.objects.get(organisation=org, user=users[Role.HR])
    manager = Membership.objects.get(organisation=org, user=users[Role.MANAGER])
    # The demo organisation's teams by name; any other organisation (tests) uses its own teams.
    teams = list(Team.objects.filter(organisation=org).order_by("name"))
    by_name = {team.name: team for team in teams}
    wards = by_name.get("Verpleegafdeling Noord", teams[0])
    planning = by_name.get("Planning & Roostering", teams[-1])
    campaign = Campaign.objects.filter(organisation=org).order_by("-week_start").first()

    # Organisation level, started before the week: two check-ins done, the 90-day one overdue.
    meetings = services.action_create(
        org=org,
        by=users[Role.HR],
        title="Werkdruk als vast agendapunt in elk teamoverleg",
        description="Elk team bespreekt maandelijks de werkdruk en spreekt één verbetering af.",
        risk=Risk.WORKLOAD,
        level=Level.ORGANISATION,
        owner_membership=hr,
        start_date=today - dt.timedelta(days=100),
        deadline=today + dt.timedelta(days=60),
        measure_what="Teams die werkdruk maandelijks bespreken",
        measure_target="100% van de teams",
        measure_how="Notulen teamoverleg, steekproef per kwartaal",
        source=Source.RIE,
        rie_reference="RI&E 2025 – PSA-1",
        priority=Priority.HIGH,
        status=Status.IN_PROGRESS,
    )
    checkins = {c.day: c for c in meetings.checkins.all()}
    services.checkin_record(
        checkin=checkins[30],
        progress=Progress.ON_TRACK,
        note="Vier van zes teams gestart.",
        measured_value="67%",
        by=users[Role.HR],
    )
    services.checkin_record(
        checkin=checkins[60],
        progress=Progress.AT_RISK,
        note="Facilitair en ICT slaan het punt vaak over.",
        measured_value="67%",
        by=users[Role.HR],
    )

    # Team level, from the pulse: check-ins follow the campaign week.
    services.action_create(
        org=org,
        by=users[Role.MANAGER],
        campaign=campaign,
        title="Vaste pauzetijden en een stille ruimte op de afdeling",
        risk=Risk.WORKLOAD,
        level=Level.TEAM,
        team=wards,
        owner_membership=manager,
        start_date=today,
        deadline=today + dt.timedelta(days=90),
        measure_what="Werkdruk",
        measure_target="3,4 of hoger",
        measure_how="Pulsscore werkdruk (1–5) in de volgende puls",
        measure_dimension="workload",
        source=Source.PULSE,
        priority=Priority.HIGH,
    )
    if campaign is not None:
        _retro(campaign, users[Role.HR], hr, planning, today)

    # Individual level: a measure offered to individuals, never data about a person.
    coaching = services.action_create(
        org=org,
        by=users[Role.HR],
        title="Drie gesprekken met een loopbaancoach aanbieden bij werkstress",
        risk=Risk.WORKLOAD,
        level=Level.INDIVIDUAL,
        owner_membership=hr,
        start_date=today - dt.timedelta(days=35),
        deadline=today + dt.timedelta(days=150),
        measure_what="Aantal aanvragen (geanonimiseerd)",
        measure_target="bekend bij 80% van de medewerkers",
        expertise="Loopbaancoach (extern)",
        source=Source.RIE,
        rie_reference="RI&E 2025 – PSA-3",
        priority=Priority.LOW,
        budget=4500,
    )
    services.checkin_record(
        checkin=coaching.checkins.get(day=30),
        progress=Progress.ON_TRACK,
        note="Aanbod staat op intranet; eerste aanvragen binnen.",
        measured_value="6 aanvragen",
        by=users[Role.HR],
    )
    _preconditions(org, today)
    services.agreement_save(
        team=wards,
        by=users[Role.MANAGER],
        agreed_on=today - dt.timedelta(days=2),
        note="Afgesproken in het teamoverleg na de Week van de Werkstress; evaluatie over drie maanden.",
        **{
            **services.AGREEMENT_TEMPLATE,
            "reachability": "Na de dienst zijn we niet bereikbaar; de overdracht is compleet voordat we gaan.",
            "breaks": "Iedere dienst een pauze van 30 minuten in de stille ruimte; de coördinator bewaakt dat.",
        },
    )
    year, quarter = services.follow_up.previous_quarter(today)
    services.evaluation_record(
        org=org,
        by=users[Role.HR],
        year=year,
        quarter=quarter,
        what_changed="Werkdruk is vast agendapunt in vier van de zes teams; de RI&E-actielijst is bijgewerkt.",
        rie_updated=True,
        actions_reviewed=[meetings, coaching],
    )
    services.advice_record(
        org=org,
        by=users[Role.WORKS_COUNCIL],
        kind=AdviceKind.ADVICE,
        given_on=today - dt.timedelta(days=20),
        position=AdvicePosition.CONDITIONAL,
        conditions="Evaluatie van de acties met de OR na het eerste kwartaal.",
        note="De OR steunt de aanpak van werkdruk en vraagt om aandacht voor de nachtdiensten.",
    )


def _preconditions(org: Organisation, today: dt.date) -> None:
    """Partly done: the confidential adviser and the company doctor are in place, the rest is not."""
    reviewed = today - dt.timedelta(days=200)
    services.precondition_save(
        org=org,
        kind=PreconditionKind.CONFIDENTIAL_ADVISER,
        status=PreconditionStatus.IN_PLACE,
        public_info="Vertrouwenspersoon: Karin de Boer (extern, Arbo Advies Noord)\n"
        "Bel 050 123 45 67 of mail vertrouwenspersoon@arboadvies.example — ook anoniem.",
        last_reviewed_on=reviewed,
    )
    services.precondition_save(
        org=org,
        kind=PreconditionKind.COMPANY_DOCTOR,
        status=PreconditionStatus.IN_PLACE,
        public_info="Bedrijfsarts via de arbodienst: open spreekuur op dinsdag, bel 050 765 43 21.",
        last_reviewed_on=today - dt.timedelta(days=400),
    )
    services.precondition_save(
        org=org,
        kind=PreconditionKind.REPORTING_ROUTE,
        status=PreconditionStatus.IN_PROGRESS,
        public_info="Meld ongewenst gedrag bij je leidinggevende of de vertrouwenspersoon.",
        note="Meldroute wordt herschreven met de OR.",
    )
    services.precondition_save(
        org=org,
        kind=PreconditionKind.RIE,
        status=PreconditionStatus.IN_PLACE,
        dated_on=today - dt.timedelta(days=300),
        last_reviewed_on=reviewed,
    )
    services.precondition_save(org=org, kind=PreconditionKind.PSA_POLICY, status=PreconditionStatus.MISSING)


def _retro(campaign: Campaign, by: User, hr: Membership, planning: Team, today: dt.date) -> None:
    """The retro after the week; one bottleneck became the planning team's action."""
    for kind, text in [
        ("success", "Het ochtendspreekuur in de aula trok 80 collega's, ook uit de nachtdienst."),
        ("success", "Ambassadeurs uit vier teams maakten de week zichtbaar op de afdelingen."),
        ("learning", "Online sessies van 20 minuten werken beter dan een uur."),
        ("bottleneck", "Teamoverleggen lopen structureel uit; er blijft geen tijd voor werkdruk."),
    ]:
        services.retro_item_add(campaign=campaign, kind=kind, text=text, by=by)
    homecare = services.retro_item_add(
        campaign=campaign,
        kind="bottleneck",
        text="Te weinig mensen uit de thuiszorg konden aansluiten: activiteiten vielen onder werktijd.",
        by=by,
    )
    services.retro_item_to_action(item=homecare, by=by, owner=hr)
    item = services.retro_item_add(
        campaign=campaign,
        kind="bottleneck",
        text="Roosterwijzigingen op het laatste moment maken pauzes en herstel onvoorspelbaar.",
        by=by,
    )
    action = services.retro_item_to_action(item=item, by=by, owner=hr)
    services.action_update(
        action=action,
        title="Rooster twee weken vooruit vastzetten",
        risk=Risk.BALANCE,
        level=Level.TEAM,
        team=planning,
        owner_membership=None,
        owner_name="Fenna Kok",
        owner_email="fenna.kok@demo.nl",
        deadline=today + dt.timedelta(days=75),
        measure_what="Roosterwijzigingen binnen twee weken",
        measure_target="minder dan 5 per maand",
        priority=Priority.MEDIUM,
        budget=0,
    )
