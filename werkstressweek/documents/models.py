"""Stored report exports: which report, for whom, its file and checksum, and how far rendering is."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def report_storage() -> Storage:
    """Where export files live: the `reports` storage of settings.STORAGES (disk or S3-compatible)."""
    return storages["reports"]


def export_upload_to(instance: ReportExport, filename: str) -> str:
    # One folder per export row: a second export never writes over the first one's file.
    return f"reports/{instance.organisation_id}/{instance.pk}/{filename}"


class ReportExport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="report_exports")
    report = models.CharField(_("report"), max_length=40)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    subject = models.CharField(_("about"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by_name = models.CharField(_("requested by"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid of the last attempt")
    file = models.FileField(
        _("file"), upload_to=export_upload_to, storage=report_storage, blank=True, max_length=300
    )
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-requested_at"], name="export_org_requested")]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="export_progress_max_100"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(sha256=""), name="export_done_has_checksum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.pk}"

    @property
    def report_label(self) -> str:
        from .registry import get_exporter

        exporter = get_exporter(self.report)
        return str(exporter.label) if exporter else self.report

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)


class ReportSettings(models.Model):
    """How an organisation wants its reports: the language they are written in."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="report_settings"
    )
    language = models.CharField(
        _("language of reports"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_("PDF reports are written in this language, whoever exports them."),
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.organisation_id)


class FeedbackPage(models.Model):
    """The public feedback page of one closed pulse (terugkoppeling), reached through one link.

    Published while `token` is set: 256 random bits, like the public agenda's link, so HR can
    show and copy it again; unpublishing clears it and publishing again makes a new one.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="feedback_pages")
    pulse = models.OneToOneField(
        "measurements.Pulse", on_delete=models.CASCADE, related_name="feedback_page", verbose_name=_("pulse")
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    include_teams = models.BooleanField(
        _("also show teams"),
        default=False,
        help_text=_(
            "Teams are shown only when enough people answered in them (the pulse's minimum group size)."
        ),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("feedback page")
        verbose_name_plural = _("feedback pages")

    def __str__(self) -> str:
        return str(self.pulse_id)

    @property
    def is_published(self) -> bool:
        return bool(self.token)
