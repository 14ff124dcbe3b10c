"""The organisation navigation: each entry names the roles that may use it.

Apps add their own entries here; the menu shows a role only what it may open. Entries marked
`more` (the organisation's set-up, used now and then) go into one "Organisation" dropdown, so HR's
menu fits on one line at 1280 px; on a phone the collapsed menu lists them under that heading.
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
    more: bool = False


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "org_home", tuple(Role.values)),
    NavItem(_("Campaigns"), "campaigns:list", tuple(Role.values)),
    NavItem(_("Pulses"), "measurements:pulses", tuple(Role.values)),
    NavItem(_("Reports"), "documents:reports", (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)),
    NavItem(_("Actions"), "actions:board", (Role.HR, Role.CORE_TEAM, Role.MANAGER, Role.WORKS_COUNCIL)),
    NavItem(_("Micro-interventions"), "interventions:library", (Role.HR, Role.CORE_TEAM), more=True),
    NavItem(_("Teams"), "accounts:teams", (Role.HR,), more=True),
    NavItem(_("People"), "accounts:members", (Role.HR,), more=True),
    NavItem(_("Channels"), "notify:channels", (Role.HR,), more=True),
    NavItem(_("Settings"), "accounts:org_settings", (Role.HR,), more=True),
]
# A dropdown for a single entry is one click too many: it stays in the bar.
MIN_DROPDOWN_ITEMS = 2


def nav_for(org_slug: str, role: str, current_path: str) -> list[dict]:
    """The menu entries for this role; entries used now and then are grouped under one dropdown
    (`{"label", "children", "active"}`) when there are at least two of them."""
    items, more = [], []
    for item in NAV_ITEMS:
        if role not in item.roles:
            continue
        try:
            url = reverse(item.url_name, kwargs={"org_slug": org_slug})
        except NoReverseMatch:
            continue
        home = item.url_name == "org_home"
        active = current_path == url if home else current_path.startswith(url)
        (more if item.more else items).append({"label": item.label, "url": url, "active": active})
    if len(more) >= MIN_DROPDOWN_ITEMS:
        items.append({"label": _("Organisation"), "children": more, "active": any(c["active"] for c in more)})
    else:
        items.extend(more)
    return items
