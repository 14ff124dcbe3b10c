"""The measurement report: participation, heat map and before/after per theme and team, as a PDF.

Figures are read only through the measurements `*_for_audience` selectors with the works
council's row of the permission table, so the report shows exactly what the council may see on
the results pages: nothing of a pulse that has not closed, "< k" for every hidden group, padded
teams named as such and left out of every total.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Organisation, Role

from .. import charts
from ..pdf import RenderedPdf, render_pdf, svg_data_uri
from ..registry import ExportContext, Exporter, ParametersInvalid, register

# The report goes to the works council (and HR/the core team who export it): the council's row
# of the permission table decides which groups it shows.
AUDIENCE = {"role": Role.WORKS_COUNCIL, "team_ids": ()}
# Tables of at most this many rows are kept on one page; longer ones split with a repeated header.
KEEP_TOGETHER_ROWS = 24
# Above this many teams a bar per team no longer reads on A4; the participation table says it all.
CHART_MAX_TEAMS = 24


def _closed_pulses(org: Organisation):
    from measurements.selectors import closed_pulses

    return closed_pulses(org).select_related("campaign")


def pulse_for_report(org: Organisation, value, *, field: str = "pulse"):
    """The organisation's closed pulse named by `value`; ParametersInvalid otherwise."""
    from measurements.models import Pulse
    from measurements.selectors import results_available

    try:
        pulse_id = int(value)
    except (TypeError, ValueError):
        raise ParametersInvalid(field=field) from None
    pulse = (
        Pulse.objects.filter(organisation=org, pk=pulse_id)
        .select_related("organisation__result_settings", "campaign")
        .first()
    )
    if pulse is None:
        raise ParametersInvalid(field=field)
    if not results_available(pulse):
        raise ParametersInvalid(
            _("This pulse has not closed yet: results exist only once a pulse has closed."), field=field
        )
    return pulse


def default_baseline(pulse):
    """The baseline a follow-up is compared with: the latest closed baseline before it in the same
    campaign (or, for a follow-up outside any campaign, outside any campaign too)."""
    from measurements.models import Pulse, PulseKind

    if pulse.kind != PulseKind.FOLLOW_UP:
        return None
    return (
        Pulse.objects.filter(
            organisation_id=pulse.organisation_id,
            campaign_id=pulse.campaign_id,
            kind=PulseKind.BASELINE,
            closes_at__lte=timezone.now(),
            opens_at__lt=pulse.opens_at,
        )
        .select_related("organisation__result_settings", "campaign")
        .order_by("-opens_at")
        .first()
    )


class ClosedPulseChoiceField(forms.TypedChoiceField):
    """A closed pulse of the organisation; anything else gets a message that says why."""

    default_error_messages = {
        "invalid_choice": gettext_lazy(
            "Choose a closed pulse of this organisation: results exist only once a pulse has closed."
        ),
    }


def pulse_choices(pulses) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.title} ({timezone.localtime(p.closes_at):%d-%m-%Y})") for p in pulses]


