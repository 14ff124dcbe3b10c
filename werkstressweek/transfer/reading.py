"""Reading an uploaded CSV or XLSX file into a dataset, within fixed limits."""

from __future__ import annotations

import csv
import io
import zipfile

import tablib
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# An XLSX file is a zip: its parts may together unpack to at most this much (zip bombs).
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "cp1252")


class UploadError(ValueError):
    """The file cannot be read; the message says why, for the user."""


def read_upload(name: str, raw: bytes) -> tablib.Dataset:
    """The rows of a CSV or XLSX file with its first row as headers, or UploadError."""
    if len(raw) > MAX_BYTES:
        raise UploadError(_("The file is larger than 5 MB."))
    if not raw.strip():
        raise UploadError(_("The file is empty."))
    lower = name.lower()
    if lower.endswith(".xls"):
        raise UploadError(_("Old Excel files (.xls) cannot be read: save the file as .xlsx or CSV."))
    dataset = _read_xlsx(raw) if lower.endswith(".xlsx") else _read_csv(raw)
    headers = [str(h or "").strip() for h in (dataset.headers or [])]
    if not any(headers):
        raise UploadError(_("The first row must name the columns."))
    dataset.headers = headers
    if len(dataset) > MAX_ROWS:
        raise UploadError(_("The file has more than 10 000 rows; split it into smaller files."))
    return dataset


def _decode(raw: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(_("This file is not a text (CSV) file."))


def _read_csv(raw: bytes) -> tablib.Dataset:
    text = _decode(raw)
    if "\x00" in text:
        raise UploadError(_("This file is not a text (CSV) file."))
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise UploadError(_("This file could not be read as CSV.")) from exc
    return _dataset(rows)


def _read_xlsx(raw: bytes) -> tablib.Dataset:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UploadError(_("This file is not a valid Excel file (.xlsx).")) from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise UploadError(_("The Excel file unpacks to more than 50 MB; save it as CSV."))
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(["" if v is None else v for v in row])
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except UploadError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise UploadError(_("This file is not a valid Excel file (.xlsx).")) from exc
    return _dataset(rows)


def _dataset(rows: list[list]) -> tablib.Dataset:
    rows = [r for r in rows if any(str(v).strip() for v in r)]
    if not rows:
        raise UploadError(_("The file is empty."))
    headers = [str(h).strip() for h in rows[0]]
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        values = list(row[:width]) + [""] * (width - len(row))
        dataset.append(values)
    return dataset
