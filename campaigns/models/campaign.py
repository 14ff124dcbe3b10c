"""A campaign and its constants (dates and invariants)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation

from .catalogue import Theme

MIN_PREP_WEEKS = 6
MAX_PREP_WEEKS = 8
MAX_THEMES = 2


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARATION = "preparation", _("Preparation")
    RUNNING = "running", _("Running")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class SignupMode(models.TextChoices):
    NAME_OPTIONAL = "name_optional", _("Name optional")
    ANONYMOUS = "anonymous", _("Anonymous count only")


class PulseCadence(models.TextChoices):
    NONE = "none", _("Only baseline and follow-up")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


class Campaign(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    week_start = models.DateField(
        _("Monday of the week"), help_text=_("The Monday on which the Week van de Werkstress starts.")
    )
    prep_weeks = models.PositiveSmallIntegerField(
        _("weeks of preparation"),
        default=8,
        validators=[MinValueValidator(MIN_PREP_WEEKS), MaxValueValidator(MAX_PREP_WEEKS)],
        help_text=_("Between 6 and 8 weeks. With fewer weeks the preparation steps move closer together."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="campaigns", verbose_name=_("themes"))
    # Measurement plan (the measurements app links its pulses to the campaign).
    baseline_date = models.DateField(_("baseline pulse opens on"), null=True, blank=True)
    followup_date = models.DateField(_("follow-up pulse opens on"), null=True, blank=True)
    pulse_cadence = models.CharField(
        _("pulses after the week"), max_length=12, choices=PulseCadence.choices, default=PulseCadence.NONE
    )
    rie_psa_link = models.TextField(
        _("link with RI&E and PSA"),
        blank=True,
        help_text=_("Which risks or actions from your RI&E and PSA approach does this campaign follow up?"),
    )
    signup_mode = models.CharField(
        _("sign-up for activities"),
        max_length=16,
        choices=SignupMode.choices,
        default=SignupMode.NAME_OPTIONAL,
        help_text=_("Whether people may leave their name when they sign up, or are only counted."),
    )
    public_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-week_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prep_weeks__gte=MIN_PREP_WEEKS, prep_weeks__lte=MAX_PREP_WEEKS),
                name="campaign_prep_weeks_6_to_8",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="campaign_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": _("The week starts on a Monday. Pick a Monday.")})
        if self.week_start and self.year and self.week_start.year != self.year:
            raise ValidationError({"week_start": _("The Monday must fall in the campaign year.")})
        if self.baseline_date and self.week_start and self.baseline_date >= self.week_start:
            raise ValidationError({"baseline_date": _("The baseline pulse opens before the week starts.")})
        if self.followup_date and self.week_start and self.followup_date <= self.week_end:
            raise ValidationError({"followup_date": _("The follow-up pulse opens after the week.")})

    @property
    def week_end(self) -> dt.date:
        """The Friday of the week."""
        return self.week_start + dt.timedelta(days=4)

    @property
    def prep_start(self) -> dt.date:
        return self.week_start - dt.timedelta(weeks=self.prep_weeks)

    def expected_status(self, today: dt.date | None = None) -> str:
        """The status the calendar suggests: preparing, running, following up (90 days) or closed."""
        today = today or timezone.localdate()
        if today < self.week_start:
            return CampaignStatus.PREPARATION
        if today <= self.week_end:
            return CampaignStatus.RUNNING
        if today <= self.week_start + dt.timedelta(days=91):
            return CampaignStatus.FOLLOW_UP
        return CampaignStatus.CLOSED

    def days_until(self, today: dt.date | None = None) -> int:
        return (self.week_start - (today or timezone.localdate())).days
