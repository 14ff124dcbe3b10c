from __future__ import annotations

import pytest
from weasyprint.urls import FatalURLFetchingError

from werkstressweek.documents.pdf import LocalOnlyFetcher, render_html, static_root

from .conftest import pdf_pages, pdf_text


def test_a_template_renders_to_a_pdf_with_cover_page_numbers_and_confidential_mark():
    from django.utils import timezone

    from werkstressweek.documents.pdf import render_pdf

    class Org:
        name = "Zorggroep Test"

    pdf = render_pdf(
        template="documents/base_print.html",
        context={
            "org": Org(),
            "title": "Testrapport",
            "kicker": "Week van de Werkstress",
            "subtitle": "Onderdeel",
            "generated_at": timezone.now(),
            "toc": [],
        },
        language="en",
    )

    assert pdf.data.startswith(b"%PDF")
    assert pdf.pages == pdf_pages(pdf.data) == 1  # the cover; reports add their chapters
    text = pdf_text(pdf.data)
    assert "Testrapport" in text
    assert "Zorggroep Test" in text
    assert "CONFIDENTIAL" in text


def test_the_fetcher_reads_static_files_and_data_uris_only(tmp_path):
    fetcher = LocalOnlyFetcher()
    font = static_root() / "vendor" / "dejavu-fonts-2.37" / "DejaVuSans.ttf"
    assert fetcher.fetch(font.as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    for url in ("https://example.org/logo.png", "http://127.0.0.1/", secret.as_uri(),
                (static_root() / ".." / "manage.py").as_uri()):  # fmt: skip
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_rendering_never_fetches_from_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("rendering tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = (
        '<link rel="stylesheet" href="css/print.css">'
        '<p>Tekst</p><img src="https://example.org/tracker.png"><img src="http://10.0.0.1/x.svg">'
    )
    with pytest.raises(FatalURLFetchingError):
        render_html(html)
