"""RI&E / PSA actions (the plan of action), their 30-60-90 check-ins and the works council's advice."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Membership, Organisation, Team

CHECKIN_DAYS = (30, 60, 90)


class Risk(models.TextChoices):
    """PSA risks as the Arbowet names them (psychosociale arbeidsbelasting)."""

    WORKLOAD = "workload", _("Work pressure")
    AGGRESSION = "aggression", _("Undesirable behaviour: aggression and violence")
    BULLYING = "bullying", _("Undesirable behaviour: bullying")
    INTIMIDATION = "intimidation", _("Undesirable behaviour: intimidation")
    DISCRIMINATION = "discrimination", _("Undesirable behaviour: discrimination")
    SEXUAL_HARASSMENT = "sexual_harassment", _("Undesirable behaviour: sexual harassment")
    BALANCE = "balance", _("Work–life balance")
    AUTONOMY = "autonomy", _("Autonomy (control over one's work)")
    INSECURITY = "insecurity", _("Job insecurity")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    TEAM = "team", _("Team")
    INDIVIDUAL = "individual", _("Individual (a measure offered to individuals)")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (Status.OPEN, Status.IN_PROGRESS)


class Source(models.TextChoices):
    PULSE = "pulse", _("Pulse finding")
    RETRO = "retro", _("Retro after the week")
    RIE = "rie", _("RI&E")
    OTHER = "other", _("Other")


class Action(models.Model):
    """One measure in the plan of action: who does what by when, and how we know it worked."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="actions")
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    risk = models.CharField(_("PSA risk"), max_length=20, choices=Risk.choices, default=Risk.WORKLOAD)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.TEAM)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("team")
    )
    owner_membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner (member)"),
    )
    owner_name = models.CharField(_("owner's name"), max_length=150, blank=True)
    owner_email = models.EmailField(_("owner's e-mail address"), blank=True)
    start_date = models.DateField(_("planned start"), default=timezone.localdate)
    deadline = models.DateField(_("deadline"))
    measure_what = models.CharField(_("what is measured"), max_length=200, blank=True)
    measure_target = models.CharField(_("target"), max_length=100, blank=True)
    measure_how = models.CharField(_("measured how"), max_length=300, blank=True)
    measure_dimension = models.CharField(
        _("pulse dimension"),
        max_length=20,
        blank=True,
        help_text=_("When the measurement point is a pulse dimension, check-ins show its latest result."),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.OTHER)
    source_pulse = models.ForeignKey(
        "measurements.Pulse",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pulse"),
    )
    rie_reference = models.CharField(_("RI&E reference"), max_length=100, blank=True)
    expertise = models.CharField(_("expertise needed"), max_length=200, blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_membership__isnull=False) | ~models.Q(owner_name=""),
                name="action_has_owner",
            ),
            models.CheckConstraint(
                condition=~models.Q(level="team") | models.Q(team__isnull=False),
                name="action_team_level_has_team",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="action_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("start_date")),
                name="action_deadline_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="action_org_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_display(self) -> str:
        if self.owner_membership_id and self.owner_membership:
            return str(self.owner_membership.user)
        return self.owner_name

    @property
    def owner_address(self) -> str:
        """Where reminders go: the member's login address, or the e-mail address given."""
        if self.owner_membership_id and self.owner_membership:
            return self.owner_membership.user.email
        return self.owner_email

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def is_late(self, today: dt.date | None = None) -> bool:
        return self.is_active and self.deadline < (today or timezone.localdate())


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class CheckIn(models.Model):
    """A 30-, 60- or 90-day look at an action: is it on track, and what does the measurement say."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="checkins")
    day = models.PositiveSmallIntegerField(_("day"))
    due_on = models.DateField(_("due on"))
    progress = models.CharField(_("progress"), max_length=10, choices=Progress.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    measured_value = models.CharField(_("measured value"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "day"]
        constraints = [
            models.UniqueConstraint(fields=["action", "day"], name="checkin_unique_day_per_action"),
            models.CheckConstraint(
                condition=models.Q(recorded_at__isnull=True) | ~models.Q(progress=""),
                name="checkin_recorded_has_progress",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(recorded_at__isnull=True), name="checkin_open_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.day}"

    @property
    def is_recorded(self) -> bool:
        return self.recorded_at is not None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_recorded and self.due_on < (today or timezone.localdate())

    def is_due(self, today: dt.date | None = None, *, within_days: int = 7) -> bool:
        today = today or timezone.localdate()
        return not self.is_recorded and today <= self.due_on <= today + dt.timedelta(days=within_days)


class AdviceKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    CONSENT = "consent", _("Consent")


class AdvicePosition(models.TextChoices):
    POSITIVE = "positive", _("Positive / consent given")
    CONDITIONAL = "conditional", _("Positive with conditions")
    NEGATIVE = "negative", _("Negative / consent withheld")
    PENDING = "pending", _("Still under discussion")


class CouncilAdvice(models.Model):
    """The works council's advice or consent on the plan of action. Rows are never edited: history."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="council_advice")
    kind = models.CharField(_("kind"), max_length=10, choices=AdviceKind.choices, default=AdviceKind.ADVICE)
    given_on = models.DateField(_("date"))
    position = models.CharField(_("position"), max_length=12, choices=AdvicePosition.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("works council advice")
        verbose_name_plural = _("works council advice")
        ordering = ["-given_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.given_on}"
