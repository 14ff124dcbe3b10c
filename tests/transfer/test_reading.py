"""Every upload is read the same way: limits, encodings, XLSX in read-only mode with a size cap."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from werkstressweek.transfer import reading
from werkstressweek.transfer.reading import UploadError, read_upload


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_in_utf8_with_a_byte_order_mark_and_semicolons():
    data = read_upload("x.csv", "\ufeffnaam;aantal\nZorg é;3\n".encode())
    assert data.headers == ["naam", "aantal"] and data[0] == ("Zorg é", "3")


def test_csv_from_excel_on_windows_is_read_as_cp1252():
    data = read_upload("x.csv", "naam,aantal\nRöntgen – nacht,3\n".encode("cp1252"))
    assert data[0][0] == "Röntgen – nacht"


def test_a_file_that_is_neither_utf8_nor_cp1252_is_refused():
    with pytest.raises(UploadError):
        read_upload("x.csv", b"naam\n\x81\x8d\x8f\n")


def test_xlsx_is_read_with_dates_and_numbers_kept():
    import datetime as dt

    data = read_upload("x.xlsx", xlsx([["naam", "deadline"], ["A", dt.date(2027, 1, 4)], [None, None]]))
    assert len(data) == 1 and data[0][0] == "A"


def test_files_over_5_mb_are_refused():
    with pytest.raises(UploadError, match="5 MB"):
        read_upload("x.csv", b"a\n" + b"x" * (5 * 1024 * 1024))


def test_more_than_10_000_rows_are_refused():
    with pytest.raises(UploadError, match="10"):
        read_upload("x.csv", b"a\n" + b"1\n" * 10_001)
    assert len(read_upload("x.csv", b"a\n" + b"1\n" * 10_000)) == 10_000


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(reading, "MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(UploadError, match="50 MB"):
        read_upload("x.xlsx", xlsx([["a"], ["x" * 5000]]))


def test_a_zip_bomb_disguised_as_xlsx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    with pytest.raises(UploadError):
        read_upload("bomb.xlsx", out.getvalue())


@pytest.mark.parametrize(
    ("name", "raw"),
    [("x.xlsx", b"PK\x03\x04junk"), ("x.xls", b"\xd0\xcf\x11\xe0"), ("x.csv", b""), ("x.csv", b"\n\n;;\n")],
)
def test_broken_files_get_a_message_not_an_exception(name, raw):
    with pytest.raises(UploadError):
        read_upload(name, raw)
