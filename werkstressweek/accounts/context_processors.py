from __future__ import annotations

from django.http import HttpRequest

from .navigation import nav_for


def organisation(request: HttpRequest) -> dict:
    org = getattr(request, "org", None)
    if org is None:
        return {}
    membership = request.membership  # type: ignore[attr-defined]
    return {
        "org": org,
        "membership": membership,
        "nav_items": nav_for(org.slug, membership.role, request.path),
    }
