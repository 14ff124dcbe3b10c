"""Following up the week: the retro, team agreements, quarterly evaluations and the yearly discussion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation, Team

from .plan import Action


class RetroItemKind(models.TextChoices):
    SUCCESS = "success", _("Success")
    BOTTLENECK = "bottleneck", _("Bottleneck")
    LEARNING = "learning", _("Learning")


class RetroItem(models.Model):
    """One point of the retro after the week; a bottleneck can become an action."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="retro_items")
    kind = models.CharField(_("kind"), max_length=12, choices=RetroItemKind.choices)
    text = models.CharField(_("what"), max_length=300)
    action = models.OneToOneField(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="retro_item"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("retro item")
        verbose_name_plural = _("retro items")
        ordering = ["kind", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text


AGREEMENT_TOPICS = (
    "reachability",
    "response_times",
    "meeting_hygiene",
    "focus_blocks",
    "breaks",
    "deadlines",
)


class TeamAgreement(models.Model):
    """One version of a team's agreements (teamafspraken); a change is a new version, never an edit."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"))
    reachability = models.TextField(_("reachability"), blank=True)
    response_times = models.TextField(_("response times"), blank=True)
    meeting_hygiene = models.TextField(_("meeting hygiene"), blank=True)
    focus_blocks = models.TextField(_("focus blocks"), blank=True)
    breaks = models.TextField(_("breaks"), blank=True)
    deadlines = models.TextField(_("deadlines"), blank=True)
    agreed_on = models.DateField(_("agreed on"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team agreement")
        verbose_name_plural = _("team agreements")
        ordering = ["team", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["team", "version"], name="team_agreement_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.team} v{self.version}"

    def topics(self) -> list[tuple[str, str]]:
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in AGREEMENT_TOPICS]


class QuarterlyEvaluation(models.Model):
    """Per quarter: what changed, whether the RI&E was updated, which actions were reviewed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="quarterly_evaluations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])
    what_changed = models.TextField(_("what changed"))
    rie_updated = models.BooleanField(_("RI&E updated"), default=False)
    actions_reviewed = models.ManyToManyField(
        Action, blank=True, related_name="quarterly_reviews", verbose_name=_("actions reviewed")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly evaluation")
        verbose_name_plural = _("quarterly evaluations")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="evaluation_unique_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="evaluation_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


class YearlyDiscussion(models.Model):
    """Once a year: the plan of action was discussed with employees and with the works council."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="yearly_discussions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    with_employees_on = models.DateField(_("discussed with employees on"))
    with_council_on = models.DateField(_("discussed with the works council on"))
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yearly discussion")
        verbose_name_plural = _("yearly discussions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="yearly_discussion_unique_year")
        ]

    def __str__(self) -> str:
        return str(self.year)
