"""What a pulse says about an action's measurement point.

The only place where the actions app reads pulse results; it uses the measurements selectors
read-only, so suppression (k, secondary suppression, role scoping) is theirs, not ours.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from werkstressweek.accounts.models import Membership

from .models import Action
from .permissions import team_ids


@dataclass(frozen=True)
class MeasuredResult:
    pulse_title: str
    pulse_id: int
    closed_on: object
    k: int
    hidden: bool
    mean: float | None = None
    favourable: float | None = None
    light: str = "hidden"


def latest_pulse_result(*, action: Action, membership: Membership) -> MeasuredResult | None:
    """The latest closed pulse's result for the action's team (or the organisation) and dimension.

    None when the action does not measure a pulse dimension or no closed pulse asked about it;
    `hidden` when the group is below k or otherwise suppressed for this member.
    """
    if not action.measure_dimension:
        return None
    from measurements import selectors
    from measurements.models import Pulse

    pulses = Pulse.objects.filter(
        organisation_id=action.organisation_id,
        closes_at__lte=timezone.now(),
        pulse_questions__question__dimension=action.measure_dimension,
    )
    if action.team_id:
        pulses = pulses.filter(pulse_teams__team_id=action.team_id)
    pulse = pulses.select_related("organisation").order_by("-closes_at", "-pk").first()
    if pulse is None:
        return None
    results = selectors.results_for_audience(pulse, role=membership.role, team_ids=team_ids(membership))
    if results is None:  # not closed yet: no figure (the filter above already asks for closed pulses)
        return None
    group = results.for_team(action.team_id) if action.team_id else results.total
    base = {
        "pulse_title": pulse.title,
        "pulse_id": pulse.pk,
        "closed_on": timezone.localtime(pulse.closes_at).date(),
        "k": results.k,
    }
    cell = group.cells.get(action.measure_dimension) if group is not None and not group.hidden else None
    if cell is None or cell.mean is None:
        return MeasuredResult(hidden=True, **base)
    return MeasuredResult(hidden=False, mean=cell.mean, favourable=cell.favourable, light=cell.light, **base)
