"""The outbox: everything the app sends to a person is a Notification row first."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    TEAMS = "teams", _("Microsoft Teams")
    SLACK = "slack", _("Slack")


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    CLAIMED = "claimed", _("Queued for sending")  # taken by a sender with its batch, not started
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one recipient over one channel.

    `key` names what the message is about (kind + object + due date); it is unique, so a reminder
    is created once however often the code that plans it runs.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    recipient = models.CharField(
        _("recipient"), max_length=320, help_text=_("E-mail address or channel webhook.")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    destination = models.ForeignKey(
        "notify.TeamChannel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("team channel"),
    )
    link = models.CharField(_("link"), max_length=500, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-due_at"]
        indexes = [
            # The senders' claim reads due rows in this order and stops after a batch.
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(state="pending"),
                name="notification_pending_due",
            ),
            # Finding rows whose sender died (claimed or being sent for too long).
            models.Index(
                fields=["claimed_at"],
                condition=models.Q(state__in=["claimed", "sending"]),
                name="notification_in_flight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"


class DestinationKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SLACK = "slack", _("Slack")
    TEAMS = "teams", _("Microsoft Teams")
    CALENDAR = "calendar", _("Calendar subscription")
    INTRANET = "intranet", _("Intranet banner and feed")


PUSH_KINDS = (DestinationKind.EMAIL, DestinationKind.SLACK, DestinationKind.TEAMS)
WEBHOOK_KINDS = (DestinationKind.SLACK, DestinationKind.TEAMS)


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class TeamChannel(models.Model):
    """Where a team's messages go: an e-mail list or a Slack / Teams webhook (pushed through the
    outbox), or a calendar subscription / intranet feed (pulled by the team with `token`)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="team_channels"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("channel"), max_length=10, choices=DestinationKind.choices)
    addresses = models.CharField(
        _("e-mail addresses"),
        max_length=500,
        blank=True,
        help_text=_("The team's address or list; several addresses separated by commas."),
    )
    webhook_url = models.CharField(_("webhook URL"), max_length=1000, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    last_success_at = models.DateTimeField(_("last delivered"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team channel")
        verbose_name_plural = _("team channels")
        ordering = ["team__name", "kind"]
        constraints = [models.UniqueConstraint(fields=["team", "kind"], name="team_channel_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.team} · {self.get_kind_display()}"

    @property
    def is_push(self) -> bool:
        return self.kind in PUSH_KINDS

    @property
    def is_failing(self) -> bool:
        if not self.last_error or self.last_error_at is None:
            return False
        return self.last_success_at is None or self.last_error_at > self.last_success_at

    @property
    def webhook_masked(self) -> str:
        """The webhook as HR may see it after saving: host and the last four characters only."""
        from urllib.parse import urlsplit

        if not self.webhook_url:
            return ""
        parts = urlsplit(self.webhook_url)
        return f"{parts.scheme}://{parts.netloc}/…{self.webhook_url[-4:]}"

    def recipient_label(self) -> str:
        return self.addresses if self.kind == DestinationKind.EMAIL else self.webhook_masked
