"""Build the toolkit ZIP, and register it with the documents app's export machinery.

The export machinery (werkstressweek.documents) gives the record with status, progress, file and
checksum, the Celery task with retries and the htmx polling; this module only knows what goes in
the ZIP. `ToolkitExporter.render` is what the task runs.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Organisation, Role, Team
from werkstressweek.documents.registry import ExportContext, Exporter, ParametersInvalid, register

from ..calendar import agenda_ics
from ..models import Campaign
from . import office, printing
from .content import ToolkitContent, toolkit_content
from .texts import CHANNELS, PHASES

TOOLKIT_ROLES = (Role.HR, Role.CORE_TEAM, Role.MANAGER, Role.AMBASSADOR)
FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")
URL = re.compile(r"(https?://[^\s)]+)")


@dataclass(frozen=True)
class RenderedFile:
    data: bytes
    pages: int | None = None


def message_text(content: ToolkitContent, phase: str, channel: str) -> str:
    text = content.texts[f"message_{phase}_{channel}"]
    if channel == "email":
        with translation.override(content.language):
            subject = _("Subject")
        return f"{subject}: {text.title}\n\n{text.body}\n"
    if channel in ("teams", "slack"):
        return f"{text.body}\n"
    return f"{text.title}\n\n{text.body}\n"


def message_markdown(content: ToolkitContent, phase: str, channel: str) -> str:
    text = content.texts[f"message_{phase}_{channel}"]
    body = URL.sub(r"<\1>", text.body)
    return f"# {text.title}\n\n{body}\n"


def qa_markdown(content: ToolkitContent) -> str:
    lines = [f"# {_('Questions and answers')}: {content.campaign.name}", ""]
    for item in printing.qa_items(content):
        lines += [f"## {item['title']}", "", *(URL.sub(r"<\1>", p) + "\n" for p in item["paragraphs"])]
    return "\n".join(lines)


def readme(content: ToolkitContent, names: list[str]) -> str:
    v = content.values
    lines = [
        _("Communication toolkit: %(campaign)s") % {"campaign": content.campaign.name},
        content.org.name,
        f"{v['start']} – {v['end']}",
        "",
        _("Made on %(date)s. When the campaign changes, download the toolkit again for the new version.")
        % {"date": timezone.localtime().strftime("%d-%m-%Y %H:%M")},
        "",
        _("Agenda: %(url)s") % {"url": v["agenda_url"]},
        _("Pulse: %(url)s") % {"url": v["pulse_url"]},
        "",
        _("Contents:"),
        *(f"  {name}" for name in names),
        "",
        _("posters/: print the A4 or A3 poster for notice boards, the coffee corner and shift handovers."),
        _("manager-letter/: the letter with talking points; edit the DOCX before sending it."),
        _(
            "messages/: ready-to-post texts per phase (before, during, after) and channel, as text and Markdown."
        ),
        _("slides/: the kick-off deck."),
        _("qa/: answers to the questions colleagues ask most."),
        _("visuals/: images for intranet and social posts (1080×1080 and 1200×628)."),
        _("agenda/: the agenda as a calendar file (Outlook, Google, Apple)."),
    ]
    return "\n".join(lines) + "\n"


def toolkit_zip(content: ToolkitContent, progress=lambda percent: None) -> bytes:
    """Every file of the toolkit in one ZIP (deflated; PDFs, PNGs and Office files barely shrink)."""
    files: list[tuple[str, bytes]] = []
    with translation.override(content.language):
        files.append(("posters/poster-a4.pdf", printing.poster_pdf(content, size="A4")))
        progress(20)
        files.append(("posters/poster-a3.pdf", printing.poster_pdf(content, size="A3")))
        progress(35)
        files.append(("manager-letter/manager-letter.docx", office.letter_docx(content)))
        files.append(("manager-letter/manager-letter.pdf", printing.letter_pdf(content)))
        progress(50)
        everything = []
        for phase in PHASES:
            for channel in CHANNELS:
                stem = f"messages/{phase}-{channel}"
                files.append((f"{stem}.txt", message_text(content, phase, channel).encode()))
                markdown = message_markdown(content, phase, channel)
                files.append((f"{stem}.md", markdown.encode()))
                everything.append(markdown)
        files.append(("messages/all-messages.md", "\n".join(everything).encode()))
        files.append(("slides/kick-off.pptx", office.slides_pptx(content)))
        progress(65)
        files.append(("qa/questions-and-answers.pdf", printing.qa_pdf(content)))
        files.append(("qa/questions-and-answers.md", qa_markdown(content).encode()))
        progress(75)
        for width, height, size_class in printing.VISUAL_SIZES:
            png = printing.visual_png(content, width=width, height=height, size_class=size_class)
            files.append((f"visuals/visual-{width}x{height}.png", png))
        progress(88)
        if content.agenda_url:
            files.append(("qr/agenda-qr.png", printing.qr_png(content.agenda_url)))
        if content.pulse:
            files.append(("qr/pulse-qr.png", printing.qr_png(content.pulse.url)))
        domain = urlparse(settings.SITE_URL).hostname or "localhost"
        files.append(
            (
                "agenda/agenda.ics",
                agenda_ics(campaign=content.campaign, activities=content.activities, domain=domain),
            )
        )
        names = [name for name, _data in files]
        files.insert(0, ("README.txt", readme(content, names).encode()))
    folder = f"toolkit-{content.org.slug}-{content.campaign.year}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(f"{folder}/{name}", data)
    return out.getvalue()


def campaign_and_team(org: Organisation, parameters: dict) -> tuple[Campaign, Team | None]:
    try:
        campaign_id = int(parameters.get("campaign"))
        team_id = parameters.get("team")
        team_id = int(team_id) if team_id is not None else None
    except (TypeError, ValueError):
        raise ParametersInvalid from None
    campaign = (
        Campaign.objects.select_related("organisation").filter(organisation=org, pk=campaign_id).first()
    )
    if campaign is None:
        raise ParametersInvalid
    team = None
    if team_id is not None:
        team = Team.objects.filter(organisation=org, pk=team_id).first()
        if team is None:
            raise ParametersInvalid
    return campaign, team


@register
class ToolkitExporter(Exporter):
    identifier = "toolkit"
    label = gettext_lazy("Communication toolkit")
    description = gettext_lazy(
        "Posters, manager letter, messages, slides, Q&A, visuals and the agenda in one ZIP."
    )
    export_roles = TOOLKIT_ROLES
    download_roles = TOOLKIT_ROLES
    file_stem = "toolkit"
    file_extension = "zip"
    content_type = "application/zip"
    listed = False

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        campaign, team = campaign_and_team(org, parameters)
        fingerprint = str(parameters.get("fingerprint", ""))
        if not FINGERPRINT.match(fingerprint):
            raise ParametersInvalid
        return {"campaign": campaign.pk, "team": team.pk if team else None, "fingerprint": fingerprint}

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        campaign, team = campaign_and_team(org, parameters)
        return f"{campaign.name} · {team.name}" if team else campaign.name

    def render(self, ctx: ExportContext) -> RenderedFile:
        campaign, team = campaign_and_team(ctx.org, ctx.parameters)
        ctx.progress(5)
        content = toolkit_content(campaign=campaign, team=team, language=ctx.language)
        return RenderedFile(data=toolkit_zip(content, progress=ctx.progress))
