"""Demo organisation, teams and users, created through the same services as the UI."""

from __future__ import annotations

from .models import Membership, Organisation, Role, Team, User, WorkPattern
from .services import membership_set, organisation_create, team_save

DEMO_PASSWORD = "werkstress-demo"  # noqa: S105 (published demo login)
DEMO_ORG_SLUG = "demo"

DEMO_TEAMS = [
    # name, headcount, work pattern
    ("Verpleegafdeling Noord", 38, WorkPattern.SHIFT),
    ("Thuiszorg Oost", 24, WorkPattern.SHIFT),
    ("Planning & Roostering", 9, WorkPattern.HYBRID),
    ("HR & Financiën", 14, WorkPattern.OFFICE),
    ("ICT", 11, WorkPattern.REMOTE),
    ("Facilitair", 6, WorkPattern.OFFICE),
]

DEMO_USERS = [
    # e-mail, name, role, managed team
    ("hr@demo.nl", "Hanna de Vries", Role.HR, None),
    ("kernteam@demo.nl", "Koen Jansen", Role.CORE_TEAM, None),
    ("manager@demo.nl", "Mirjam Bakker", Role.MANAGER, "Verpleegafdeling Noord"),
    ("ambassadeur@demo.nl", "Ahmed El Amrani", Role.AMBASSADOR, None),
    ("or@demo.nl", "Olga Visser", Role.WORKS_COUNCIL, None),
]


def load() -> tuple[Organisation, dict[str, User]]:
    """Create or refresh the demo organisation; safe to run any number of times."""
    org = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first() or organisation_create(
        name="Demo Zorg BV", slug=DEMO_ORG_SLUG
    )
    teams: dict[str, Team] = {}
    for name, headcount, pattern in DEMO_TEAMS:
        existing = Team.objects.filter(organisation=org, name=name).first()
        teams[name] = existing or team_save(org=org, name=name, headcount=headcount, work_pattern=pattern)
    users: dict[str, User] = {}
    for email, name, role, team_name in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
        users[role] = user
        if not Membership.objects.filter(user=user, organisation=org).exists():
            membership_set(user=user, org=org, role=role, teams=[teams[team_name]] if team_name else [])
    return org, users
