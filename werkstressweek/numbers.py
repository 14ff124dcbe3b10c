"""One rounding rule for every figure the app shows or exports.

Half away from zero, like Django's `floatformat` (0.125 → 0.13, 0.999 → 1.00), on the decimal value
rather than the binary float, so a page, a PDF and a spreadsheet never disagree by one in the last
digit. Django's `number_format` truncates a float's digits instead (0.999 with two decimals gives
"0,99"); give it the rounded Decimal from here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.formats import number_format
from django.utils.translation import get_language


def rounded(value: float | Decimal | int, places: int) -> Decimal:
    """`value` rounded half away from zero to `places` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)
def _number_text(text: str, places: int, language: str | None, grouping: bool) -> str:
    return number_format(Decimal(text), decimal_pos=places)


@receiver(setting_changed)
def _forget_number_texts(**kwargs) -> None:
    _number_text.cache_clear()  # format settings changed (tests)


def _text(value: Decimal, places: int) -> str:
    """`number_format(value, decimal_pos=places)`, kept per language: a results page formats
    hundreds of figures, and the same few hundred values recur; Django's number_format looks up
    three format settings each time."""
    return _number_text(str(value), places, get_language(), settings.USE_THOUSAND_SEPARATOR)


def decimal_text(value: float | Decimal | int, places: int) -> str:
    """The rounded value in the current language's format: 3,47 in Dutch, 3.47 in English."""
    return _text(rounded(value, places), places)


def signed_text(value: float | Decimal | int, places: int = 2) -> str:
    """A change with its sign after rounding: +1,00 / −0,12 / 0,00 (no sign on what rounds to zero)."""
    r = rounded(value, places)
    text = _text(abs(r), places)
    if r == 0:
        return text
    return ("+" if r > 0 else "−") + text
