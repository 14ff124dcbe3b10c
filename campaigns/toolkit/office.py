"""The editable pieces: the manager letter as DOCX (python-docx) and the kick-off deck as PPTX (python-pptx)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Mm, Pt, RGBColor
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor as PptxRGB
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches
from pptx.util import Pt as PptxPt

from .content import ToolkitContent
from .printing import agenda_rows, logo_png, qr_png

SLIDE_AGENDA_ROWS = 9
WHITE = "FFFFFF"
INK = "1D2733"
MUTED = "5B6773"


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _png_logo(content: ToolkitContent) -> bytes | None:
    """Office files take a PNG: the PNG logo, or the SVG logo drawn once per build."""
    if not hasattr(content, "_logo_png"):
        content._logo_png = logo_png(content)
    return content._logo_png


def _fit(png: bytes, *, max_width: int, max_height: int) -> tuple[int, int]:
    """The logo's size (EMU) within the box, keeping its proportions."""
    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    scale = min(max_width / w, max_height / h)
    return Emu(int(w * scale)), Emu(int(h * scale))


# --- Manager letter -------------------------------------------------------------------------------


def letter_docx(content: ToolkitContent) -> bytes:
    letter = content.texts["manager_letter"]
    points = content.texts["manager_points"]
    brand = RGBColor.from_string(_hex(content.colour))
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(22)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.core_properties.title = letter.title
    document.core_properties.author = content.org.name
    document.core_properties.subject = content.campaign.name

    head = document.add_paragraph()
    logo = _png_logo(content)
    if logo:
        width, height = _fit(logo, max_width=Mm(60), max_height=Mm(14))
        head.add_run().add_picture(io.BytesIO(logo), width=width, height=height)
        head.add_run("   ")
    org_run = head.add_run(content.org.name)
    org_run.bold = True
    org_run.font.size = Pt(13)
    org_run.font.color.rgb = brand
    campaign_line = document.add_paragraph()
    campaign_run = campaign_line.add_run(f"{content.campaign.name} · {content.period}")
    campaign_run.font.size = Pt(9)
    campaign_run.font.color.rgb = RGBColor.from_string(MUTED)

    heading = document.add_heading(letter.title, level=1)
    for run in heading.runs:
        run.font.color.rgb = brand
    for paragraph in letter.body.split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())

    points_heading = document.add_heading(points.title, level=2)
    for run in points_heading.runs:
        run.font.color.rgb = brand
    for line in points.body.splitlines():
        if line.strip():
            document.add_paragraph(line.strip(), style="List Bullet")

    with translation.override(content.language):
        rows = agenda_rows(content)
        agenda_title, when, what, how = _("The agenda of the week"), _("When"), _("What"), _("How")
        links = [(_("Agenda:"), content.values["agenda_url"]), (_("Pulse:"), content.values["pulse_url"])]
    if rows:
        agenda_heading = document.add_heading(agenda_title, level=2)
        for run in agenda_heading.runs:
            run.font.color.rgb = brand
        table = document.add_table(rows=1, cols=3)
        table.style = "Light List Accent 1"
        for cell, label in zip(table.rows[0].cells, (when, what, how), strict=True):
            cell.text = label
        for row in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = row["when"], row["title"], row["format"]
    for label, url in links:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} ").bold = True
        paragraph.add_run(url)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Kick-off slides ------------------------------------------------------------------------------

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
BULLETS_TOP = Inches(1.8)