class MeasurementReportForm(forms.Form):
    pulse = ClosedPulseChoiceField(label=gettext_lazy("Pulse"), coerce=int)
    compare_with = ClosedPulseChoiceField(
        label=gettext_lazy("Compare with"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Empty: a follow-up is compared with its campaign's baseline."),
    )

    def __init__(self, *args, pulses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = pulse_choices(pulses)
        self.fields["pulse"].choices = choices
        self.fields["compare_with"].choices = [("", _("Automatic"))] + choices

    @property
    def unavailable(self) -> str:
        """Why this report cannot be exported yet (shown instead of the form), or ''."""
        if not self.fields["pulse"].choices:
            return _("No pulse has closed yet: results exist only once a pulse has closed.")
        return ""

    def clean(self):
        data = super().clean()
        if data.get("pulse") and data.get("pulse") == data.get("compare_with"):
            self.add_error("compare_with", _("Choose another pulse to compare with, or leave it empty."))
        return data


def _cell(cell, *, padded: bool) -> dict:
    if padded:
        return {"state": "padded"}
    if cell.mean is None:
        return {"state": "hidden"}
    return {"state": "shown", "mean": cell.mean, "light": cell.light, "favourable": cell.favourable}


def _group_row(group, dims: list[str], *, is_total: bool = False) -> dict:
    state = "padded" if group.padded else ("hidden" if group.hidden else "shown")
    return {
        "name": group.name,
        "is_total": is_total,
        "state": state,
        "respondents": group.shown_respondents,
        "headcount": group.headcount if state == "shown" else None,
        "participation": group.participation if state == "shown" else None,
        "cells": [_cell(group.cells.get(d) or _empty_cell(), padded=group.padded) for d in dims],
    }


def _empty_cell():
    from measurements.selectors import Cell

    return Cell()


def _change_row(group, dimension: str, *, is_total: bool = False) -> dict:
    padded = group.before.padded or group.after.padded
    change = group.changes[dimension]
    shown = not group.hidden and not padded and change.direction != "hidden"
    row = {
        "name": group.name,
        "is_total": is_total,
        "state": "padded" if padded else ("shown" if shown else "hidden"),
    }
    if shown:
        interval = change.interval
        row.update(
            before=change.before.mean,
            before_n=change.before.n,
            after=change.after.mean,
            after_n=change.after.n,
            light=change.after.light,
            difference=interval.difference if interval else change.after.mean - change.before.mean,
            low=interval.low if interval else None,
            high=interval.high if interval else None,
            direction=change.direction,
        )
    return row


def measurement_context(*, pulse, baseline=None) -> dict:
    """Everything the measurement report shows, for the works council's audience."""
    from measurements.models import Dimension
    from measurements.selectors import comparison_for_audience, results_for_audience

    results = results_for_audience(pulse, **AUDIENCE)
    if results is None:  # checked when the export started; a pulse never reopens
        raise ParametersInvalid(field="pulse")
    dims = results.dimensions
    labels = {d: str(Dimension(d).label) for d in dims}
    total = results.total
    heat_rows = ([_group_row(total, dims, is_total=True)] if total is not None else []) + [
        _group_row(g, dims) for g in results.teams
    ]
    participation_chart = None
    # Hidden and padded teams stay out of the chart (the table says "< k" for them). Horizontal
    # bars are drawn bottom-up: reversed, so the chart reads in the table's order.
    charted = [
        g for g in reversed(results.teams) if not (g.hidden or g.padded) and g.participation is not None
    ]
    if charted and len(charted) <= CHART_MAX_TEAMS:
        participation_chart = svg_data_uri(
            charts.participation_chart(
                labels=[g.name for g in charted], percentages=[g.participation for g in charted]
            )
        )
    distribution_chart = None
    if total is not None and not total.hidden:
        distribution_chart = svg_data_uri(
            charts.distribution_chart(
                labels=[labels[d] for d in dims],
                distributions=[total.cells[d].distribution for d in dims],
                scale_labels=["1", "2", "3", "4", "5"],
            )
        )

    comparison = None
    changes = []
    comparison_chart = None
    before = after = None
    if baseline is not None:
        before, after = sorted([baseline, pulse], key=lambda p: p.opens_at)
        scoped = comparison_for_audience(before, after, **AUDIENCE)
        if scoped is not None:
            comparison, groups = scoped
            for d in comparison.dimensions:
                rows = [_change_row(g, d, is_total=g.team is None) for g in groups]
                changes.append({"code": d, "label": str(Dimension(d).label), "rows": rows})
            if comparison.total is not None and not comparison.total.hidden:
                comparison_chart = svg_data_uri(
                    charts.comparison_chart(
                        labels=[str(Dimension(d).label) for d in comparison.dimensions],
                        before=[comparison.total.changes[d].before.mean for d in comparison.dimensions],
                        after=[comparison.total.changes[d].after.mean for d in comparison.dimensions],
                        before_label=before.title,
                        after_label=after.title,
                    )
                )
    per_dimension = []
    if comparison is None:
        for i, d in enumerate(dims):
            per_dimension.append(
                {"code": d, "label": labels[d], "rows": [{**r, "cell": r["cells"][i]} for r in heat_rows]}
            )
    questions = list(pulse.pulse_questions.select_related("question").order_by("position", "pk"))
    summary = []
    if total is not None and not total.hidden:
        for d in dims:
            cell = total.cells[d]
            entry = {"label": labels[d], "mean": cell.mean, "light": cell.light, "change": None}
            if comparison is not None and comparison.total is not None and not comparison.total.hidden:
                change = comparison.total.changes.get(d)
                if change is not None and change.direction != "hidden":
                    entry["change"] = change
            summary.append(entry)
    ks = {pulse.min_group_size} | ({baseline.min_group_size} if baseline is not None else set())
    return {
        "pulse": pulse,
        "results": results,
        "k": comparison.k if comparison is not None else results.k,
        "pulse_k": results.k,
        "other_k": sorted(ks)[0] if len(ks) > 1 else None,
        "thresholds": results.thresholds,
        "dimensions": [labels[d] for d in dims],
        "heat_rows": heat_rows,
        "team_rows": heat_rows[1:] if total is not None else heat_rows,
        "total_row": heat_rows[0] if total is not None else None,
        "hidden_count": sum(1 for r in heat_rows if r["state"] == "hidden" and not r["is_total"]),
        "padded_names": [r["name"] for r in heat_rows if r["state"] == "padded"],
        "participation_chart": participation_chart,
        "distribution_chart": distribution_chart,
        "comparison": comparison,
        "before": before,
        "after": after,
        "changes": changes,
        "comparison_chart": comparison_chart,
        "per_dimension": per_dimension,
        "summary": summary,
        "questions": questions,
        "keep_together_rows": KEEP_TOGETHER_ROWS,
        "heat_col_width": round(62 / max(len(dims), 1), 2),
    }


@register
class MeasurementReportExporter(Exporter):
    identifier = "measurement"
    label = gettext_lazy("Measurement report")
    description = gettext_lazy(
        "Participation, heat map, and per theme and team the baseline, follow-up and change with its "
        "95% interval. Closed pulses only; groups below the minimum group size are shown as “< k”."
    )
    export_roles = (Role.HR, Role.CORE_TEAM)
    download_roles = (Role.HR, Role.CORE_TEAM, Role.WORKS_COUNCIL)
    file_stem = "meetrapport"

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        pulse = pulse_for_report(org, parameters.get("pulse"))
        compare_with = parameters.get("compare_with")
        if compare_with in (None, ""):
            baseline = default_baseline(pulse)
        else:
            baseline = pulse_for_report(org, compare_with, field="compare_with")
            if baseline.pk == pulse.pk:
                raise ParametersInvalid(
                    _("Choose another pulse to compare with, or leave it empty."), field="compare_with"
                )
        return {"pulse": pulse.pk, "compare_with": baseline.pk if baseline else None}

    def parameters_form(self, *, org: Organisation, data: dict | None = None):
        return MeasurementReportForm(data, pulses=_closed_pulses(org), prefix=self.identifier)

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        return pulse_for_report(org, parameters.get("pulse")).title

    def render(self, ctx: ExportContext) -> RenderedPdf:
        pulse = pulse_for_report(ctx.org, ctx.parameters.get("pulse"))
        compare_with = ctx.parameters.get("compare_with")
        baseline = pulse_for_report(ctx.org, compare_with, field="compare_with") if compare_with else None
        ctx.progress(10)
        context = measurement_context(pulse=pulse, baseline=baseline)
        ctx.progress(40)
        toc = [
            ("summary", _("Summary")),
            ("participation", _("Participation")),
            ("heatmap", _("Heat map")),
            ("themes", _("Change per theme and team") if context["comparison"] else _("Results per theme")),
            ("anonymity", _("Anonymity")),
            ("questions", _("About this measurement")),
        ]
        context.update(
            org=ctx.org,
            campaign=pulse.campaign,
            title=_("Measurement report"),
            kicker=_("Week van de Werkstress %(year)s") % {"year": pulse.campaign.year}
            if pulse.campaign
            else _("Pulse results"),
            subtitle=pulse.title,
            generated_at=timezone.localtime(),
            generated_by=str(ctx.by) if ctx.by else "",
            toc=toc,
        )
        return render_pdf(template="documents/measurement.html", context=context, language=ctx.language)
