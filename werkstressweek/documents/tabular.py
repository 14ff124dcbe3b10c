"""Safety for data leaving the app as CSV or XLSX."""

from __future__ import annotations

# A spreadsheet runs a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix an apostrophe to text a spreadsheet would treat as a formula; leave the rest."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
