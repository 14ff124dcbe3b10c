"""Feedback to employees (terugkoppeling): what a closed pulse showed and what the organisation does.

One context serves the PDF and the public page, so the page never shows more than the PDF. It
is read through the measurements `*_for_audience` selectors: the organisation total, and teams
only when HR chose so and only the teams shown to everyone with a role (at least k answers, not
hidden to protect another team, not padded). No comments, no distributions, no figures of a
hidden group, no names of hidden teams.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from werkstressweek.accounts.models import Organisation, Role, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record

from .models import FeedbackPage

AUDIENCE = {"role": Role.WORKS_COUNCIL, "team_ids": ()}


def _verdict(light: str, direction: str | None) -> str:
    """'well' or 'attention' for one theme: good or clearly better goes well, unless clearly worse."""
    if direction == "down":
        return "attention"
    if light == "green" or direction == "up":
        return "well"
    return "attention"


def feedback_actions(*, pulse) -> list:
    """The actions that follow from this pulse or its campaign, cancelled ones left out."""
    from actions.models import Action, Status

    linked = Q(source_pulse=pulse)
    if pulse.campaign_id:
        linked |= Q(campaign_id=pulse.campaign_id)
    return list(
        Action.objects.filter(linked, organisation_id=pulse.organisation_id)
        .exclude(status=Status.CANCELLED)
        .select_related("team")
        .order_by("deadline", "pk")
    )


def feedback_context(*, pulse, include_teams: bool = False) -> dict:
    """What employees are told about a closed pulse. Raises ValueError for a pulse not closed."""
    from measurements.models import Dimension
    from measurements.selectors import comparison_for_audience, results_for_audience

    from .exporters.measurement import default_baseline

    results = results_for_audience(pulse, **AUDIENCE)
    if results is None:
        raise ValueError("Feedback exists only for a closed pulse.")
    total = results.total
    shown = total is not None and not total.hidden
    baseline = default_baseline(pulse)
    changes: dict[str, str] = {}
    if shown and baseline is not None:
        scoped = comparison_for_audience(baseline, pulse, **AUDIENCE)
        if scoped is not None and scoped[0].total is not None and not scoped[0].total.hidden:
            changes = {d: c.direction for d, c in scoped[0].total.changes.items()}
    themes = []
    if shown:
        for d in results.dimensions:
            cell = total.cells[d]
            direction = changes.get(d)
            themes.append(
                {
                    "label": str(Dimension(d).label),
                    "mean": cell.mean,
                    "light": cell.light,
                    "favourable": cell.favourable,
                    "direction": direction if direction in ("up", "down", "unclear") else None,
                    "verdict": _verdict(cell.light, direction),
                }
            )
    teams = []
    if include_teams and shown:
        for group in results.teams:
            if group.hidden or group.padded:
                continue
            teams.append(
                {
                    "name": group.name,
                    "respondents": group.respondents,
                    "cells": [
                        {"mean": group.cells[d].mean, "light": group.cells[d].light}
                        for d in results.dimensions
                    ],
                }
            )
    visible_team_ids = {g.team.pk for g in results.teams if not (g.hidden or g.padded)} if teams else set()
    actions = [
        {
            "title": a.title,
            "description": a.description,
            "level": a.get_level_display(),
            "team_level": a.level == "team",
            # A team is named only when its results are on this page too.
            "team": a.team.name if a.team_id and a.team_id in visible_team_ids else "",
            "deadline": a.deadline,
            "status": a.get_status_display(),
            "done": a.status == "done",
        }
        for a in feedback_actions(pulse=pulse)
    ]
    return {
        "pulse": pulse,
        "k": results.k,
        "shown": shown,
        "respondents": total.respondents if shown else None,
        "participation": total.participation if shown else None,
        "baseline": baseline if changes else None,
        "themes": themes,
        "going_well": [t for t in themes if t["verdict"] == "well"],
        "attention": [t for t in themes if t["verdict"] == "attention"],
        "dimensions": [str(Dimension(d).label) for d in results.dimensions],
        "teams": teams,
        "include_teams": include_teams,
        "actions": actions,
    }


# --- The public page ------------------------------------------------------------------------------


def feedback_page_for(*, pulse) -> FeedbackPage | None:
    return FeedbackPage.objects.filter(pulse=pulse).first()


def feedback_page_by_token(*, token: str) -> FeedbackPage | None:
    """The published page behind a link; None for an unknown, unpublished or malformed one."""
    if not token or len(token) > 64:
        return None
    page = (
        FeedbackPage.objects.filter(token=token)
        .select_related("organisation", "pulse__organisation__result_settings", "pulse__campaign")
        .first()
    )
    if page is None or page.pulse.state() != "closed":
        return None
    return page


@transaction.atomic
def feedback_publish(*, org: Organisation, pulse, by: User | None, include_teams: bool) -> FeedbackPage:
    """Publish (or update) the pulse's feedback page. A page already published keeps its link."""
    if pulse.organisation_id != org.pk:
        raise ValueError("The pulse belongs to another organisation.")
    if pulse.state() != "closed":
        raise ValueError("Feedback can be published only for a closed pulse.")
    page, _created = FeedbackPage.objects.select_for_update().get_or_create(
        pulse=pulse, defaults={"organisation": org}
    )
    newly = not page.token
    if newly:
        page.token = secrets.token_urlsafe(32)  # 256 bits
        page.published_at = timezone.now()
        page.published_by = by
    page.include_teams = include_teams
    page.save()
    audit_record(
        org=org,
        by=by,
        action=AuditAction.FEEDBACK_PUBLISHED,
        subject=pulse.title,
        details={"pulse": pulse.pk, "teams": include_teams, "new_link": newly},
    )
    return page


@transaction.atomic
def feedback_unpublish(*, org: Organisation, pulse, by: User | None) -> None:
    """Take the page offline: its link stops working at once."""
    page = FeedbackPage.objects.select_for_update().filter(pulse=pulse, organisation=org).first()
    if page is None or not page.token:
        return
    page.token = None
    page.save(update_fields=["token"])
    audit_record(
        org=org,
        by=by,
        action=AuditAction.FEEDBACK_UNPUBLISHED,
        subject=pulse.title,
        details={"pulse": pulse.pk},
    )


def feedback_overview(*, org: Organisation) -> list[tuple]:
    """(pulse, page or None) for every closed pulse of the organisation, newest first, two queries."""
    from measurements.selectors import closed_pulses

    pulses = list(closed_pulses(org))
    pages = {p.pulse_id: p for p in FeedbackPage.objects.filter(organisation=org, pulse__in=pulses)}
    return [(pulse, pages.get(pulse.pk)) for pulse in pulses]
