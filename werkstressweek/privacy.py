"""The anonymity rules as they hold for one organisation, from the one permission table and its settings.

The public privacy page and the anonymity statement (a PDF for the works council) both render
this context, so they cannot say different things.
"""

from __future__ import annotations

from measurements.permissions import table

from .accounts.models import MIN_GROUP_SIZE_DEFAULT, MIN_GROUP_SIZE_FLOOR, Organisation


def privacy_context(org: Organisation | None) -> dict:
    """k, its floor, who sees what and how long data is kept (the defaults without an organisation)."""
    from .retention.models import RetentionPolicy
    from .retention.services import retention_policy

    return {
        "privacy_org": org,
        "k": org.min_group_size if org else MIN_GROUP_SIZE_DEFAULT,
        "k_floor": MIN_GROUP_SIZE_FLOOR,
        "access_table": table(),
        "retention": retention_policy(org=org) if org else RetentionPolicy(),
    }
