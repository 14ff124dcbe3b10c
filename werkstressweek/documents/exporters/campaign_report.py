"""What the reports about one campaign share: the campaign parameter, its form, and the frame."""

from __future__ import annotations

from typing import ClassVar

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Organisation, Role

from ..pdf import RenderedPdf, render_pdf
from ..registry import ExportContext, Exporter, ParametersInvalid


def campaign_of(org: Organisation, parameters: dict):
    """The organisation's campaign the parameters name, or ParametersInvalid."""
    from campaigns.models import Campaign

    try:
        campaign_id = int(parameters.get("campaign"))
    except (TypeError, ValueError):
        raise ParametersInvalid from None
    campaign = Campaign.objects.filter(organisation=org, pk=campaign_id).first()
    if campaign is None:
        raise ParametersInvalid
    return campaign


class CampaignReport(Exporter):
    """A report about one campaign: HR and the core team export it, the works council reads it too.

    Subclasses give the template and `build(campaign, parameters)` for the rest of the context; the
    cover (titled with the report's label), running header and table of contents come from here.
    """

    export_roles = (Role.HR, Role.CORE_TEAM)
    download_roles = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)
    template: ClassVar[str]

    def form_class(self):
        from ..forms import CampaignExportForm

        return CampaignExportForm

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        return {"campaign": campaign_of(org, parameters).pk}

    def parameters_form(self, *, org: Organisation, data: dict | None = None):
        from campaigns.models import Campaign

        campaigns = Campaign.objects.filter(organisation=org).order_by("-week_start")
        return self.form_class()(data, campaigns=campaigns, prefix=self.identifier)

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        return campaign_of(org, parameters).name

    def subtitle(self, campaign) -> str:
        return campaign.name

    def toc(self, parameters: dict) -> list[tuple[str, str]]:
        raise NotImplementedError

    def build(self, *, campaign, parameters: dict) -> dict:
        raise NotImplementedError

    def render(self, ctx: ExportContext) -> RenderedPdf:
        with translation.override(ctx.language):  # labels built in the context, too
            campaign = campaign_of(ctx.org, ctx.parameters)
            ctx.progress(10)
            context = self.build(campaign=campaign, parameters=ctx.parameters)
            ctx.progress(40)
            context.update(
                org=ctx.org,
                title=str(self.label),
                kicker=_("Week van de Werkstress %(year)s") % {"year": campaign.year},
                subtitle=self.subtitle(campaign),
                generated_at=timezone.localtime(),
                generated_by=str(ctx.by) if ctx.by else "",
                toc=self.toc(ctx.parameters),
            )
            return render_pdf(template=self.template, context=context, language=ctx.language)
