"""Changing the micro-intervention library: an organisation's own interventions, and the anonymous
"was this helpful?" count — the only thing recorded about their use."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation

from ..models import HelpfulCount, Intervention, InterventionKind, Theme
from ..models.interventions import MAX_SECONDS, MIN_SECONDS

FIELDS = (
    "kind",
    "duration_seconds",
    "theme",
    "title_nl",
    "title_en",
    "text_nl",
    "text_en",
    "prompts_nl",
    "prompts_en",
)


def _validate(values: dict) -> None:
    errors = {}
    if values.get("kind") not in InterventionKind.values:
        errors["kind"] = _("Choose a kind.")
    seconds = values.get("duration_seconds")
    if seconds is None or not MIN_SECONDS <= seconds <= MAX_SECONDS:
        errors["duration_seconds"] = _(
            "A micro-intervention takes between 30 seconds and 5 minutes (300 seconds)."
        )
    if not (values.get("title_nl") or "").strip():
        errors["title_nl"] = _("Give it a Dutch title.")
    if not (values.get("text_nl") or "").strip():
        errors["text_nl"] = _("Write the Dutch text.")
    theme = values.get("theme")
    if theme is not None and not isinstance(theme, Theme):
        errors["theme"] = _("Choose a theme.")
    if errors:
        raise ValidationError(errors)


def _clean(values: dict) -> dict:
    structured = ("kind", "duration_seconds", "theme")
    return {key: value if key in structured else (value or "").strip() for key, value in values.items()}


@transaction.atomic
def intervention_create(*, org: Organisation, **values) -> Intervention:
    """Add an organisation's own intervention to its library."""
    values = {key: values.get(key) for key in FIELDS}
    _validate(values)
    return Intervention.objects.create(organisation=org, **_clean(values))


@transaction.atomic
def intervention_update(*, intervention: Intervention, org: Organisation, **values) -> Intervention:
    """Change one of the organisation's own interventions (the shared library is read-only)."""
    if intervention.organisation_id != org.id:
        raise ValidationError(
            _("Interventions from the shared library cannot be changed; add your own instead.")
        )
    merged = {key: values.get(key, getattr(intervention, key)) for key in FIELDS}
    _validate(merged)
    for key, value in _clean(merged).items():
        setattr(intervention, key, value)
    intervention.save()
    return intervention


@transaction.atomic
def intervention_delete(*, intervention: Intervention, org: Organisation) -> None:
    if intervention.organisation_id != org.id:
        raise ValidationError(_("Interventions from the shared library cannot be removed."))
    intervention.delete()


def helpful_record(*, intervention: Intervention, helpful: bool, day: date | None = None) -> None:
    """Count one anonymous answer for today. No person, time, address or cookie is kept."""
    day = day or localdate()
    column = "helpful" if helpful else "not_helpful"
    updated = HelpfulCount.objects.filter(intervention=intervention, day=day).update(
        **{column: F(column) + 1}
    )
    if updated:
        return
    try:
        with transaction.atomic():
            HelpfulCount.objects.create(intervention=intervention, day=day, **{column: 1})
    except IntegrityError:  # another answer created today's row first
        HelpfulCount.objects.filter(intervention=intervention, day=day).update(**{column: F(column) + 1})
