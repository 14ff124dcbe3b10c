"""The anonymity statement for the works council, generated from the real settings (art. 27 WOR).

It renders the same context as the organisation's public privacy page (`werkstressweek.privacy`):
the one permission table, the organisation's k and its retention periods, plus the k each pulse
recorded when it opened. Changing a setting changes the next statement.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Organisation, Role
from werkstressweek.audit.models import AuditAction
from werkstressweek.privacy import privacy_context

from ..pdf import RenderedPdf, render_pdf
from ..registry import ExportContext, Exporter, register

PULSE_ROWS = 12
LOGGED_ACTIONS = (
    AuditAction.SETTINGS_K,
    AuditAction.SETTINGS_THRESHOLDS,
    AuditAction.SETTINGS_RETENTION,
    AuditAction.ROLE_CHANGED,
    AuditAction.PULSE_CREATED,
    AuditAction.PULSE_EXTENDED,
    AuditAction.PULSE_CLOSED,
    AuditAction.CODES_DOWNLOADED,
    AuditAction.RESULTS_EXPORTED,
    AuditAction.REPORT_EXPORTED,
    AuditAction.RETENTION_DELETED,
)


def anonymity_context(*, org: Organisation) -> dict:
    """The privacy page's context for `org` and the k of its latest pulses."""
    from measurements.models import Pulse

    now = timezone.now()
    pulses = list(Pulse.objects.filter(organisation=org).order_by("-opens_at", "-pk")[:PULSE_ROWS])
    return {
        **privacy_context(org),
        "pulses": [(p, p.state(now)) for p in pulses],
        "pulses_other_k": sum(p.min_group_size != org.min_group_size for p in pulses),
        "logged_actions": [AuditAction(a).label for a in LOGGED_ACTIONS],
    }


@register
class AnonymityStatementExporter(Exporter):
    identifier = "anonymity"
    label = gettext_lazy("Anonymity statement")
    description = gettext_lazy(
        "For the works council's consent: what is stored and what is not, the minimum group size and "
        "suppression rules, who sees what, what remains to be trusted and how long data is kept — "
        "generated from the current settings."
    )
    export_roles = (Role.HR,)
    download_roles = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)
    file_stem = "anonimiteitsverklaring"

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        return {}

    def parameters_form(self, *, org: Organisation, data: dict | None = None):
        from ..forms import NoParametersForm

        return NoParametersForm(data, prefix=self.identifier)

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        return org.name

    def render(self, ctx: ExportContext) -> RenderedPdf:
        with translation.override(ctx.language):  # labels built in the context, too
            return self._render(ctx)

    def _render(self, ctx: ExportContext) -> RenderedPdf:
        ctx.progress(10)
        context = anonymity_context(org=ctx.org)
        ctx.progress(40)
        context.update(
            org=ctx.org,
            title=_("Anonymity statement"),
            kicker=_("Werkstressweek pulses"),
            subtitle=_("How answers stay anonymous, generated from the current settings"),
            generated_at=timezone.localtime(),
            generated_by=str(ctx.by) if ctx.by else "",
            toc=[
                ("stored", _("What is stored and what is not")),
                ("k", _("Minimum group size")),
                ("rules", _("When results are shown")),
                ("who", _("Who sees what")),
                ("trust", _("What remains to be trusted")),
                ("retention", _("How long data is kept")),
                ("audit", _("Audit log")),
            ],
        )
        return render_pdf(template="documents/anonymity.html", context=context, language=ctx.language)
