"""The organisation navigation: each entry names the roles that may use it.

Apps add their own entries here; the menu shows a role only what it may open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "org_home", tuple(Role.values)),
    NavItem(_("Campaigns"), "campaigns:list", tuple(Role.values)),
    NavItem(_("Pulses"), "measurements:pulses", tuple(Role.values)),
    NavItem(_("Reports"), "documents:reports", (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)),
    NavItem(_("Actions"), "actions:board", (Role.HR, Role.CORE_TEAM, Role.MANAGER, Role.WORKS_COUNCIL)),
    NavItem(_("Micro-interventions"), "interventions:library", (Role.HR, Role.CORE_TEAM)),
    NavItem(_("Teams"), "accounts:teams", (Role.HR,)),
    NavItem(_("People"), "accounts:members", (Role.HR,)),
    NavItem(_("Channels"), "notify:channels", (Role.HR,)),
    NavItem(_("Settings"), "accounts:org_settings", (Role.HR,)),
]


def nav_for(org_slug: str, role: str, current_path: str) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if role not in item.roles:
            continue
        try:
            url = reverse(item.url_name, kwargs={"org_slug": org_slug})
        except NoReverseMatch:
            continue
        home = item.url_name == "org_home"
        active = current_path == url if home else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
