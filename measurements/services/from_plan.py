"""From the campaign's measurement plan to pulses: the prefilled pulse form and the warnings it needs.

"Plan this pulse" on the campaign page opens the pulse form with the campaign, kind, title and dates
of the plan; "after the week" (weekly / fortnightly) becomes a recurring pulse whose first round
opens one interval after the follow-up.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Team

from ..models import PulseKind, Recurrence
from .pulses import RECURRENCE_DAYS

OPENS_AT = dt.time(8, 0)
CLOSES_AT = dt.time(17, 0)
ROUND_DAYS = 7  # a baseline or follow-up stays open for a week


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _follow_up_day(campaign) -> dt.date:
    """The planned follow-up day, or the Monday after the week when the plan has none."""
    return campaign.followup_date or campaign.week_start + dt.timedelta(days=7)


def pulse_initial_from_plan(*, org: Organisation, campaign_id: str | None, kind: str | None) -> dict:
    """Initial data of the pulse form for a campaign's planned pulse; {} for an unknown campaign.

    Only prefills: HR still chooses questions and teams (all teams ticked) and may change anything.
    """
    initial: dict = {"kind": kind if kind in PulseKind.values else PulseKind.BASELINE}
    if not campaign_id or not str(campaign_id).isdigit() or len(str(campaign_id)) > 18:
        return initial
    campaign = org.campaigns.filter(pk=int(campaign_id)).first()
    if campaign is None:
        return initial
    kind = initial["kind"]
    initial.update({"campaign": campaign.pk, "teams": list(org.teams.values_list("pk", flat=True))})
    opens: dt.datetime | None = None
    closes: dt.datetime | None = None
    if kind == PulseKind.BASELINE:
        initial["title"] = _("Baseline %(campaign)s") % {"campaign": campaign.name}
        if campaign.baseline_date:
            opens = _at(campaign.baseline_date, OPENS_AT)
            # The baseline closes before the week starts.
            last = min(campaign.baseline_date + dt.timedelta(days=ROUND_DAYS), campaign.week_start)
            closes = _at(last, CLOSES_AT) if last < campaign.week_start else _at(last, OPENS_AT)
    elif kind == PulseKind.FOLLOW_UP:
        initial["title"] = _("Follow-up %(campaign)s") % {"campaign": campaign.name}
        if campaign.followup_date:
            opens = _at(campaign.followup_date, OPENS_AT)
            closes = _at(campaign.followup_date + dt.timedelta(days=ROUND_DAYS), CLOSES_AT)
    elif kind == PulseKind.RECURRING:
        initial["title"] = _("Pulse after the week %(campaign)s") % {"campaign": campaign.name}
        cadence = (
            campaign.pulse_cadence if campaign.pulse_cadence in RECURRENCE_DAYS else Recurrence.FORTNIGHTLY
        )
        days = RECURRENCE_DAYS[cadence]
        first = _follow_up_day(campaign) + dt.timedelta(days=days)
        initial["recurrence"] = cadence
        opens = _at(first, OPENS_AT)
        closes = _at(first + dt.timedelta(days=days - 3), CLOSES_AT)
    elif kind == PulseKind.DURING:
        initial["title"] = _("During %(campaign)s") % {"campaign": campaign.name}
        opens = _at(campaign.week_start, OPENS_AT)
        closes = _at(campaign.week_end, CLOSES_AT)
    if opens is not None and closes is not None:
        initial.update({"opens_at": opens, "closes_at": closes})
    return initial


def planned_pulses(*, campaign) -> list[dict]:
    """The pulses of the measurement plan with whether a linked pulse of that kind exists yet."""
    linked = set(campaign.pulses.values_list("kind", flat=True))
    rows = [
        {"kind": PulseKind.BASELINE, "label": _("Baseline pulse"), "day": campaign.baseline_date},
        {"kind": PulseKind.FOLLOW_UP, "label": _("Follow-up pulse"), "day": campaign.followup_date},
    ]
    if campaign.pulse_cadence in RECURRENCE_DAYS:
        rows.append(
            {
                "kind": PulseKind.RECURRING,
                "label": _("Recurring pulse after the week (%(cadence)s)")
                % {"cadence": campaign.get_pulse_cadence_display().lower()},
                "day": _follow_up_day(campaign) + dt.timedelta(days=RECURRENCE_DAYS[campaign.pulse_cadence]),
            }
        )
    for row in rows:
        row["exists"] = row["kind"] in linked
    return rows


def teams_below_k(*, org: Organisation, teams) -> list[Team]:
    """Teams with fewer people than k: their own results will never be shown (headcount 0 is unknown)."""
    k = org.min_group_size
    return [t for t in teams if 0 < t.headcount < k]
