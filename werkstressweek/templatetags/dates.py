"""Dates as people write them: in the user's language, with the year only when it is not this year."""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()

# The last month token of a format (an unescaped M, F, N or b): the year goes right after it.
_MONTH = re.compile(r"(?<!\\)[MFNb](?!.*(?<!\\)[MFNb])")


def with_year(fmt: str) -> str:
    """`fmt` with the year after the month: "j M" → "j M Y", "l j F H:i" → "l j F Y H:i"."""
    if re.search(r"(?<!\\)[Yy]", fmt):
        return fmt
    match = _MONTH.search(fmt)
    return fmt[: match.end()] + " Y" + fmt[match.end() :] if match else fmt + " Y"


@register.filter
def day(value: dt.date | dt.datetime | None, fmt: str = "j F") -> str:
    """16 november · 2 jan 2027: the year only for a date outside the current year; Dutch months in
    lower case, also the short ones."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if value.year != timezone.localdate().year:
        fmt = with_year(fmt)
    if not (get_language() or "").startswith("en"):
        # Django's "M" capitalises the short month ("Nov"); Dutch writes months in lower case ("nov").
        fmt = re.sub(r"(?<!\\)M", "b", fmt)
    return date_format(value, fmt)
