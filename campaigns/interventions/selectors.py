from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.timezone import localdate

from werkstressweek.accounts.models import Organisation

from ..models import Intervention


def interventions_for(*, org: Organisation, days: int = 30) -> QuerySet[Intervention]:
    """The shared library and the organisation's own interventions, with the helpful counts of the
    last `days` days."""
    since = localdate() - timedelta(days=days)
    recent = Q(helpful_counts__day__gte=since)
    return (
        Intervention.objects.filter(Q(organisation=None) | Q(organisation=org))
        .select_related("theme")
        .annotate(
            helpful_total=Coalesce(Sum("helpful_counts__helpful", filter=recent), 0),
            not_helpful_total=Coalesce(Sum("helpful_counts__not_helpful", filter=recent), 0),
        )
        .order_by("kind", "duration_seconds", "title_nl")
    )
