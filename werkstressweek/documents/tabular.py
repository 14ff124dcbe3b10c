"""Safety for data leaving the app as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import tablib
from django.utils.formats import get_format

# A spreadsheet runs a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix an apostrophe to text a spreadsheet would treat as a formula; leave the rest."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# --- Files for the user's spreadsheet -------------------------------------------------------------
#
# Dutch Excel reads a comma as the decimal sign and expects `;` between cells; it needs a byte
# order mark to read UTF-8. An XLSX file gets real number, date and time cells (not text that looks
# like them) and sheet names in the user's language.

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^\d{2}:\d{2}$")
_INTEGER = re.compile(r"^(0|[1-9]\d{0,14})$")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _decimal_comma() -> bool:
    return get_format("DECIMAL_SEPARATOR") == ","


def _csv_cell(value, *, comma: bool):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (float, Decimal)):
        text = format(Decimal(str(value)), "f")
        return text.replace(".", ",") if comma else text
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M" if comma else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y") if comma else value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def csv_text(*datasets: tablib.Dataset) -> str:
    """The datasets as one CSV text (a blank line between them), for the current language."""
    comma = _decimal_comma()
    parts = []
    for data in datasets:
        out = tablib.Dataset(headers=data.headers)
        for row in data:
            out.append([_csv_cell(v, comma=comma) for v in row])
        parts.append(out.export("csv", delimiter=";" if comma else ","))
    return "\ufeff" + "\r\n".join(parts)


def _xlsx_cell(value):
    """Text that is a date (2026-11-16), a clock time (09:30) or a whole number becomes that value."""
    if not isinstance(value, str):
        return value
    if _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _CLOCK.match(value):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return value
    if _INTEGER.match(value):
        return int(value)
    return value


def sheet_title(title: str) -> str:
    """A valid Excel sheet name: at most 31 characters, none of []:*?/\\."""
    return _SHEET_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "1"


def xlsx_bytes(*datasets: tablib.Dataset, title: str = "") -> bytes:
    """The datasets as sheets of one workbook, with typed cells; a sheet without a title gets `title`."""
    sheets = []
    for index, data in enumerate(datasets, start=1):
        out = tablib.Dataset(headers=data.headers, title=sheet_title(data.title or title or str(index)))
        for row in data:
            out.append([_xlsx_cell(v) for v in row])
        sheets.append(out)
    return tablib.Databook(sheets).export("xlsx")
