"""Write to the audit log. Other apps call `audit_record` inside the transaction of their change."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from werkstressweek.accounts.models import Organisation, User

from .models import AuditAction, AuditEntry


class NotInTransaction(Exception):
    """`audit_record` was called outside a transaction, so the row could outlive a failed change."""


def audit_record(
    *,
    org: Organisation,
    by: User | None,
    action: AuditAction | str,
    subject: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to `org`'s audit log, in the caller's transaction.

    Call it from the service that makes the change, inside its `transaction.atomic`, so the entry
    exists exactly when the change does. `by` is None for the system (scheduled retention).
    """
    if not transaction.get_connection().in_atomic_block:
        raise NotInTransaction(f"audit_record({action!r}) must run inside the change's transaction")
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    return AuditEntry.objects.create(
        organisation=org,
        actor=by,
        actor_name=(by.get_full_name() or by.email) if by is not None else "",
        action=action,
        subject=subject[:300],
        details=details or {},
    )


def changes(**pairs: tuple[Any, Any]) -> dict[str, dict[str, Any]]:
    """{"field": {"old": …, "new": …}} for the pairs that differ (values made JSON-friendly)."""
    return {
        name: {"old": _plain(before), "new": _plain(after)}
        for name, (before, after) in pairs.items()
        if before != after
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
