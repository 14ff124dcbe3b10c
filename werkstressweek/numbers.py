"""One rounding rule for every figure the app shows or exports.

Half away from zero, like Django's `floatformat` (0.125 → 0.13, 0.999 → 1.00), on the decimal value
rather than the binary float, so a page, a PDF and a spreadsheet never disagree by one in the last
digit. Django's `number_format` truncates a float's digits instead (0.999 with two decimals gives
"0,99"); give it the rounded Decimal from here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def rounded(value: float | Decimal | int, places: int) -> Decimal:
    """`value` rounded half away from zero to `places` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal_text(value: float | Decimal | int, places: int) -> str:
    """The rounded value in the current language's format: 3,47 in Dutch, 3.47 in English."""
    return number_format(rounded(value, places), decimal_pos=places)


def signed_text(value: float | Decimal | int, places: int = 2) -> str:
    """A change with its sign after rounding: +1,00 / −0,12 / 0,00 (no sign on what rounds to zero)."""
    r = rounded(value, places)
    text = number_format(abs(r), decimal_pos=places)
    if r == 0:
        return text
    return ("+" if r > 0 else "−") + text
