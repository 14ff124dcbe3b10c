"""The campaign wizard: goals and themes → core team → ambassadors → agenda → communication →
measurement plan → review. Every step saves on its own, so HR can leave and come back."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstressweek.accounts.models import Membership, Role, WorkPattern
from werkstressweek.accounts.tenancy import EDITOR_ROLES, OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import selectors, services
from .forms import (
    ActivityForm,
    AmbassadorForm,
    CommunicationItemForm,
    CoreTeamMemberForm,
    GoalForm,
    MeasurementPlanForm,
    ThemesForm,
)
from .health import health_check
from .models import Campaign, CoreTeamRole
from .planning import step_date
from .progress import StepEvidence, wizard_status
from .suggestions import suggested_agenda, suggested_communications
from .views import get_campaign

STEPS = [
    ("goals", gettext_lazy("Goals and themes")),
    ("team", gettext_lazy("Core team")),
    ("ambassadors", gettext_lazy("Ambassadors")),
    ("agenda", gettext_lazy("Agenda")),
    ("communication", gettext_lazy("Communication")),
    ("measurement", gettext_lazy("Measurement plan")),
    ("review", gettext_lazy("Review")),
]
STEP_KEYS = [key for key, _label in STEPS]


def _step_status(campaign: Campaign) -> dict[str, StepEvidence]:
    """Done because the data is there (the same rules as the plan's steps), with the reason."""
    return wizard_status(campaign)


def redirect_step(request: OrgRequest, campaign: Campaign, step: str) -> HttpResponse:
    return redirect("campaigns:wizard", org_slug=request.org.slug, campaign_id=campaign.pk, step=step)


def _then(request: OrgRequest) -> str | None:
    """The step HR moves to with "next" or "previous": those buttons submit the step's form, so
    that nothing typed or ticked is lost on the way."""
    then = request.POST.get("then") if request.method == "POST" else None
    return then if then in STEP_KEYS else None


def _saved(request: OrgRequest, campaign: Campaign, step: str) -> HttpResponse:
    """After saving: on to the step HR asked for, else back to this one (to add another)."""
    return redirect_step(request, campaign, _then(request) or step)


def _moving_on_untouched(request: OrgRequest, *forms) -> bool:
    """ "Next step" with nothing typed in the form: move on without complaining about empty fields."""
    return _then(request) is not None and not any(form.has_changed() for form in forms)


def _render(
    request: OrgRequest, campaign: Campaign, step: str, context: dict, status: int = 200
) -> HttpResponse:
    index = STEP_KEYS.index(step)
    status_by_step = _step_status(campaign)
    context.update(
        campaign=campaign,
        step=step,
        step_number=index + 1,
        step_count=len(STEPS),
        steps=[(key, label, status_by_step[key]) for key, label in STEPS],
        previous_step=STEP_KEYS[index - 1] if index else None,
        next_step=STEP_KEYS[index + 1] if index + 1 < len(STEPS) else None,
        step_form="step-form" if step != "review" else None,
    )
    return render(request, f"campaigns/wizard/{step}.html", context, status=status)


@org_role_required(*EDITOR_ROLES)
def wizard(request: OrgRequest, campaign_id: int, step: str) -> HttpResponse:
    campaign = get_campaign(request, campaign_id)
    if step not in STEP_KEYS:
        raise Http404
    return globals()[f"_step_{step}"](request, campaign)


def _step_goals(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    """Themes and a new goal are one form on the page: saving either keeps what was typed in the other."""
    post = request.POST if request.method == "POST" else None
    which = post.get("form") if post is not None else None
    if which == "suggested":
        created = services.goals_apply_suggestion(campaign=campaign)
        if created:
            messages.success(
                request, _("%(n)d goals added. Adjust them to your organisation.") % {"n": len(created)}
            )
        else:
            messages.info(request, _("The campaign already has these goals (at most two)."))
        return redirect_step(request, campaign, "goals")
    themes_form = ThemesForm(post, initial={"themes": list(campaign.themes.all())})
    goal_form = GoalForm(post, campaign=campaign)
    if post is None:
        return _render(
            request,
            campaign,
            "goals",
            {**_goals_context(campaign), "themes_form": themes_form, "goal_form": goal_form},
        )
    # A page without the themes on it (an older page, a script) never clears them.
    with_themes = which == "themes" or ("themes_shown" in post and themes_form.has_changed())
    with_goal = which == "goal" or goal_form.has_changed()
    if _moving_on_untouched(request, *([themes_form] if "themes_shown" in post else []), goal_form):
        return _saved(request, campaign, "goals")
    themes_ok = not with_themes or themes_form.is_valid()
    goal_ok = not with_goal or goal_form.is_valid()
    if themes_ok and goal_ok:
        try:
            services.goals_step_save(
                campaign=campaign,
                themes=themes_form.cleaned_data["themes"] if with_themes else None,
                goal=goal_form.cleaned_data if with_goal else None,
            )
        except ValidationError as exc:
            form_errors_to(goal_form if with_goal and not _names_themes(exc) else themes_form, exc)
        else:
            if with_themes:
                messages.success(request, _("Themes saved."))
            if with_goal:
                messages.success(request, _("Goal added."))
            return _saved(request, campaign, "goals")
    context = {**_goals_context(campaign), "themes_form": themes_form, "goal_form": goal_form}
    return _render(request, campaign, "goals", context, status=422)


def _names_themes(exc: ValidationError) -> bool:
    return hasattr(exc, "error_dict") and "themes" in exc.error_dict


def _goals_context(campaign: Campaign) -> dict:
    return {"goals": campaign.goals.select_related("theme")}


def _step_team(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    form = CoreTeamMemberForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and request.POST.get("form") == "suggested":
        added = _add_suggested_core_team(request, campaign)
        messages.success(
            request, _("%(n)d people added to the core team. Change their roles if needed.") % {"n": added}
        )
        return redirect_step(request, campaign, "team")
    if _moving_on_untouched(request, form):
        return _saved(request, campaign, "team")
    if request.method == "POST" and form.is_valid():
        try:
            services.core_team_member_save(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Added to the core team."))
            return _saved(request, campaign, "team")
    members = campaign.core_team.select_related("membership__user")
    context = {
        "form": form,
        "members": members,
        "suggested": [(m, CoreTeamRole(r).label) for m, r in _suggested_core_team(request, campaign)],
    }
    return _render(request, campaign, "team", context, status=422 if request.method == "POST" else 200)


def _suggested_core_team(request: OrgRequest, campaign: Campaign) -> list[tuple[Membership, str]]:
    """HR (you) as host, a manager, and the core-team and ambassador members of the organisation."""
    present = set(campaign.core_team.exclude(membership=None).values_list("membership_id", flat=True))
    role_for = {
        Role.HR: CoreTeamRole.HR,
        Role.MANAGER: CoreTeamRole.MANAGER,
        Role.CORE_TEAM: CoreTeamRole.FACILITATOR,
        Role.AMBASSADOR: CoreTeamRole.COMMUNICATION,
    }
    suggestions: list[tuple[Membership, str]] = []
    memberships = Membership.objects.filter(organisation=request.org).select_related("user").order_by("id")
    seen_manager = False
    for m in memberships:
        if m.pk in present or m.role not in role_for:
            continue
        if m.role == Role.MANAGER:
            if seen_manager:
                continue
            seen_manager = True
        role = CoreTeamRole.HOST if m.user_id == request.user.pk else role_for[m.role]
        suggestions.append((m, role))
    return suggestions[:5]


def _add_suggested_core_team(request: OrgRequest, campaign: Campaign) -> int:
    return len(
        services.core_team_apply_suggestion(campaign=campaign, people=_suggested_core_team(request, campaign))
    )


def _step_ambassadors(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    form = AmbassadorForm(request.POST or None, campaign=campaign)
    if _moving_on_untouched(request, form):
        return _saved(request, campaign, "ambassadors")
    if request.method == "POST" and form.is_valid():
        try:
            services.ambassador_save(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Ambassador added."))
            return _saved(request, campaign, "ambassadors")
    ambassadors = list(campaign.ambassadors.select_related("membership__user", "team"))
    covered = {a.team_id for a in ambassadors}
    teams_without = [t for t in request.org.teams.all() if t.pk not in covered]
    context = {"form": form, "ambassadors": ambassadors, "teams_without": teams_without}
    return _render(request, campaign, "ambassadors", context, status=422 if request.method == "POST" else 200)


def _step_agenda(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    patterns = selectors.org_work_patterns(org=request.org)
    if request.method == "POST" and request.POST.get("form") == "suggested":
        created = services.agenda_apply_suggestion(campaign=campaign, patterns=patterns)
        messages.success(
            request,
            _("%(n)d activities added. Adjust times, places and facilitators below.") % {"n": len(created)},
        )
        return redirect_step(request, campaign, "agenda")
    form = ActivityForm(request.POST or None, campaign=campaign)
    if _moving_on_untouched(request, form):
        return _saved(request, campaign, "agenda")
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(campaign=campaign, **form.activity_fields())
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Activity added."))
            return _saved(request, campaign, "agenda")
    context = {
        "form": form,
        "agenda_days": selectors.agenda_by_day(campaign=campaign),
        "suggestion": suggested_agenda(campaign=campaign, patterns=patterns),
        "patterns": [label for value, label in WorkPattern.choices if value in patterns],
    }
    return _render(request, campaign, "agenda", context, status=422 if request.method == "POST" else 200)


def _step_communication(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    if request.method == "POST" and request.POST.get("form") == "suggested":
        created = services.communication_apply_suggestion(campaign=campaign)
        messages.success(
            request,
            _("%(n)d messages added. Edit the texts so they sound like your organisation.")
            % {"n": len(created)},
        )
        return redirect_step(request, campaign, "communication")
    form = CommunicationItemForm(
        request.POST or None,
        campaign=campaign,
        initial={"phase": "before", "planned_on": campaign.week_start - dt.timedelta(days=14)},
    )
    if _moving_on_untouched(request, form):
        return _saved(request, campaign, "communication")
    if request.method == "POST" and form.is_valid():
        try:
            services.communication_save(campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Message added to the communication plan."))
            return _saved(request, campaign, "communication")
    context = {
        "form": form,
        "items": campaign.communications.all(),
        "suggestion": suggested_communications(campaign=campaign),
    }
    return _render(
        request, campaign, "communication", context, status=422 if request.method == "POST" else 200
    )


def _step_measurement(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    suggested = {
        "baseline_date": step_date(
            offset_days=-28, week_start=campaign.week_start, prep_weeks=campaign.prep_weeks
        ),
        "followup_date": campaign.week_start + dt.timedelta(days=7),
    }
    initial = {k: v for k, v in suggested.items() if getattr(campaign, k) is None}
    form = MeasurementPlanForm(request.POST or None, instance=campaign, initial=initial)
    if _moving_on_untouched(request, form) and not initial:
        return _saved(request, campaign, "measurement")
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_set_measurement_plan(
                campaign=campaign, **{f: form.cleaned_data[f] for f in MeasurementPlanForm.Meta.fields}
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("Measurement plan saved."))
            return redirect_step(request, campaign, _then(request) or "review")
    context = {"form": form, "suggested": suggested, "prefilled": bool(initial)}
    return _render(request, campaign, "measurement", context, status=422 if request.method == "POST" else 200)


def _step_review(request: OrgRequest, campaign: Campaign) -> HttpResponse:
    context = {
        "findings": health_check(selectors.campaign_facts(campaign=campaign)),
        "goals": campaign.goals.select_related("theme"),
        "themes": campaign.themes.all(),
        "members": campaign.core_team.select_related("membership__user"),
        "ambassadors": campaign.ambassadors.select_related("membership__user", "team"),
        "agenda_days": selectors.agenda_by_day(campaign=campaign),
        "items": campaign.communications.all(),
    }
    return _render(request, campaign, "review", context)
