"""Programmes of micro-interventions: moments of the day, for the campaign week and optionally the
weeks after, assigned to teams with their own working days, time shift and quiet days."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _weeks_after_label(n: int) -> str:
    return gettext("The campaign week and %(n)s weeks after") % {"n": n}


# Labels stay lazy (translated when shown), so migrations do not depend on the active language.
WEEKS_AFTER_CHOICES = [(0, _("Only the campaign week"))] + [
    (n, lazy(_weeks_after_label, str)(n)) for n in range(4, 13)
]
WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class Programme(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="programmes"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="programmes", verbose_name=_("campaign")
    )
    name = models.CharField(_("name"), max_length=120)
    weeks_after = models.PositiveSmallIntegerField(_("duration"), choices=WEEKS_AFTER_CHOICES, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weeks_after=0) | models.Q(weeks_after__gte=4, weeks_after__lte=12),
                name="programme_weeks_after_0_or_4_to_12",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def first_day(self) -> dt.date:
        return self.campaign.week_start

    @property
    def last_day(self) -> dt.date:
        return self.campaign.week_start + dt.timedelta(days=7 * (1 + self.weeks_after) - 1)


class ProgrammeMoment(models.Model):
    """One intervention at one time of the day, on each working day of the programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="moments")
    intervention = models.ForeignKey(
        "campaigns.Intervention",
        on_delete=models.PROTECT,
        related_name="moments",
        verbose_name=_("intervention"),
    )
    time = models.TimeField(_("time"))

    class Meta:
        ordering = ["time", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "intervention", "time"], name="moment_unique_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.time:%H:%M} {self.intervention}"


class ProgrammeAssignment(models.Model):
    """A programme for one team: its working days, a shift of the times (shift teams), quiet days."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assignments")
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="programme_assignments")
    working_days = models.CharField(
        _("working days"),
        max_length=7,
        default="12345",
        help_text=_("ISO weekdays, 1 = Monday … 7 = Sunday."),
    )
    shift_minutes = models.SmallIntegerField(
        _("shift times by (minutes)"),
        default=0,
        help_text=_("For shift teams: e.g. 420 moves 09:00 to 16:00. Negative moves earlier."),
    )
    quiet_days = models.JSONField(_("quiet days"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "team"], name="programme_assignment_one_per_team"),
            models.CheckConstraint(
                condition=models.Q(shift_minutes__gte=-720, shift_minutes__lte=720),
                name="programme_assignment_shift_within_12h",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} → {self.team}"

    @property
    def weekdays(self) -> set[int]:
        return {int(c) for c in self.working_days if c.isdigit()}

    @property
    def quiet_dates(self) -> set[dt.date]:
        return {dt.date.fromisoformat(day) for day in self.quiet_days}


class MessageApproval(models.Model):
    """HR's approval of a planned communication item for delivery through the teams' channels.

    It holds a fingerprint of what was approved: once the item is edited the fingerprint no longer
    matches and the item needs approval again before anything is sent.
    """

    item = models.OneToOneField(
        "campaigns.CommunicationItem", on_delete=models.CASCADE, related_name="approval"
    )
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField()
    content_hash = models.CharField(max_length=64)
    dispatched_hash = models.CharField(max_length=64, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    reached = models.PositiveIntegerField(_("channels reached"), default=0)
    # People the delivered messages reached (recipients of e-mail, members of the teams whose
    # Slack / Teams / intranet channel got it); added to the item's reach once, additively.
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    failure = models.TextField(_("reason of failure"), blank=True)

    class Meta:
        verbose_name = _("message approval")
        verbose_name_plural = _("message approvals")

    def __str__(self) -> str:
        return f"{self.item} ({self.approved_at:%Y-%m-%d})"
