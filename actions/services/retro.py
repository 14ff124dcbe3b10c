"""The retro after the week: successes, bottlenecks and learnings; a bottleneck becomes an action."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, User

from ..models import Action, Level, RetroItem, RetroItemKind, Source
from .actions import action_create

ACTION_FROM_RETRO_DAYS = 90


@transaction.atomic
def retro_item_add(*, campaign, kind: str, text: str, by: User | None = None) -> RetroItem:
    text = text.strip()
    errors = {}
    if kind not in RetroItemKind.values:
        errors["kind"] = _("Choose success, bottleneck or learning.")
    if not text:
        errors["text"] = _("Write what went well, what got stuck or what you learned.")
    if errors:
        raise ValidationError(errors)
    return RetroItem.objects.create(campaign=campaign, kind=kind, text=text[:300], created_by=by)


@transaction.atomic
def retro_item_to_action(*, item: RetroItem, by: User, owner: Membership) -> Action:
    """Turn a bottleneck into an action (once: a second click returns the same action)."""
    item = RetroItem.objects.select_for_update().select_related("campaign").get(pk=item.pk)
    if item.action_id:
        return item.action
    if item.kind != RetroItemKind.BOTTLENECK:
        raise ValidationError(_("Only a bottleneck becomes an action."))
    today = timezone.localdate()
    action = action_create(
        org=item.campaign.organisation,
        by=by,
        campaign=item.campaign,
        title=item.text[:200],
        level=Level.ORGANISATION,
        owner_membership=owner,
        start_date=today,
        deadline=today + dt.timedelta(days=ACTION_FROM_RETRO_DAYS),
        source=Source.RETRO,
    )
    item.action = action
    item.save(update_fields=["action"])
    return action
