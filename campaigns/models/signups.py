"""Sign-up for the activities of the public agenda, and the attendance counted afterwards.

A sign-up holds what the person chose to give (a name, or nothing at all when the campaign counts
anonymously), optionally their team, and only a hash of the cancel token: the link in their hands
is the one way to cancel, and the database alone cannot be used to cancel for them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Team

from .campaign import SignupMode
from .parts import Activity

__all__ = ["ActivityAttendance", "ActivitySignup", "SignupMode", "SignupStatus"]


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Signed up")
    WAITING = "waiting", _("On the waiting list")


class ActivitySignup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("name"), max_length=150, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    status = models.CharField(_("status"), max_length=10, choices=SignupStatus.choices)
    # SHA-256 of the cancel token (hex); the token itself is only in the person's link.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["activity", "status"], name="signup_activity_status")]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.get_status_display()}"


class ActivityAttendance(models.Model):
    """How many people came, counted by the facilitator or HR after the activity."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="attendance")
    count = models.PositiveIntegerField(_("attendance"))
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.count}"
