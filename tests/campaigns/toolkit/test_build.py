"""The toolkit ZIP: every file is there, opens with its own library and carries the campaign's facts."""

from __future__ import annotations

import io

import pypdfium2
import pytest
import zxingcpp
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from campaigns.toolkit.content import agenda_url, toolkit_content
from campaigns.toolkit.printing import poster_pdf, qr
from campaigns.toolkit.texts import CHANNELS, PHASES
from measurements.models import PulseTeam

EXPECTED = [
    "README.txt",
    "posters/poster-a4.pdf",
    "posters/poster-a3.pdf",
    "manager-letter/manager-letter.docx",
    "manager-letter/manager-letter.pdf",
    *(f"messages/{p}-{c}.{ext}" for p in PHASES for c in CHANNELS for ext in ("txt", "md")),
    "messages/all-messages.md",
    "slides/kick-off.pptx",
    "qa/questions-and-answers.pdf",
    "qa/questions-and-answers.md",
    "visuals/visual-1080x1080.png",
    "visuals/visual-1200x628.png",
    "qr/agenda-qr.png",
    "qr/pulse-qr.png",
    "agenda/agenda.ics",
]


def _files(archive) -> dict[str, bytes]:
    (folder,) = {name.split("/", 1)[0] for name in archive.namelist()}
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages).lower()


def test_the_zip_holds_every_piece_of_the_toolkit(built):
    export, archive = built
    assert archive.testzip() is None
    assert sorted(_files(archive)) == sorted(EXPECTED)
    assert export.status == "done" and export.file.name.endswith(".zip") and len(export.sha256) == 64


def test_every_document_opens_with_its_library_and_names_the_campaign_and_its_dates(built, demo):
    _org, _users, campaign = demo
    files = _files(built[1])
    name = campaign.name.lower()
    start, end = "16 november", "20 november 2026"

    for pdf in ("posters/poster-a4.pdf", "posters/poster-a3.pdf", "manager-letter/manager-letter.pdf"):
        text = _pdf_text(files[pdf])
        assert name in text and start in text and end in text, pdf
    assert "16 november" in _pdf_text(files["qa/questions-and-answers.pdf"])
    assert name in _pdf_text(files["qa/questions-and-answers.pdf"])

    letter = Document(io.BytesIO(files["manager-letter/manager-letter.docx"]))
    letter_text = "\n".join(p.text for p in letter.paragraphs).lower()
    assert name in letter_text and start in letter_text and end in letter_text
    agenda_cells = [c.text for t in letter.tables for r in t.rows for c in r.cells]
    assert campaign.activities.order_by("starts_at").first().title in agenda_cells

    deck = Presentation(io.BytesIO(files["slides/kick-off.pptx"]))
    assert len(deck.slides) == 7
    deck_text = " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    ).lower()
    assert name in deck_text and start in deck_text and end in deck_text

    calendar = Calendar.from_ical(files["agenda/agenda.ics"])
    events = calendar.walk("VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == campaign.name
    assert len(events) == campaign.activities.count()
    assert all(campaign.week_start <= e.decoded("dtstart").date() <= campaign.week_end for e in events)

    for png, size in (
        ("visuals/visual-1080x1080.png", (1080, 1080)),
        ("visuals/visual-1200x628.png", (1200, 628)),
    ):
        with Image.open(io.BytesIO(files[png])) as image:
            assert image.format == "PNG" and image.size == size

    readme = files["README.txt"].decode()
    assert campaign.name in readme and "posters/poster-a4.pdf" in readme


def test_messages_are_filled_in_with_dates_and_links_for_each_phase_and_channel(built, demo):
    _org, _users, campaign = demo
    files = _files(built[1])
    link = agenda_url(campaign)
    for phase in PHASES:
        for channel in CHANNELS:
            text = files[f"messages/{phase}-{channel}.txt"].decode()
            markdown = files[f"messages/{phase}-{channel}.md"].decode()
            assert "{" not in text, f"unfilled placeholder in {phase}-{channel}"
            assert markdown.startswith("# ")
    before = files["messages/before-intranet.txt"].decode()
    assert "16 november" in before and link in before
    assert f"<{link}>" in files["messages/before-intranet.md"].decode()
    assert files["messages/before-email.txt"].decode().startswith("Onderwerp: ")


def test_the_qa_answers_from_the_organisations_real_settings(built, demo):
    org, _users, _campaign = demo
    qa = files = _files(built[1])["qa/questions-and-answers.md"].decode()
    assert f"minstens {org.min_group_size} mensen" in qa
    assert "12 maanden" in qa and "36 maanden" in qa  # the retention defaults
    assert files.count("## ") == 5


def _decoded_qr_codes(pdf: bytes) -> set[str]:
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=3).to_pil()
    document.close()
    return {result.text for result in zxingcpp.read_barcodes(image)}


def test_the_posters_qr_codes_decode_to_the_public_agenda_and_the_teams_pulse_link(built, demo):
    _org, _users, campaign = demo
    files = _files(built[1])
    team = built[0].parameters["team"]
    next_pulse = campaign.pulses.filter(closes_at__gt=timezone.now()).order_by("opens_at", "pk").first()
    pulse_team = PulseTeam.objects.get(pulse=next_pulse, team_id=team)
    expected_pulse = f"http://127.0.0.1:8000/p/{pulse_team.token}/"
    for poster in ("posters/poster-a4.pdf", "posters/poster-a3.pdf"):
        assert _decoded_qr_codes(files[poster]) == {agenda_url(campaign), expected_pulse}
    with Image.open(io.BytesIO(files["qr/agenda-qr.png"])) as image:
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [agenda_url(campaign)]


def test_the_qr_matrix_matches_a_freshly_encoded_one(demo):
    """Independent of the decoder: the poster's code is segno's encoding of the agenda address."""
    _org, _users, campaign = demo
    url = agenda_url(campaign)
    assert qr(url).matrix == __import__("segno").make(url, error="m", micro=False).matrix


def test_without_a_team_the_poster_has_only_the_agenda_code(demo):
    _org, _users, campaign = demo
    content = toolkit_content(campaign=campaign, team=None, language="nl")
    assert content.pulse is None
    assert _decoded_qr_codes(poster_pdf(content, size="A4")) == {agenda_url(campaign)}


@pytest.mark.parametrize("language", ["en"])
def test_the_toolkit_is_english_when_the_organisation_chooses_english(demo, language):
    from campaigns.toolkit.build import message_text
    from werkstressweek.documents.services import report_settings_update

    org, _users, campaign = demo
    report_settings_update(org=org, language=language)
    content = toolkit_content(campaign=campaign, team=None, language=language)
    assert message_text(content, "before", "email").startswith("Subject: Save the date")
    text = _pdf_text(poster_pdf(content, size="A4"))
    assert "monday 16 november" in text and "the agenda: scan and join" in text


def test_the_office_files_carry_an_svg_logo_drawn_as_png(demo):
    from campaigns.toolkit import office
    from campaigns.toolkit.branding import branding_update
    from campaigns.toolkit.demo import DEMO_LOGO

    org, _users, campaign = demo
    branding_update(org=org, primary_colour="#1F5C99", logo=DEMO_LOGO)
    content = toolkit_content(campaign=campaign, team=None, language="nl")
    deck = Presentation(io.BytesIO(office.slides_pptx(content)))
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0].left + pictures[0].width <= deck.slide_width
    assert pictures[0].image.content_type == "image/png"
    letter = Document(io.BytesIO(office.letter_docx(content)))
    assert len(letter.inline_shapes) == 1
