"""What a campaign is made of: goals, people, agenda, communication, resources and plan steps."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measurements.models import Dimension
from werkstressweek.accounts.models import Membership, Team

from .campaign import Campaign
from .catalogue import ActivityKind, PlanStepTemplate, Theme


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
        PARTICIPATION = "participation", _("Participation in activities")
        PULSE_PARTICIPATION = "pulse_participation", _("Pulse participation")
        ABSENTEEISM = "absenteeism", _("Absenteeism %")
        CUSTOM = "custom", _("Something else")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    kpi_kind = models.CharField(_("how you measure success"), max_length=20, choices=KpiKind.choices)
    baseline = models.DecimalField(_("starting value"), max_digits=8, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=8, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    measured_how = models.CharField(_("measured how and when"), max_length=300, blank=True)
    # Where the measured value comes from (campaigns/goals.py): the dimension of a pulse score, or
    # a value typed in with its date for what the app cannot measure (absenteeism, …).
    dimension = models.CharField(
        _("pulse dimension"),
        max_length=20,
        blank=True,
        choices=Dimension.choices,
        help_text=_("For a pulse score: the dimension whose organisation mean is measured."),
    )
    manual_value = models.DecimalField(
        _("measured value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    manual_on = models.DateField(_("measured on"), null=True, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CampaignPerson(models.Model):
    """Someone in a campaign: a member of the organisation, or just a name and e-mail address."""

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

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False) | ~models.Q(name=""),
                name="%(class)s_person_or_name",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.membership_id:
            return str(self.membership.user)
        return self.name


class CoreTeamMember(CampaignPerson):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="core_team")
    role = models.CharField(_("role in the core team"), max_length=16, choices=CoreTeamRole.choices)

    class Meta(CampaignPerson.Meta):
        verbose_name = _("core team member")
        verbose_name_plural = _("core team members")
        ordering = ["id"]
        constraints = [
            *CampaignPerson.Meta.constraints,
            models.UniqueConstraint(
                fields=["campaign", "membership"],
                condition=models.Q(membership__isnull=False),
                name="core_team_member_once",
            ),
        ]


class Ambassador(CampaignPerson):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ambassadors")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", verbose_name=_("team"))

    class Meta(CampaignPerson.Meta):
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        ordering = ["team__name", "id"]
        constraints = [
            *CampaignPerson.Meta.constraints,
            models.UniqueConstraint(
                fields=["campaign", "membership"],
                condition=models.Q(membership__isnull=False),
                name="ambassador_once",
            ),
        ]


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
    outside_week = models.BooleanField(
        _("before or after the week"),
        default=False,
        help_text=_(
            "Tick this for an activity that belongs to the campaign but not to the week itself, such as "
            "a preparatory session or a follow-up meeting. It is shown as 'before the week' or 'after the week'."
        ),
    )

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

    def week_position(self, campaign: Campaign | None = None) -> str:
        """ "before", "after" or "" (in the week), from the activity's local start date."""
        campaign = campaign or self.campaign
        day = timezone.localtime(self.starts_at).date()
        if day < campaign.week_start:
            return "before"
        if day > campaign.week_end:
            return "after"
        return ""


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
        FAILED = "failed", _("Failed")

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
    # A message that invites to a pulse: each team's channel gets that team's own answer link.
    pulse = models.ForeignKey(
        "measurements.Pulse",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pulse"),
    )

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
        """A step with evidence (see campaigns/progress.py) is done when its data exists; the
        others when someone ticked them off."""
        evidence = getattr(self, "evidence", None)
        if evidence is not None:
            return evidence.done
        return self.done_at is not None

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_done and self.due_on < (today or timezone.localdate())
