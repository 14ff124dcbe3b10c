"""The audit log the works council reads: who changed what that matters for trust in the results.

Append-only in the app: rows are only ever created (by `services.audit_record`, inside the
transaction of the change they record); there is no view, form or admin action that edits or
deletes one, and saving an existing row is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation


class AuditAction(models.TextChoices):
    SETTINGS_K = "settings.k", _("Minimum group size changed")
    SETTINGS_THRESHOLDS = "settings.thresholds", _("Traffic-light thresholds changed")
    SETTINGS_RETENTION = "settings.retention", _("Retention periods changed")
    ROLE_CHANGED = "role.changed", _("Role changed")
    ROLE_REMOVED = "role.removed", _("Member removed")
    ROLE_INVITED = "role.invited", _("Member invited")
    PULSE_CREATED = "pulse.created", _("Pulse created")
    PULSE_EXTENDED = "pulse.extended", _("Pulse extended")
    PULSE_CLOSED = "pulse.closed", _("Pulse closed")
    PULSE_DELETED = "pulse.deleted", _("Pulse without answers deleted")
    CODES_DOWNLOADED = "codes.downloaded", _("Codes downloaded")
    RESULTS_EXPORTED = "results.exported", _("Results exported")
    REPORT_EXPORTED = "report.exported", _("Report exported")
    RETENTION_DELETED = "retention.deleted", _("Data deleted after its retention period")
    DATA_EXPORTED = "data.exported", _("All data exported (GDPR)")


class AppendOnly(Exception):
    """An audit entry was about to be changed after it was written."""


class AuditEntry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="audit_entries")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text so the log still says who it was after the account is gone.
    actor_name = models.CharField(_("who"), max_length=200, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=AuditAction.choices)
    subject = models.CharField(_("about"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def summary(self) -> str:
        """The details as one readable line (old → new values, counts)."""
        parts = []
        for key, value in self.details.items():
            if isinstance(value, dict) and set(value) == {"old", "new"}:
                parts.append(f"{key}: {value['old']} → {value['new']}")
            else:
                parts.append(f"{key}: {value}")
        return "; ".join(parts)
