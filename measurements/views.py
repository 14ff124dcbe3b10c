"""Pulse pages inside an organisation: plan and share (HR), participation, results, comparison."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role, Team
from werkstressweek.accounts.tenancy import OrgRequest, can_open, org_role_required
from werkstressweek.documents import charts
from werkstressweek.forms import form_errors_to
from werkstressweek.numbers import decimal_text, signed_text
from werkstressweek.transfer.registry import importer

from . import selectors, services
from .forms import ComparisonForm, InvitationsForm, PulseEditForm, PulseForm, QuestionForm
from .models import Dimension, Pulse
from .permissions import RESULT_ROLES, TEAM_ROLES, access_for, sees_team
from .qr import qr_svgs


def _pulse(request: OrgRequest, pulse_id: int) -> Pulse:
    return get_object_or_404(
        Pulse.objects.select_related("organisation__result_settings"), pk=pulse_id, organisation=request.org
    )


def _my_team_ids(request: OrgRequest) -> list[int]:
    return [t.pk for t in request.membership.teams.all()]


def _audience(request: OrgRequest) -> dict:
    """The arguments of every `*_for_audience` selector: the member's role and own teams."""
    return {"role": request.membership.role, "team_ids": _my_team_ids(request)}


def _action_url() -> str | None:
    """The 'start an action' page of the actions app, once that app provides one."""
    try:
        return reverse("actions:action_create", kwargs={"org_slug": "__org__"})
    except NoReverseMatch:
        return None


def _dimension_labels(dims: list[str]) -> list[tuple[str, str]]:
    return [(d, Dimension(d).label) for d in dims]


def _mean_text(mean: float | None) -> str:
    """What `{{ mean|floatformat:2 }}` shows (means are positive), without the template filter."""
    return "" if mean is None else decimal_text(mean, 2)


def _comparison_tables(groups: list, dimensions: list[tuple[str, str]]) -> list[tuple]:
    """(group, rows) per group, each row (label, before, after, difference, low, high, direction)
    with the figures already formatted: the page draws up to teams × themes rows, and formatting
    them here costs a fraction of a filter call per cell in the template."""
    tables = []
    for group in groups:
        rows = []
        if not group.hidden:
            for code, label in dimensions:
                change = group.changes.get(code)
                if change is None:
                    continue
                interval = change.interval
                rows.append(
                    (
                        label,
                        _mean_text(change.before.mean),
                        _mean_text(change.after.mean),
                        signed_text(interval.difference) if interval else None,
                        signed_text(interval.low) if interval else None,
                        signed_text(interval.high) if interval else None,
                        change.direction,
                    )
                )
        tables.append((group, rows))
    return tables


@org_role_required()
def pulse_list(request: OrgRequest) -> HttpResponse:
    pulses = selectors.pulses_with_participation(request.org)
    return render(
        request,
        "measurements/pulse_list.html",
        {
            "pulses": pulses,
            "k": request.org.min_group_size,
            "access": access_for(request.membership.role),
            "can_create_pulse": can_open(request, pulse_create),
            "can_open_pulse": can_open(request, pulse_detail),
            "can_import_teams": request.membership.role in importer("teams").roles,
        },
    )


