from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def signed(value: float | None, decimals: int = 2) -> str:
    """A change with its sign, in the current language's number format: +0,35 / −0,12."""
    if value is None:
        return ""
    text = number_format(abs(value), decimal_pos=int(decimals))
    if round(value, int(decimals)) == 0:
        return text
    return ("+" if value > 0 else "−") + text
