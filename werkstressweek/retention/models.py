"""How long an organisation keeps pulse answers and comments after a pulse closes."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation

COMMENTS_MONTHS_DEFAULT = 12
ANSWERS_MONTHS_DEFAULT = 36
MAX_MONTHS = 120


class RetentionPolicy(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="retention")
    comments_months = models.PositiveSmallIntegerField(
        _("keep open comments for (months)"),
        default=COMMENTS_MONTHS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_("Counted from the day a pulse closes. Then the comments are deleted."),
    )
    answers_months = models.PositiveSmallIntegerField(
        _("keep answers for (months)"),
        default=ANSWERS_MONTHS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=_(
            "Counted from the day a pulse closes. Then all its answers are deleted; figures already "
            "exported in reports stay in those files."
        ),
    )

    class Meta:
        verbose_name = _("retention periods")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comments_months__gte=1, answers_months__gte=1),
                name="retention_at_least_a_month",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation_id)
