"""Counting requests per time window in the database (shared by every web process)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .models import Throttle


def keyed_hash(value: str) -> str:
    """A keyed hash of an address: the same value counts together, nobody can read it back."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def client_address(request: HttpRequest) -> str:
    """The client address as the login throttle sees it (django-axes, proxy-aware via PROXY_COUNT)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def throttle_hit(
    *, scope: str, value: str, limit: int, window: timedelta, now: datetime | None = None
) -> bool:
    """Count one request for `value` in `scope`; True while the count stays within `limit`."""
    now = now or timezone.now()
    start = _window_start(now, window)
    key = keyed_hash(value)
    rows = Throttle.objects.filter(scope=scope, key=key, window=start)
    if not rows.update(hits=F("hits") + 1):
        try:
            with transaction.atomic():
                Throttle.objects.create(scope=scope, key=key, window=start, hits=1)
        except IntegrityError:  # another process made the row between our update and our insert
            rows.update(hits=F("hits") + 1)
        else:
            Throttle.objects.filter(window__lt=now - max(window, timedelta(days=1))).delete()
    return rows.values_list("hits", flat=True).first() <= limit
