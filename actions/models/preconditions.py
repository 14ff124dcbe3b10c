"""Preconditions an organisation needs before work on psychosocial workload can succeed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation


class PreconditionKind(models.TextChoices):
    CONFIDENTIAL_ADVISER = "confidential_adviser", _("Confidential adviser")
    REPORTING_ROUTE = "reporting_route", _("Reporting route for undesirable behaviour")
    COMPLAINTS = "complaints_procedure", _("Complaints procedure")
    COMPANY_DOCTOR = "company_doctor", _("Company doctor / occupational health service")
    PMO = "pmo", _("Preventive medical examination (PMO) offered")
    RIE = "rie_up_to_date", _("RI&E up to date")
    PSA_POLICY = "psa_policy", _("PSA policy")


# What employees need to know, published on the public "where to go with signals" page.
PUBLIC_PRECONDITIONS = (
    PreconditionKind.CONFIDENTIAL_ADVISER,
    PreconditionKind.REPORTING_ROUTE,
    PreconditionKind.COMPANY_DOCTOR,
    PreconditionKind.COMPLAINTS,
)


class PreconditionStatus(models.TextChoices):
    MISSING = "missing", _("Not arranged")
    IN_PROGRESS = "in_progress", _("Being arranged")
    IN_PLACE = "in_place", _("In place")


class Precondition(models.Model):
    """One of the things an organisation needs before PSA work can succeed (Arbowet)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="preconditions")
    kind = models.CharField(_("precondition"), max_length=24, choices=PreconditionKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PreconditionStatus.choices, default=PreconditionStatus.MISSING
    )
    dated_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("For the RI&E: the date of the latest version.")
    )
    note = models.TextField(_("internal note"), blank=True)
    public_info = models.TextField(
        _("for employees"),
        blank=True,
        help_text=_(
            "Shown on the public page 'where to go with signals': who it is and how to reach them. "
            "Never personal health information."
        ),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="precondition_unique_kind_per_org")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
