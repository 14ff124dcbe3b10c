"""Answer counts of closed pulses, computed once and kept.

A closed pulse never opens again, so its answers no longer change: closing rewrites them in random
order (same counts) and retention may delete them later. The comparison page and the trend read
the counts of every closed pulse of the organisation on each request, a GROUP BY over all their
answers (10 pulses of 10 000 responses: ~500 000 rows). Here those counts are kept in the cache
under the organisation, the pulse, the moment its closing job ran and its number of responses.
That number is counted on each request (an index-only count, a fraction of the GROUP BY): when
retention deletes a pulse's answers it changes, and the kept counts are not used again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.core.cache import cache
from django.db.models import Count

from ..models import SCALE, Pulse, Response
from .results import answer_counts, results_available

TALLY_TIMEOUT_SECONDS = 30 * 24 * 3600


def _key(pulse: Pulse, responses: int) -> str:
    # closed_at is the moment the closing job ran (to the microsecond): with the organisation it
    # tells this pulse apart from any other that might ever get the same id (SQLite reuses ids).
    return f"tally:1:{pulse.organisation_id}:{pulse.pk}:{pulse.closed_at.isoformat()}:{responses}"


def closed_answer_counts(pulses: Sequence[Pulse]) -> dict[tuple, list[int]]:
    """`answer_counts` of the pulses ({(pulse, team, dimension): [count of score 1..5]}); those of
    closed pulses come from the cache where it holds them, any other pulse is counted afresh."""
    # Kept only once the closing job has run: its answers are final and rewritten by then.
    closed = [p for p in pulses if results_available(p) and p.closed_at is not None]
    keys: dict[int, str] = {}
    if closed:
        sizes = dict(
            Response.objects.filter(pulse_id__in=[p.pk for p in closed])
            .values("pulse_id")
            .annotate(n=Count("*"))
            .order_by()
            .values_list("pulse_id", "n")
        )
        keys = {p.pk: _key(p, sizes.get(p.pk, 0)) for p in closed}
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [p.pk for p in pulses if keys.get(p.pk) not in found]
    fresh = answer_counts(missing) if missing else {}
    per_pulse: dict[int, list] = {pk: [] for pk in missing}
    for key, row in fresh.items():
        per_pulse[key[0]].append((key, row))
    keep = {keys[pk]: rows for pk, rows in per_pulse.items() if pk in keys}
    if keep:
        cache.set_many(keep, timeout=TALLY_TIMEOUT_SECONDS)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(SCALE))
    for rows in [*found.values(), *per_pulse.values()]:
        for key, row in rows:
            counts[tuple(key)] = list(row)
    return counts
