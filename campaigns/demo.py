"""Demo campaign for this year's Week van de Werkstress, created through the services."""

from __future__ import annotations

from django.utils import timezone

from werkstressweek.accounts.models import Membership, Organisation, Role, User

from . import services, signups
from .models import Campaign, CoreTeamRole, Theme
from .planning import step_date, week_of_work_stress
from .selectors import org_work_patterns

GOALS = [
    (
        "Minder ervaren werkdruk in de zorgteams",
        "preventie-psa",
        "pulse_score",
        "2.9",
        "3.4",
        "score (1–5)",
        "Pulsevraag werkdruk: nulmeting in oktober, nameting een week na de week",
    ),
    (
        "Minstens 60% doet mee aan één activiteit",
        "werk-privebalans",
        "participation",
        "0",
        "60",
        "%",
        "Aanmeldingen en aanwezigheid per activiteit",
    ),
]
EXTERNAL_CORE_TEAM = [("Sanne de Groot", "sanne.degroot@arbodienst.example", CoreTeamRole.FACILITATOR)]
AMBASSADORS = [
    ("Ahmed El Amrani", "Verpleegafdeling Noord"),
    ("Linda Smit", "Thuiszorg Oost"),
    ("Joris Mulder", "ICT"),
    ("Fenna Kok", "Planning & Roostering"),
]

RESOURCES = [
    ("budget_line", "Externe trainer micro-workshops", 1200, "Twee sessies, offerte akkoord"),
    ("budget_line", "Posters en drukwerk", 250, ""),
    ("location", "Aula hoofdgebouw", None, "Gereserveerd ma 16 nov 8:30–10:00"),
    ("tool", "Teams-webinar met opname", None, "Licentie via ICT"),
]


def load(*, org: Organisation, users: dict[str, User]) -> None:
    """Create the demo campaign once; running it again changes nothing."""
    year = timezone.localdate().year
    if Campaign.objects.filter(organisation=org, year=year).exists():
        return
    week = week_of_work_stress(year)
    campaign = services.campaign_create(
        org=org,
        name=f"Week van de Werkstress {year}",
        year=year,
        week_start=week,
        prep_weeks=8,
        budget=2500,
        by=users.get(Role.HR),
    )
    services.campaign_set_themes(
        campaign=campaign, themes=Theme.objects.filter(slug__in=["preventie-psa", "werk-privebalans"])
    )
    themes = {t.slug: t for t in campaign.themes.all()}
    for title, theme, kpi, baseline, target, unit, how in GOALS:
        services.goal_save(
            campaign=campaign,
            title=title,
            theme=themes[theme],
            kpi_kind=kpi,
            dimension="workload" if kpi == "pulse_score" else "",
            baseline=baseline,
            target=target,
            unit=unit,
            measured_how=how,
        )
    roles = {
        Role.HR: CoreTeamRole.HOST,
        Role.CORE_TEAM: CoreTeamRole.COMMUNICATION,
        Role.MANAGER: CoreTeamRole.MANAGER,
    }
    members = {}
    for role, team_role in roles.items():
        membership = Membership.objects.get(organisation=org, user=users[role])
        members[team_role] = services.core_team_member_save(
            campaign=campaign, membership=membership, name="", email="", role=team_role
        )
    for name, email, team_role in EXTERNAL_CORE_TEAM:
        members[team_role] = services.core_team_member_save(
            campaign=campaign, membership=None, name=name, email=email, role=team_role
        )
    teams = {t.name: t for t in org.teams.all()}
    ambassador_membership = Membership.objects.filter(
        organisation=org, user=users.get(Role.AMBASSADOR)
    ).first()
    for name, team_name in AMBASSADORS:
        if team_name not in teams:
            continue
        membership = ambassador_membership if name == "Ahmed El Amrani" else None
        services.ambassador_save(
            campaign=campaign,
            membership=membership,
            name="" if membership else name,
            email="",
            team=teams[team_name],
        )
    services.agenda_apply_suggestion(campaign=campaign, patterns=org_work_patterns(org=org))
    services.communication_apply_suggestion(campaign=campaign)
    services.campaign_set_measurement_plan(
        campaign=campaign,
        baseline_date=step_date(offset_days=-28, week_start=week, prep_weeks=8),
        followup_date=step_date(offset_days=7, week_start=week, prep_weeks=8),
        pulse_cadence="fortnightly",
        rie_psa_link="RI&E 2025, plan van aanpak punt 4: werkdruk en roosterdruk in de zorgteams.",
    )
    services.campaign_publish_agenda(campaign=campaign)
    services.campaign_update(campaign=campaign, status=campaign.expected_status())
    _signups(campaign=campaign, by=users.get(Role.HR))
    for kind, name, amount, notes in RESOURCES:
        services.resource_save(campaign=campaign, kind=kind, name=name, amount=amount, notes=notes)
    # Tick off the steps that are due by now (or the first six when the week is still far away),
    # assigning owners so the dashboard shows who does what.
    today = timezone.localdate()
    owners = [members[CoreTeamRole.HOST], members[CoreTeamRole.COMMUNICATION], members[CoreTeamRole.MANAGER]]
    steps = list(campaign.steps.order_by("due_on", "order"))
    due = [s for s in steps if s.due_on <= today][:-2] or steps[:6]
    for index, step in enumerate(steps):
        services.plan_step_reassign(step=step, owner=owners[index % len(owners)])
    for step in due:
        services.plan_step_toggle(step=step, by=users.get(Role.HR))
    for item in campaign.communications.filter(planned_on__lt=today):
        services.communication_save(campaign=campaign, item=item, status="sent", views=140, reactions=12)


def _signups(*, campaign: Campaign, by: User | None) -> None:
    """Sign-ups for the activities still ahead, counted attendance for those that have started:
    about half of the people took part, so the participation goal (60%) is not reached yet."""
    now = timezone.now()
    for index, activity in enumerate(campaign.activities.order_by("starts_at", "pk")):
        if activity.starts_at <= now:
            signups.attendance_record(activity=activity, count=3 + (index * 3) % 6, by=by, now=now)
        else:
            for n in range(2 + index % 4):
                signups.signup_create(activity=activity, name="" if n % 2 else f"Collega {index}-{n}")
