"""A GDPR request for a whole organisation: export all its data, then delete all of it."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections import defaultdict

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, User
from werkstressweek.audit.models import AuditAction
from werkstressweek.audit.services import audit_record

log = logging.getLogger(__name__)


def _collect(org: Organisation) -> dict[str, list]:
    """Every row that belongs to the organisation (what deleting it would delete), by model."""
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([org])
    by_model: dict[str, list] = defaultdict(list)
    for model, objects in collector.model_objs.items():
        by_model[model._meta.label].extend(objects)
    return by_model


@transaction.atomic
def organisation_export(*, org: Organisation, by: User | None) -> bytes:
    """A ZIP with one JSON file per kind of data, the members' names and addresses, and the reports."""
    from werkstressweek.documents.models import ReportExport

    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for label, objects in sorted(_collect(org).items()):
            objects.sort(key=lambda obj: str(obj.pk))
            archive.writestr(f"data/{label}.json", serializers.serialize("json", objects, indent=1))
            counts[label] = len(objects)
        members = [
            {"email": m.user.email, "name": m.user.name, "role": m.role}
            for m in org.memberships.select_related("user").order_by("user__email")
        ]
        archive.writestr("members.json", json.dumps(members, indent=1, ensure_ascii=False))
        for export in ReportExport.objects.filter(organisation=org).exclude(file=""):
            with export.file.open("rb") as handle:
                archive.writestr(f"reports/{export.file.name.rsplit('/', 1)[-1]}", handle.read())
        archive.writestr(
            "README.txt",
            f"{org.name} ({org.slug})\nExported {timezone.now().isoformat()}\n"
            + "\n".join(f"{label}: {n}" for label, n in counts.items())
            + "\n",
        )
    audit_record(org=org, by=by, action=AuditAction.DATA_EXPORTED, subject=org.name, details=counts)
    return buffer.getvalue()


def organisation_delete(*, org: Organisation, by: User | None, confirmation: str) -> dict[str, int]:
    """Delete the organisation and everything in it, once HR typed its short name to confirm."""
    from werkstressweek.documents.models import ReportExport

    if confirmation.strip() != org.slug:
        raise ValidationError(
            {
                "confirmation": _("Type the organisation's short name “%(slug)s” to confirm.")
                % {"slug": org.slug}
            }
        )
    with transaction.atomic():
        files = [e.file.name for e in ReportExport.objects.filter(organisation=org).exclude(file="")]
        _total, counts = org.delete()
        storage = ReportExport._meta.get_field("file").storage

        def remove_files() -> None:
            for name in files:
                storage.delete(name)

        transaction.on_commit(remove_files)
    log.info("organisation %s deleted on request of user %s: %s", org.slug, getattr(by, "pk", None), counts)
    return counts
