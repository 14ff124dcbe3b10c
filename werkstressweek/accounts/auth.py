"""Login throttle helpers: one counter per e-mail address however it is typed, and honest messages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext


def normalise_email(value: object) -> str:
    """The address as the throttle counts it: trimmed and lower-case (`MANAGER@DEMO.NL ` = `manager@demo.nl`)."""
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised e-mail address from the credentials or the POST."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        return normalise_email(credentials.get(field))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalise_email(data.get(field))


def pause_text() -> str:
    """How long logging in pauses after too many failures, from AXES_COOLOFF_MINUTES."""
    minutes = settings.AXES_COOLOFF_MINUTES
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