@org_role_required(Role.HR)
def pulse_create(request: OrgRequest) -> HttpResponse:
    initial = services.pulse_initial_from_plan(
        org=request.org, campaign_id=request.GET.get("campaign"), kind=request.GET.get("kind")
    )
    form = PulseForm(request.POST or None, org=request.org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pulse = services.pulse_create(
                org=request.org,
                title=data["title"],
                kind=data["kind"],
                questions=sorted(data["questions"], key=lambda q: (q.dimension, q.pk)),
                teams=list(data["teams"]),
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                distribution=data["distribution"],
                open_question=data["open_question"],
                open_question_en=data["open_question_en"],
                recurrence=data.get("recurrence") or "",
                comments_shared=data["comments_shared"],
                codes_per_team=data.get("codes_per_team") or None,
                campaign=data.get("campaign"),
                by=request.user,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The pulse has been created. Share the links or codes below."))
            small = services.teams_below_k(org=request.org, teams=data["teams"])
            if small:
                messages.warning(request, _teams_below_k_message(small, request.org.min_group_size))
            return redirect("measurements:pulse_detail", org_slug=request.org.slug, pulse_id=pulse.pk)
    return render(request, "measurements/pulse_form.html", {"form": form})


def _teams_below_k_message(teams: list[Team], k: int) -> str:
    return _(
        "%(teams)s: fewer than %(k)d people, so their own results will never be shown. Their answers "
        "count in the organisation total."
    ) % {"teams": ", ".join(t.name for t in teams), "k": k}


@never_cache
@org_role_required(Role.HR)
def pulse_detail(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    return _pulse_detail_page(request, pulse, InvitationsForm(pulse=pulse))


def _pulse_detail_page(
    request: OrgRequest, pulse: Pulse, invitations_form: InvitationsForm, status: int = 200
) -> HttpResponse:
    links = [
        {"team": pt.team, "url": services.answer_url(pt.token)}
        for pt in pulse.pulse_teams.select_related("team")
    ]
    svgs = qr_svgs([link["url"] for link in links], scale=2)
    for link in links:
        link["qr"] = svgs[link["url"]]
    context = {
        "pulse": pulse,
        "links": links,
        "questions": [pq.question for pq in pulse.pulse_questions.select_related("question")],
        "results": selectors.participation_for_audience(pulse, **_audience(request)),
        # Issued counts survive the deletion of the codes at close; nothing says which were used.
        "code_count": pulse.codes_issued(),
        "invitation_count": pulse.codes_issued(),
        "invitations_form": invitations_form,
        "code_entry_url": settings.SITE_URL + reverse("pulse_code_enter"),
        "can_delete": not pulse.responses.exists(),
    }
    return render(request, "measurements/pulse_detail.html", context, status=status)


@never_cache
@org_role_required(*RESULT_ROLES)
def pulse_participation(request: OrgRequest, pulse_id: int) -> HttpResponse:
    """How many answered (the one figure of an open pulse); the page polls it with htmx while open."""
    pulse = _pulse(request, pulse_id)
    return render(
        request,
        "measurements/_participation.html",
        {"pulse": pulse, "results": selectors.participation_for_audience(pulse, **_audience(request))},
    )


@org_role_required(Role.HR)
def pulse_edit(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    form = PulseEditForm(
        request.POST or None,
        pulse=pulse,
        initial={
            "title": pulse.title,
            "opens_at": pulse.opens_at,
            "closes_at": pulse.closes_at,
            "comments_shared": pulse.comments_shared,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pulse_update(pulse=pulse, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The pulse has been saved."))
            return redirect("measurements:pulse_detail", org_slug=request.org.slug, pulse_id=pulse.pk)
    return render(request, "measurements/pulse_edit.html", {"form": form, "pulse": pulse})


@require_POST
@org_role_required(Role.HR)
def pulse_close(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    services.pulse_close_now(pulse=pulse, by=request.user)
    messages.success(request, _("The pulse has been closed. E-mail addresses are deleted within minutes."))
    return redirect("measurements:pulse_detail", org_slug=request.org.slug, pulse_id=pulse.pk)


@require_POST
@org_role_required(Role.HR)
def pulse_delete(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    try:
        services.pulse_delete(pulse=pulse, by=request.user)
    except services.PulseHasAnswers:
        messages.error(request, _("This pulse has answers, so it cannot be deleted. You can close it."))
        return redirect("measurements:pulse_detail", org_slug=request.org.slug, pulse_id=pulse.pk)
    messages.success(request, _("The pulse %(title)s has been deleted.") % {"title": pulse.title})
    return redirect("measurements:pulses", org_slug=request.org.slug)


@require_POST
@org_role_required(Role.HR)
def pulse_invitations(request: OrgRequest, pulse_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    form = InvitationsForm(request.POST, pulse=pulse)
    if form.is_valid():
        try:
            added = services.invitations_import(
                pulse=pulse, team=form.cleaned_data["team"], emails=form.cleaned_data["emails"].splitlines()
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("%(n)d invitations added.") % {"n": added})
            return redirect("measurements:pulse_detail", org_slug=request.org.slug, pulse_id=pulse.pk)
    # Shown again with everything typed and every error next to its field.
    return _pulse_detail_page(request, pulse, form, status=422)


def _distribution_chart(results: selectors.PulseResults, group: selectors.Group):
    return charts.distribution_chart(
        labels=[Dimension(d).label for d in results.dimensions],
        distributions=[group.cells[d].distribution for d in results.dimensions],
        scale_labels=["1", "2", "3", "4", "5"],
    )


@never_cache
@org_role_required(*RESULT_ROLES)
def pulse_results(request: OrgRequest, pulse_id: int) -> HttpResponse:
    """The heat map: teams × dimensions, colours with text labels, '< k' where hidden.

    Until the pulse closes the page says when results appear and shows no figure at all (the
    participation block loads from its own URL).
    """
    pulse = _pulse(request, pulse_id)
    access = access_for(request.membership.role)
    results = selectors.results_for_audience(pulse, **_audience(request))
    if results is None:
        return render(
            request, "measurements/results_pending.html", {"pulse": pulse, "k": pulse.min_group_size}
        )
    total = results.total
    chart = _distribution_chart(results, total) if total is not None and not total.hidden else None
    action_url = _action_url()
    context = {
        "pulse": pulse,
        "results": results,
        "k": results.k,
        "access": access,
        "dimensions": _dimension_labels(results.dimensions),
        "chart": chart,
        "unchecked_teams": [g.name for g in results.teams if not g.headcount],
        "comments": selectors.comments_for_audience(results, **_audience(request)),
        "action_url": action_url.replace("__org__", request.org.slug) if action_url else None,
        "can_act": request.membership.role in (Role.HR, Role.CORE_TEAM, Role.MANAGER),
        "results_closed": True,  # a hidden team with k answers says it protects a smaller one
    }
    return render(request, "measurements/results.html", context)


@never_cache
@org_role_required(*TEAM_ROLES)
def team_results(request: OrgRequest, pulse_id: int, team_id: int) -> HttpResponse:
    pulse = _pulse(request, pulse_id)
    team = get_object_or_404(Team, pk=team_id, organisation=request.org)
    audience = _audience(request)
    results = selectors.results_for_audience(pulse, **audience)
    may_see = sees_team(access_for(audience["role"]), team.pk, audience["team_ids"])
    if results is None and may_see and pulse.pulse_teams.filter(team=team).exists():
        return render(
            request, "measurements/results_pending.html", {"pulse": pulse, "k": pulse.min_group_size}
        )
    group = results.for_team(team.pk) if results is not None else None
    if group is None:
        # A manager asking for another team's page, or a team outside this pulse.
        return render(
            request,
            "measurements/team_results.html",
            {"pulse": pulse, "team": team, "group": None, "k": pulse.min_group_size},
            status=404,
        )
    context = {
        "pulse": pulse,
        "team": team,
        "group": group,
        "results": results,
        "k": results.k,
        "dimensions": _dimension_labels(results.dimensions),
        "chart": None if group.hidden else _distribution_chart(results, group),
        "comments": selectors.comments_for_audience(results, team=team, **_audience(request)),
    }
    return render(request, "measurements/team_results.html", context)


def _preselected(request: OrgRequest, pulses: list[Pulse]) -> Pulse | None:
    """The pulse of the results page's "before and after" button (?pulse=<id>), if one of `pulses`."""
    value = request.GET.get("pulse", "")
    return next((p for p in pulses if str(p.pk) == value), None)


@never_cache
@org_role_required(*RESULT_ROLES)
def comparison(request: OrgRequest) -> HttpResponse:
    """Before/after per dimension with a 95% interval; plus the trend. Closed pulses only."""
    pulses_qs = selectors.closed_pulses(request.org).select_related("organisation__result_settings")
    pulses = list(pulses_qs)
    baseline, follow_up = selectors.comparison_default_pair(pulses, preselect=_preselected(request, pulses))
    chosen = {"baseline", "follow_up", "campaign"} & set(request.GET)
    form = ComparisonForm(
        request.GET if chosen else None,
        pulses=pulses_qs,
        campaigns=request.org.campaigns.order_by("-year", "name"),
        initial={"baseline": baseline and baseline.pk, "follow_up": follow_up and follow_up.pk},
    )
    campaign = None
    if chosen and form.is_valid():
        baseline, follow_up = form.cleaned_data["baseline"], form.cleaned_data["follow_up"]
        campaign = form.cleaned_data.get("campaign")
    elif chosen:
        baseline = follow_up = None
    context: dict = {"form": form, "comparison": None, "pulses": pulses}
    if baseline and follow_up and baseline != follow_up:
        scoped = selectors.comparison_for_audience(baseline, follow_up, **_audience(request))
        if scoped is not None:
            result, groups = scoped
            chart = None
            if access_for(request.membership.role).organisation and not result.total.hidden:
                chart = charts.comparison_chart(
                    labels=[Dimension(d).label for d in result.dimensions],
                    before=[result.total.changes[d].before.mean for d in result.dimensions],
                    after=[result.total.changes[d].after.mean for d in result.dimensions],
                    before_label=baseline.title,
                    after_label=follow_up.title,
                )
            context.update(
                {
                    "comparison": result,
                    "k": result.k,
                    "groups": groups,
                    "tables": _comparison_tables(groups, _dimension_labels(result.dimensions)),
                    "dimensions": _dimension_labels(result.dimensions),
                    "chart": chart,
                }
            )
    trend_pulses = [p for p in pulses if campaign is None or p.campaign_id == campaign.pk]
    dims, points = selectors.trend_for_audience(trend_pulses, role=request.membership.role)
    if len(points) >= 2 and any(p.respondents for p in points):
        context["trend_chart"] = charts.trend_chart(
            labels=[p.pulse.title for p in points],
            series={Dimension(d).label: [p.means[d] for p in points] for d in dims},
        )
        context["trend"] = points
        context["trend_dimensions"] = _dimension_labels(dims)
    return render(request, "measurements/comparison.html", context)


@org_role_required(Role.HR)
def question_create(request: OrgRequest) -> HttpResponse:
    """HR adds an item of its own to the organisation's question bank."""
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(org=request.org, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The question has been added. You can now choose it for a pulse."))
            return redirect("measurements:pulse_create", org_slug=request.org.slug)
    return render(request, "measurements/question_form.html", {"form": form})
