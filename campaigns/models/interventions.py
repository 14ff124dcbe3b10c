"""Micro-interventions: 30-second to 5-minute moments of recovery, from a seeded library (shared by
all organisations, Dutch and English) or added by an organisation's HR."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import BilingualMixin

MIN_SECONDS = 30
MAX_SECONDS = 300


class InterventionKind(models.TextChoices):
    MORNING_PROMPT = "morning_prompt", _("Morning prompt")
    BREATHING_RESET = "breathing_reset", _("Breathing reset")
    BOUNDARY_REMINDER = "boundary_reminder", _("Digital boundary reminder")
    REFLECTION = "reflection", _("End-of-day reflection")
    POSTURE_CHECK = "posture_check", _("Posture and stretch check")
    WALKING_BREAK = "walking_break", _("Walking break")
    ENERGY_CHECK = "energy_check", _("Energy traffic light")


def new_code() -> str:
    return secrets.token_urlsafe(9)


class Intervention(BilingualMixin, models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interventions",
        help_text=_("Empty for the shared library."),
    )
    code = models.SlugField(_("link code"), max_length=80, unique=True, default=new_code)
    kind = models.CharField(_("kind"), max_length=20, choices=InterventionKind.choices)
    duration_seconds = models.PositiveSmallIntegerField(_("duration (seconds)"))
    theme = models.ForeignKey(
        "campaigns.Theme", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("theme")
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    text_nl = models.TextField(_("text (Dutch)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    prompts_nl = models.TextField(_("reflection prompts (Dutch)"), blank=True, help_text=_("One per line."))
    prompts_en = models.TextField(_("reflection prompts (English)"), blank=True, help_text=_("One per line."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("micro-intervention")
        verbose_name_plural = _("micro-interventions")
        ordering = ["kind", "duration_seconds", "title_nl"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_seconds__gte=MIN_SECONDS, duration_seconds__lte=MAX_SECONDS),
                name="intervention_duration_30s_to_5min",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def text(self) -> str:
        return self._text("text")

    @property
    def prompts(self) -> list[str]:
        return [line.strip() for line in self._text("prompts").splitlines() if line.strip()]

    @property
    def is_breathing(self) -> bool:
        return self.kind == InterventionKind.BREATHING_RESET

    @property
    def duration_label(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        if not minutes:
            return _("%(s)s seconds") % {"s": seconds}
        if not seconds:
            return _("%(m)s min") % {"m": minutes}
        return _("%(m)s min %(s)s s") % {"m": minutes, "s": seconds}


class HelpfulCount(models.Model):
    """The only thing recorded about use: per intervention per day, how many said it helped or not."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="helpful_counts")
    day = models.DateField()
    helpful = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["intervention", "day"], name="helpful_count_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.intervention_id} {self.day}: {self.helpful}/{self.not_helpful}"
