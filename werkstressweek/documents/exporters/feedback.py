"""Feedback to employees (terugkoppeling) as a PDF: the same content as the public page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Organisation, Role

from ..pdf import RenderedPdf, render_pdf
from ..registry import ExportContext, Exporter, register
from .measurement import ClosedPulseChoiceField, _closed_pulses, pulse_choices, pulse_for_report


class FeedbackReportForm(forms.Form):
    pulse = ClosedPulseChoiceField(label=gettext_lazy("Pulse"), coerce=int)
    include_teams = forms.BooleanField(
        label=gettext_lazy("Also show teams in which enough people answered"), required=False
    )

    def __init__(self, *args, pulses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pulse"].choices = pulse_choices(pulses)

    @property
    def unavailable(self) -> str:
        if not self.fields["pulse"].choices:
            return _("No pulse has closed yet: results exist only once a pulse has closed.")
        return ""


@register
class FeedbackExporter(Exporter):
    identifier = "feedback"
    label = gettext_lazy("Feedback to employees")
    description = gettext_lazy(
        "A short summary of a closed pulse in plain language, with what goes well, what needs "
        "attention and what the organisation will do about it."
    )
    export_roles = (Role.HR, Role.CORE_TEAM)
    download_roles = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)
    file_stem = "terugkoppeling"

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        pulse = pulse_for_report(org, parameters.get("pulse"))
        return {"pulse": pulse.pk, "include_teams": bool(parameters.get("include_teams"))}

    def parameters_form(self, *, org: Organisation, data: dict | None = None):
        return FeedbackReportForm(data, pulses=_closed_pulses(org), prefix=self.identifier)

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        return pulse_for_report(org, parameters.get("pulse")).title

    def render(self, ctx: ExportContext) -> RenderedPdf:
        from ..feedback import feedback_context

        pulse = pulse_for_report(ctx.org, ctx.parameters.get("pulse"))
        ctx.progress(10)
        context = feedback_context(pulse=pulse, include_teams=bool(ctx.parameters.get("include_teams")))
        ctx.progress(40)
        context.update(
            org=ctx.org,
            campaign=pulse.campaign,
            title=_("What you told us"),
            kicker=_("Feedback to employees"),
            subtitle=pulse.title,
            generated_at=timezone.localtime(),
            generated_by="",
            toc=None,
            compact_cover=True,
            public_document=_("For all employees of %(org)s.") % {"org": ctx.org.name},
        )
        return render_pdf(template="documents/feedback.html", context=context, language=ctx.language)