def _fill(shape, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = PptxRGB.from_string(colour)
    shape.line.fill.background()


def _text(slide, text: str, *, left, top, width, height, size: int, colour: str = INK, bold: bool = False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size = PptxPt(size)
    run.font.bold = bold
    run.font.color.rgb = PptxRGB.from_string(colour)
    return box


def _titled(prs, title: str, brand: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, Inches(1.35))
    _fill(bar, brand)
    _text(
        slide,
        title,
        left=Inches(0.6),
        top=Inches(0.3),
        width=Inches(12),
        height=Inches(0.9),
        size=32,
        colour=WHITE,
        bold=True,
    )
    return slide


def _bullets(slide, lines: list[str], *, top=BULLETS_TOP, size: int = 24) -> None:
    box = slide.shapes.add_textbox(Inches(0.8), top, Inches(11.7), Inches(5.2))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = f"•  {line}"
        run.font.size = PptxPt(size)
        run.font.color.rgb = PptxRGB.from_string(INK)
        paragraph.space_after = PptxPt(14)


def slides_pptx(content: ToolkitContent) -> bytes:
    """The kick-off deck: why, goals and themes, agenda, anonymity, after the week, links."""
    brand = _hex(content.colour)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = content.campaign.name
    prs.core_properties.author = content.org.name
    v = content.values
    with translation.override(content.language):
        # 1. Title
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _fill(slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, SLIDE_H), brand)
        _text(
            slide,
            content.org.name,
            left=Inches(0.8),
            top=Inches(0.6),
            width=Inches(9),
            height=Inches(0.6),
            size=20,
            colour=WHITE,
            bold=True,
        )
        kicker = _("Week van de Werkstress %(year)s") % {"year": content.campaign.year}
        if kicker != content.campaign.name:
            _text(
                slide,
                kicker,
                left=Inches(0.8),
                top=Inches(2.2),
                width=Inches(11.5),
                height=Inches(0.6),
                size=22,
                colour=WHITE,
            )
        _text(
            slide,
            content.campaign.name,
            left=Inches(0.8),
            top=Inches(2.9),
            width=Inches(11.5),
            height=Inches(1.6),
            size=48,
            colour=WHITE,
            bold=True,
        )
        _text(
            slide,
            f"{v['start']} – {v['end']}",
            left=Inches(0.8),
            top=Inches(4.8),
            width=Inches(11.5),
            height=Inches(0.8),
            size=26,
            colour=WHITE,
        )
        logo = _png_logo(content)
        if logo:
            width, height = _fit(logo, max_width=Inches(3.2), max_height=Inches(0.9))
            pad = Inches(0.2)
            left = SLIDE_W - Inches(0.6) - width - 2 * pad
            plate = slide.shapes.add_shape(
                MSO_SHAPE.ROUNDED_RECTANGLE, left, Inches(0.45), width + 2 * pad, height + 2 * pad
            )
            _fill(plate, WHITE)
            slide.shapes.add_picture(
                io.BytesIO(logo), left + pad, Inches(0.45) + pad, width=width, height=height
            )

        # 2. Why we take part
        why = content.texts["slides_why"]
        _bullets(_titled(prs, why.title, brand), [line for line in why.body.splitlines() if line.strip()])

        # 3. Goals and themes
        slide = _titled(prs, _("Goals and themes"), brand)
        lines = [g.title for g in content.goals] or [v["goals"]]
        _bullets(slide, lines, size=24)
        if content.themes:
            _text(
                slide,
                _("Themes: %(themes)s") % {"themes": ", ".join(t.name for t in content.themes)},
                left=Inches(0.8),
                top=Inches(6.3),
                width=Inches(11.7),
                height=Inches(0.6),
                size=20,
                colour=brand,
                bold=True,
            )

        # 4. The week's agenda
        slide = _titled(prs, _("The agenda of the week"), brand)
        rows = agenda_rows(content, SLIDE_AGENDA_ROWS)
        if rows:
            shape = slide.shapes.add_table(
                len(rows) + 1,
                3,
                Inches(0.6),
                Inches(1.7),
                Inches(12.1),
                Emu(int(Inches(0.48)) * (len(rows) + 1)),
            )
            table = shape.table
            table.columns[0].width, table.columns[1].width, table.columns[2].width = (
                Inches(2.6),
                Inches(7.4),
                Inches(2.1),
            )
            for col, label in enumerate((_("When"), _("What"), _("How"))):
                table.cell(0, col).text = label
            for r, row in enumerate(rows, start=1):
                for col, key in enumerate(("when", "title", "format")):
                    table.cell(r, col).text = row[key]
            for r in range(len(rows) + 1):
                for col in range(3):
                    cell = table.cell(r, col)
                    if r == 0:
                        cell.fill.solid()
                        cell.fill.fore_color.rgb = PptxRGB.from_string(brand)
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = PptxPt(15)
            if len(content.activities) > SLIDE_AGENDA_ROWS:
                _text(
                    slide,
                    _("The whole agenda: %(url)s") % {"url": v["agenda_url"]},
                    left=Inches(0.6),
                    top=Inches(6.8),
                    width=Inches(12),
                    height=Inches(0.5),
                    size=14,
                    colour=MUTED,
                )
        else:
            _bullets(slide, [_("The agenda is being prepared.")])

        # 5. Anonymity
        slide = _titled(prs, _("Your answers stay anonymous"), brand)
        _bullets(
            slide,
            [
                _("The pulse takes 2 minutes and asks no name, e-mail address or time."),
                _("Results are only shown for groups of at least %(k)s people.") % {"k": content.k},
                _("Nobody sees results while the pulse is still open."),
                _("Open comments are kept %(c)s months, answers %(a)s months; then they are deleted.")
                % {"c": content.comments_months, "a": content.answers_months},
            ],
        )

        # 6. After the week
        after = content.texts["slides_after"]
        _bullets(_titled(prs, after.title, brand), [line for line in after.body.splitlines() if line.strip()])

        # 7. Links with QR codes
        slide = _titled(prs, _("Join in"), brand)
        codes = [(_("The agenda"), content.agenda_url)]
        if content.pulse:
            codes.append((_("The anonymous pulse"), content.pulse.url))
        for i, (label, url) in enumerate(c for c in codes if c[1]):
            left = Inches(0.9 + i * 6.2)
            slide.shapes.add_picture(io.BytesIO(qr_png(url)), left, Inches(1.9), height=Inches(3.6))
            _text(
                slide,
                label,
                left=left,
                top=Inches(5.6),
                width=Inches(5.6),
                height=Inches(0.5),
                size=22,
                colour=brand,
                bold=True,
            )
            _text(
                slide,
                url,
                left=left,
                top=Inches(6.2),
                width=Inches(5.6),
                height=Inches(0.8),
                size=11,
                colour=MUTED,
            )
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
