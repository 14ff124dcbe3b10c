"""The toolkit's printed pieces: posters (A4, A3), manager letter and Q&A as PDF, visuals as PNG.

All go through WeasyPrint with the project's offline fetcher and fonts (documents.pdf). Visuals are
laid out as a one-page PDF of the exact pixel size and rasterised with PDFium, so they use the same
fonts, colours and logo (PNG or SVG) as the posters.
"""

from __future__ import annotations

import io

import pypdfium2
import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import Image, ImageChops

from werkstressweek.documents.pdf import render_html
from werkstressweek.templatetags.dates import day

from .branding import logo_data_uri
from .content import ToolkitContent

POSTER_HIGHLIGHTS = 10
# Common sizes: a square post (Instagram, LinkedIn, Viva Engage) and a link / intranet banner.
VISUAL_SIZES = ((1080, 1080, "square"), (1200, 628, "wide"))
CSS_PX_PER_PT = 96 / 72


def tint(colour: str, amount: float = 0.88) -> str:
    """`colour` mixed with white: a light background in the brand's hue."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(v + (255 - v) * amount) for v in (r, g, b)]
    return "#" + "".join(f"{v:02X}" for v in mix)


def qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_data_uri(url: str, colour: str = "#000000") -> str:
    return qr(url).svg_data_uri(scale=10, border=2, dark=colour)


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    qr(url).save(out, kind="png", scale=12, border=3)
    return out.getvalue()


def agenda_rows(content: ToolkitContent, limit: int | None = None) -> list[dict]:
    rows = []
    for activity in content.activities[:limit]:
        start = timezone.localtime(activity.starts_at)
        rows.append(
            {
                "when": day(start, "D j M H:i"),  # "ma 16 nov 09:00", the year only outside this year
                "title": activity.title,
                "format": activity.get_format_display(),
            }
        )
    return rows


def _context(content: ToolkitContent, **extra) -> dict:
    return {
        "c": content,
        "tint": tint(content.colour),
        "logo": logo_data_uri(content.branding),
        "poster_title": content.texts["poster"].title,
        "poster_body": content.texts["poster"].body,
        **extra,
    }


def _render(template: str, context: dict, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(template, context)
    return render_html(html).data


def poster_pdf(content: ToolkitContent, *, size: str) -> bytes:
    """An A4 or A3 poster with the agenda's highlights and QR codes to the agenda and the pulse."""
    with translation.override(content.language):
        rows = agenda_rows(content, POSTER_HIGHLIGHTS)
    context = _context(
        content,
        size_class=size.lower(),
        page_size=size,
        highlights=rows,
        more=max(0, len(content.activities) - POSTER_HIGHLIGHTS),
        agenda_qr=qr_data_uri(content.agenda_url, content.colour) if content.agenda_url else "",
        pulse_qr=qr_data_uri(content.pulse.url, content.colour) if content.pulse else "",
    )
    return _render("campaigns/toolkit/print/poster.html", context, content.language)


def letter_pdf(content: ToolkitContent) -> bytes:
    letter = content.texts["manager_letter"]
    points = content.texts["manager_points"]
    with translation.override(content.language):
        rows = agenda_rows(content)
    context = _context(
        content,
        letter=letter,
        letter_paragraphs=[p for p in letter.body.split("\n\n") if p.strip()],
        points=points,
        point_lines=[line for line in points.body.splitlines() if line.strip()],
        agenda_rows=rows,
    )
    return _render("campaigns/toolkit/print/letter.html", context, content.language)


def qa_items(content: ToolkitContent) -> list[dict]:
    return [
        {"title": text.title, "paragraphs": [p for p in text.body.split("\n\n") if p.strip()]}
        for key, text in content.texts.items()
        if key.startswith("qa_")
    ]


def qa_pdf(content: ToolkitContent) -> bytes:
    return _render(
        "campaigns/toolkit/print/qa.html", _context(content, qa=qa_items(content)), content.language
    )


def visual_png(content: ToolkitContent, *, width: int, height: int, size_class: str) -> bytes:
    """A social or intranet visual of exactly width × height pixels."""
    ring = int(min(width, height) * 0.9)
    context = _context(
        content,
        width=width,
        height=height,
        size_class=size_class,
        page_size=f"{width}px {height}px",
        ring=ring,
        ring_offset=ring // 3,
    )
    pdf = _render("campaigns/toolkit/print/visual.html", context, content.language)
    return pdf_page_png(pdf, width=width)


def logo_png(content: ToolkitContent) -> bytes | None:
    """The logo as PNG for the Office files: a PNG as it is, an SVG drawn by WeasyPrint and trimmed."""
    branding = content.branding
    if not branding.has_logo:
        return None
    if branding.logo_type == "image/png":
        return bytes(branding.logo)
    html = (
        "<html><head><style>@page { size: 1200px 400px; margin: 0 } body { margin: 0 }"
        " img { width: 1200px; height: 400px; object-fit: contain; display: block }</style></head>"
        f'<body><img src="{logo_data_uri(branding)}" alt=""></body></html>'
    )
    png = pdf_page_png(render_html(html).data, width=1200)
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
        if box is None:
            return None
        out = io.BytesIO()
        rgb.crop(box).save(out, format="PNG")
    return out.getvalue()


def pdf_page_png(pdf: bytes, *, width: int, page: int = 0) -> bytes:
    """The PDF's page rasterised to a PNG `width` pixels wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pdf_page = document[page]
        scale = width / pdf_page.get_width()
        image = pdf_page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
