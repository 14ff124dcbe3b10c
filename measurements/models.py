"""Question bank, pulses, one-time codes, and anonymous responses (DESIGN.md §5).

A Response knows its pulse, team and date, never a person, code, address or time. Each Answer
repeats pulse, team and dimension so the dashboards aggregate one table through one covering
index instead of joining answers to responses.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import MIN_GROUP_SIZE_DEFAULT, MIN_GROUP_SIZE_FLOOR, Organisation, Team

SCALE = (1, 2, 3, 4, 5)
FAVOURABLE_FROM = 4


class Dimension(models.TextChoices):
    WORKLOAD = "workload", _("Workload")
    ENERGY = "energy", _("Energy")
    RECOVERY = "recovery", _("Recovery")
    FOCUS = "focus", _("Focus")
    PLEASURE = "pleasure", _("Work pleasure")
    AUTONOMY = "autonomy", _("Autonomy")
    SUPPORT = "support", _("Social support")
    BALANCE = "balance", _("Work–life balance")
    SAFETY = "safety", _("Psychological safety")


def _in_language(dutch: str, english: str) -> str:
    return english if (get_language() or "nl").startswith("en") and english else dutch


class Question(models.Model):
    """An item on a 1–5 scale. Reverse-coded items are flipped when stored, so higher is better."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_("Empty for the shared question bank."),
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    text_nl = models.CharField(_("question (Dutch)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    low_nl = models.CharField(_("label for 1 (Dutch)"), max_length=60)
    high_nl = models.CharField(_("label for 5 (Dutch)"), max_length=60)
    low_en = models.CharField(_("label for 1 (English)"), max_length=60, blank=True)
    high_en = models.CharField(_("label for 5 (English)"), max_length=60, blank=True)
    reverse_coded = models.BooleanField(
        _("reverse-coded"),
        default=False,
        help_text=_("Tick when agreeing is bad (for example 'I have too much work')."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["dimension", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self.text_nl, self.text_en)

    @property
    def low_label(self) -> str:
        return _in_language(self.low_nl, self.low_en)

    @property
    def high_label(self) -> str:
        return _in_language(self.high_nl, self.high_en)

    def score(self, value: int) -> int:
        """The stored score for an answer: 'higher is better' for every item."""
        return 6 - value if self.reverse_coded else value


class PulseKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline (before the week)")
    DURING = "during", _("During the week")
    FOLLOW_UP = "follow_up", _("Follow-up (after the week)")
    RECURRING = "recurring", _("Recurring")


class Distribution(models.TextChoices):
    TEAM_LINK = "team_link", _("One link per team")
    CODES = "codes", _("One-time personal codes")
    EMAIL = "email", _("Personal e-mail invitations")


class Recurrence(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


class Pulse(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pulses")
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulses",
        verbose_name=_("campaign"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PulseKind.choices, default=PulseKind.BASELINE)
    title = models.CharField(_("title"), max_length=150)
    questions = models.ManyToManyField(Question, through="PulseQuestion", related_name="pulses")
    teams = models.ManyToManyField(Team, through="PulseTeam", related_name="pulses")
    open_question = models.CharField(
        _("open question"),
        max_length=300,
        blank=True,
        help_text=_("Optional. For example: 'What would help you most?'"),
    )
    open_question_en = models.CharField(
        _("open question in English"),
        max_length=300,
        blank=True,
        help_text=_("Shown to people who use the app in English; empty: they see the Dutch question."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    distribution = models.CharField(
        _("how people get the pulse"),
        max_length=10,
        choices=Distribution.choices,
        default=Distribution.TEAM_LINK,
    )
    recurrence = models.CharField(
        _("repeats"), max_length=12, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_round"
    )
    comments_shared = models.BooleanField(
        _("include comments in exports and shared reports"),
        default=False,
        help_text=_("Comments are always shown only for groups that are large enough."),
    )
    reminder_days = models.JSONField(
        _("reminder days"), default=list, blank=True, help_text=_("Days after opening (day 1) to remind.")
    )
    # Set by the closing service once the answers are rewritten and the codes deleted (§5.2).
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The organisation's k when the pulse was planned (kept in step until it opens), then forever:
    # lowering the organisation's k must not reveal groups of answers already given.
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=MIN_GROUP_SIZE_DEFAULT,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pulse")
        verbose_name_plural = _("pulses")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="pulse_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR),
                name="pulse_min_group_size_floor",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def open_question_text(self) -> str:
        """The open question in the reader's language (Dutch when there is no English one)."""
        return _in_language(self.open_question, self.open_question_en)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def codes_issued(self) -> int:
        """How many codes or e-mail invitations were issued; still known after they are deleted."""
        return self.pulse_teams.aggregate(n=models.Sum("codes_issued"))["n"] or 0

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "planned"
        return "open" if now < self.closes_at else "closed"


class PulseQuestion(models.Model):
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="pulse_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["pulse", "question"], name="pulse_question_unique")]

    def __str__(self) -> str:
        return f"{self.pulse_id}: {self.question_id}"


class PulseTeam(models.Model):
    """A team taking part in a pulse, with its own unguessable answer link."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="pulse_teams")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=43, unique=True)
    # Codes (or e-mail invitations) issued for this team; kept when the codes are deleted at close.
    codes_issued = models.PositiveIntegerField(default=0, editable=False)
    # The team's headcount, recorded like k: it follows the team while the pulse is planned and is
    # fixed once it opens, so changing a team later cannot unhide a padded team or move its results.
    headcount = models.PositiveIntegerField(_("headcount"), default=0, editable=False)

    class Meta:
        ordering = ["team__name"]
        constraints = [models.UniqueConstraint(fields=["pulse", "team"], name="pulse_team_unique")]

    def __str__(self) -> str:
        return f"{self.pulse_id}: {self.team_id}"


class PulseCode(models.Model):
    """A one-time code (optionally e-mailed). It knows whether it was used, never by which answer.

    `code` holds 12 Crockford base32 characters (60 random bits), shown in groups of four.
    The rows of a pulse are deleted when it closes, keeping only PulseTeam.codes_issued.
    """

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="codes")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=43, unique=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["team__name", "code"]

    def __str__(self) -> str:
        return f"{self.pulse_id}: {self.team_id}"

    @property
    def display(self) -> str:
        """The code as printed: K7QM-2XPD-9FHA."""
        from .codes import code_display

        return code_display(self.code)


class Response(models.Model):
    """One anonymous respondent: random key, pulse, team, date; nothing else about them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="responses")
    # RESTRICT: removing a team must never silently delete the answers its people gave
    # (removing the whole organisation still removes everything).
    team = models.ForeignKey(Team, on_delete=models.RESTRICT, related_name="pulse_responses")
    submitted_on = models.DateField()
    comment = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["pulse", "team"], name="response_pulse_team")]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One score (1–5, higher is better), denormalised for aggregation without joins."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # The covering index below starts with pulse and serves every lookup by pulse.
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="+", db_index=False)
    team = models.ForeignKey(Team, on_delete=models.RESTRICT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["pulse", "team", "dimension"], include=["score"], name="answer_pulse_team_dim"
            )
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="answer_score_1_5")
        ]

    def __str__(self) -> str:
        return str(self.pk)


class ResultSettings(models.Model):
    """Traffic-light thresholds of an organisation (means on the 1–5 'higher is better' scale)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="result_settings"
    )
    red_below = models.DecimalField(_("red below"), max_digits=3, decimal_places=2, default=2.5)
    amber_below = models.DecimalField(_("amber below"), max_digits=3, decimal_places=2, default=3.5)

    class Meta:
        verbose_name = _("result settings")
        verbose_name_plural = _("result settings")

    def __str__(self) -> str:
        return str(self.organisation_id)

    def clean(self) -> None:
        super().clean()
        if self.red_below is not None and self.amber_below is not None and self.red_below >= self.amber_below:
            raise ValidationError(
                {"amber_below": _("Amber must start above red: choose a higher value than for red.")}
            )


class CodeAttempt(models.Model):
    """Failed code or link attempts per client and time window, to slow down guessing.

    The client is a keyed hash (HMAC with SECRET_KEY) that is kept for one window only.
    """

    client = models.CharField(max_length=64)
    window = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "window"], name="code_attempt_unique")]

    def __str__(self) -> str:
        return self.client[:8]
