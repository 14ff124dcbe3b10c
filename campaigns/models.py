"""Campaigns: the plan of one organisation's Week van de Werkstress, from preparation to follow-up."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Membership, Organisation, Team

MIN_PREP_WEEKS = 6
MAX_PREP_WEEKS = 8
MAX_THEMES = 2


class BilingualMixin:
    """Catalogue entries carry a Dutch and an English text; show the one of the active language."""

    def _text(self, field: str) -> str:
        lang = (get_language() or "nl")[:2]
        value = getattr(self, f"{field}_{lang}", "") if lang in ("nl", "en") else ""
        return value or getattr(self, f"{field}_nl")


class Theme(BilingualMixin, models.Model):
    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def description(self) -> str:
        return self._text("description")


class ActivityKind(BilingualMixin, models.Model):
    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    default_minutes = models.PositiveSmallIntegerField(default=30)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def description(self) -> str:
        return self._text("description")


class PlanStepTemplate(BilingualMixin, models.Model):
    """A step of the standard plan, dated relative to the Monday of the week (for 8 preparation weeks)."""

    key = models.SlugField(unique=True)
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    help_nl = models.TextField(blank=True)
    help_en = models.TextField(blank=True)
    offset_days = models.SmallIntegerField(help_text="Days from the Monday of the week; negative is before.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["offset_days", "order"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def help(self) -> str:
        return self._text("help")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARATION = "preparation", _("Preparation")
    RUNNING = "running", _("Running")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


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


class CoreTeamRole(models.TextChoices):
    HOST = "host", _("Host")
    FACILITATOR = "facilitator", _("Facilitator")
    COMMUNICATION = "communication", _("Communication")
    HR = "hr", _("HR")
    MANAGER = "manager", _("Manager")
    OTHER = "other", _("Other")


class Goal(models.Model):
    class KpiKind(models.TextChoices):
        PULSE_SCORE = "pulse_score", _("Pulse score on a dimension")
        PARTICIPATION = "participation", _("Participation rate")
        ABSENTEEISM = "absenteeism", _("Absenteeism %")
        CUSTOM = "custom", _("Something else")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    kpi_kind = models.CharField(_("how you measure success"), max_length=16, choices=KpiKind.choices)
    baseline = models.DecimalField(_("starting value"), max_digits=8, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=8, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    measured_how = models.CharField(_("measured how and when"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CoreTeamMember(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="core_team")
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member of the organisation"),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    role = models.CharField(_("role in the core team"), max_length=16, choices=CoreTeamRole.choices)

    class Meta:
        verbose_name = _("core team member")
        verbose_name_plural = _("core team members")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False) | ~models.Q(name=""),
                name="coreteammember_person_or_name",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.membership_id:
            return str(self.membership.user)
        return self.name


class Ambassador(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ambassadors")
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member of the organisation"),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", verbose_name=_("team"))

    class Meta:
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        ordering = ["team__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False) | ~models.Q(name=""),
                name="ambassador_person_or_name",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.membership_id:
            return str(self.membership.user)
        return self.name


class ActivityFormat(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Audience(models.TextChoices):
    ALL = "all", _("Everyone")
    OFFICE = "office", _("Office")
    REMOTE = "remote", _("Remote")
    SHIFT = "shift", _("Shift workers")


class Activity(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    kind = models.ForeignKey(ActivityKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=8, choices=ActivityFormat.choices)
    location = models.CharField(_("location or meeting link"), max_length=300, blank=True)
    audience = models.CharField(_("for whom"), max_length=8, choices=Audience.choices, default=Audience.ALL)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The activity must end after it starts.")})


class CommunicationItem(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", _("Before the week")
        DURING = "during", _("During the week")
        AFTER = "after", _("After the week")

    class Channel(models.TextChoices):
        INTRANET = "intranet", _("Intranet")
        EMAIL = "email", _("E-mail")
        TEAMS = "teams", _("Teams")
        SLACK = "slack", _("Slack")
        VIDEO = "video", _("Video")
        MANAGER_LETTER = "manager_letter", _("Manager letter")
        POSTER = "poster", _("Poster")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        READY = "ready", _("Ready")
        SENT = "sent", _("Sent")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="communications")
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    planned_on = models.DateField(_("planned on"))
    audience = models.CharField(_("audience"), max_length=150, blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    views = models.PositiveIntegerField(_("views"), default=0)
    reactions = models.PositiveIntegerField(_("reactions"), default=0)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)

    class Meta:
        verbose_name = _("communication item")
        verbose_name_plural = _("communication items")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return self.subject


class Resource(models.Model):
    class Kind(models.TextChoices):
        LOCATION = "location", _("Location")
        TOOL = "tool", _("Tool")
        BUDGET_LINE = "budget_line", _("Budget line")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class PlanStep(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="steps")
    template = models.ForeignKey(
        PlanStepTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    custom_title = models.CharField(_("step"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        CoreTeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("who"),
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["due_on", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(template__isnull=False) | ~models.Q(custom_title=""),
                name="planstep_has_title",
            ),
            models.UniqueConstraint(
                fields=["campaign", "template"], name="planstep_template_once_per_campaign"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.custom_title:
            return self.custom_title
        return self.template.title if self.template_id else ""

    @property
    def key(self) -> str:
        return self.template.key if self.template_id else ""

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_on < (today or timezone.localdate())
