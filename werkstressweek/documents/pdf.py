"""Render a template and its context to a PDF with WeasyPrint, offline.

Every report goes through `render_pdf`: one print stylesheet (`static/css/print.css`), fonts
shipped with the project, and a URL fetcher that only reads the project's static files and
`data:` URIs, so rendering never touches the network and never reads files elsewhere on disk.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

PRINT_STYLESHEET = "css/print.css"


def static_root() -> Path:
    """The folder print templates and stylesheets resolve relative links against."""
    return Path(settings.BASE_DIR) / "static"


class LocalOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and files under the project's static folder; refuse everything else."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.root = (root or static_root()).resolve()

    def fetch(self, url: str, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(url, headers)
        raise ValueError(f"Refused to fetch {url!r} while rendering a PDF (only local static files).")


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(*, template: str, context: dict, language: str | None = None) -> RenderedPdf:
    """The PDF of `template` rendered with `context`, in `language` (default: the site's)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "print_stylesheet": PRINT_STYLESHEET})
    return render_html(html)


def render_html(html: str) -> RenderedPdf:
    """Lay out and write an HTML string whose relative links point into the static folder."""
    fonts = FontConfiguration()
    document = HTML(
        string=html, base_url=static_root().as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    ).render(font_config=fonts)
    return RenderedPdf(data=document.write_pdf(), pages=len(document.pages))


def svg_data_uri(svg: str) -> str:
    """An SVG string (from `charts`) as a data URI for an <img> in a print template."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
