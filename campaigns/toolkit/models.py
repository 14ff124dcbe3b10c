"""What the toolkit stores: HR's versions of its texts, and who downloaded and shared what."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Membership, Team

from ..models.campaign import Campaign
from ..models.parts import CommunicationItem

MAX_REACH = 100_000


class ShareChannel(models.TextChoices):
    INTRANET = "intranet", _("Intranet")
    EMAIL = "email", _("E-mail")
    TEAMS = "teams", _("Teams")
    SLACK = "slack", _("Slack")
    POSTER = "poster", _("Poster")
    MEETING = "meeting", _("Team meeting")
    OTHER = "other", _("Other")


class ToolkitText(models.Model):
    """HR's own version of one toolkit text for one campaign and language (else the default)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="toolkit_texts")
    key = models.CharField(max_length=40)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toolkit text")
        verbose_name_plural = _("toolkit texts")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key", "language"], name="toolkit_text_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.key}:{self.language}"


class ToolkitShare(models.Model):
    """An ambassador's note of what they shared where, and how many people it reached."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="toolkit_shares")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ShareChannel.choices)
    shared_on = models.DateField(_("shared on"))
    reach = models.PositiveIntegerField(
        _("reach"),
        validators=[MaxValueValidator(MAX_REACH)],
        help_text=_("About how many colleagues saw it."),
    )
    # The planned message of the communication plan whose reach this share adds to, if any.
    communication = models.ForeignKey(
        CommunicationItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="toolkit_shares"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-shared_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(reach__lte=MAX_REACH), name="toolkit_share_reach_max")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.shared_on}"


class ToolkitDownload(models.Model):
    """One download of a toolkit ZIP: which team's ambassador (or who) took it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="toolkit_downloads")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    export = models.ForeignKey(
        "documents.ReportExport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toolkit download")
        verbose_name_plural = _("toolkit downloads")
        ordering = ["-downloaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.downloaded_at:%Y-%m-%d}"
