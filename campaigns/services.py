"""Everything that changes a campaign and its plan."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, Organisation, User

from .models import (
    MAX_THEMES,
    Activity,
    Ambassador,
    Campaign,
    CampaignStatus,
    CommunicationItem,
    CoreTeamMember,
    Goal,
    PlanStep,
    PlanStepTemplate,
    Resource,
    Theme,
)
from .planning import off_weekend, step_date


def _plan_generate(*, campaign: Campaign, only_missing: bool = False) -> list[PlanStep]:
    present = set(campaign.steps.values_list("template_id", flat=True)) if only_missing else set()
    steps = [
        PlanStep(
            campaign=campaign,
            template=template,
            due_on=step_date(
                offset_days=template.offset_days,
                week_start=campaign.week_start,
                prep_weeks=campaign.prep_weeks,
            ),
            order=template.order,
        )
        for template in PlanStepTemplate.objects.all()
        if template.pk not in present
    ]
    return PlanStep.objects.bulk_create(steps)


@transaction.atomic
def plan_restore_standard_steps(*, campaign: Campaign) -> list[PlanStep]:
    """Put back the standard steps that were removed from the plan, dated as when it was made."""
    return _plan_generate(campaign=campaign, only_missing=True)


@transaction.atomic
def campaign_create(
    *,
    org: Organisation,
    name: str,
    year: int,
    week_start: dt.date,
    prep_weeks: int = 8,
    budget: Decimal | None = None,
    by: User | None = None,
) -> Campaign:
    """Create a campaign with its dated plan, from the standard plan template."""
    campaign = Campaign(
        organisation=org,
        name=name,
        year=year,
        week_start=week_start,
        prep_weeks=prep_weeks,
        budget=budget,
        created_by=by,
        status=CampaignStatus.PREPARATION,
    )
    campaign.full_clean()
    campaign.save()
    _plan_generate(campaign=campaign)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, **fields) -> Campaign:
    """Change basic fields. Moving the week moves the agenda, the messages and the pulse dates along
    (same weekday and local time), and re-dates the template steps that are not done yet."""
    old_start, old_weeks = (
        Campaign.objects.filter(pk=campaign.pk).values_list("week_start", "prep_weeks").get()
    )
    for name, value in fields.items():
        setattr(campaign, name, value)
    delta = campaign.week_start - old_start if campaign.week_start else dt.timedelta(0)
    if delta:
        for name in ("baseline_date", "followup_date"):
            if getattr(campaign, name):
                setattr(campaign, name, getattr(campaign, name) + delta)
    campaign.full_clean(exclude=["organisation", "created_by"])
    campaign.save()
    if delta:
        _move_agenda_and_messages(campaign=campaign, delta=delta)
    if (campaign.week_start, campaign.prep_weeks) != (old_start, old_weeks):
        for step in campaign.steps.filter(template__isnull=False, done_at__isnull=True).select_related(
            "template"
        ):
            step.due_on = step_date(
                offset_days=step.template.offset_days,
                week_start=campaign.week_start,
                prep_weeks=campaign.prep_weeks,
            )
            step.save(update_fields=["due_on"])
    return campaign


def _move_agenda_and_messages(*, campaign: Campaign, delta: dt.timedelta) -> None:
    def shift(moment: dt.datetime) -> dt.datetime:
        # Keep the local wall-clock time, also across a change to or from daylight saving time.
        return timezone.make_aware(timezone.localtime(moment).replace(tzinfo=None) + delta)

    activities = list(campaign.activities.all())
    for activity in activities:
        activity.starts_at, activity.ends_at = shift(activity.starts_at), shift(activity.ends_at)
    Activity.objects.bulk_update(activities, ["starts_at", "ends_at"])
    items = list(campaign.communications.all())
    for item in items:
        item.planned_on += delta
    CommunicationItem.objects.bulk_update(items, ["planned_on"])


@transaction.atomic
def campaign_set_themes(*, campaign: Campaign, themes: Iterable[Theme]) -> None:
    themes = list(themes)
    if len(themes) > MAX_THEMES:
        raise ValidationError({"themes": _("Choose at most two themes: focus makes the week work.")})
    campaign.themes.set(themes)


@transaction.atomic
def campaign_set_measurement_plan(
    *,
    campaign: Campaign,
    baseline_date: dt.date | None,
    followup_date: dt.date | None,
    pulse_cadence: str,
    rie_psa_link: str,
) -> Campaign:
    campaign.baseline_date = baseline_date
    campaign.followup_date = followup_date
    campaign.pulse_cadence = pulse_cadence
    campaign.rie_psa_link = rie_psa_link
    campaign.full_clean(exclude=["organisation", "created_by"])
    campaign.save(update_fields=["baseline_date", "followup_date", "pulse_cadence", "rie_psa_link"])
    return campaign


def campaign_publish_agenda(*, campaign: Campaign) -> str:
    """Give the campaign a new public agenda link (≥128 random bits); an earlier link stops working."""
    campaign.public_token = secrets.token_urlsafe(32)
    campaign.save(update_fields=["public_token"])
    return campaign.public_token


def campaign_revoke_agenda(*, campaign: Campaign) -> None:
    campaign.public_token = None
    campaign.save(update_fields=["public_token"])


# Plan steps -------------------------------------------------------------------------------------


def plan_step_toggle(*, step: PlanStep, by: User | None) -> PlanStep:
    """Tick a manual step off (or back on). A step that follows from data cannot be ticked."""
    from .progress import is_data_backed

    if is_data_backed(step):
        raise ValidationError(_("This step is done when its data exists; it cannot be ticked off by hand."))
    if step.done_at:
        step.done_at, step.done_by = None, None
    else:
        step.done_at, step.done_by = timezone.now(), by
    step.save(update_fields=["done_at", "done_by"])
    return step


def plan_step_redate(*, step: PlanStep, due_on: dt.date) -> PlanStep:
    if due_on.weekday() >= 5:
        raise ValidationError({"due_on": _("Pick a working day; %(day)s is in a weekend.") % {"day": due_on}})
    step.due_on = due_on
    step.save(update_fields=["due_on"])
    return step


def plan_step_reassign(*, step: PlanStep, owner: CoreTeamMember | None) -> PlanStep:
    if owner is not None and owner.campaign_id != step.campaign_id:
        raise ValidationError({"owner": _("Choose someone from this campaign's core team.")})
    step.owner = owner
    step.save(update_fields=["owner"])
    return step


def plan_step_add(
    *, campaign: Campaign, title: str, due_on: dt.date, owner: CoreTeamMember | None = None
) -> PlanStep:
    title = title.strip()
    if not title:
        raise ValidationError({"custom_title": _("Describe the step.")})
    step = PlanStep(
        campaign=campaign,
        custom_title=title,
        due_on=off_weekend(due_on, week_start=campaign.week_start),
        order=99,
    )
    step.save()
    if owner is not None:
        plan_step_reassign(step=step, owner=owner)
    return step


def plan_step_remove(*, step: PlanStep) -> None:
    step.delete()


# Goals, people, agenda and communication ----------------------------------------------------------


def _save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["campaign"])
    obj.save()
    return obj


MAX_GOALS = 2


def _lock_campaign(campaign: Campaign) -> None:
    """Serialise writes that count a campaign's rows (two clicks at once cannot both pass a cap)."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()


@transaction.atomic
def goal_save(*, campaign: Campaign, goal=None, **fields):
    """Save a goal; a campaign has 1–2 goals, so a third new one is refused."""
    if goal is None:
        _lock_campaign(campaign)
        if campaign.goals.count() >= MAX_GOALS:
            raise ValidationError(
                _(
                    "A campaign has at most %(max)d goals: focus makes the week work. Change or remove one first."
                )
                % {"max": MAX_GOALS}
            )
    return _save(goal or Goal(campaign=campaign), **fields)


@transaction.atomic
def goals_step_save(*, campaign: Campaign, themes: Iterable[Theme] | None = None, goal: dict | None = None):
    """The wizard's goals step: the chosen themes and a new goal, saved together or not at all."""
    if themes is not None:
        campaign_set_themes(campaign=campaign, themes=themes)
    if goal is not None:
        return goal_save(campaign=campaign, **goal)
    return None


def core_team_member_save(*, campaign: Campaign, member=None, **fields):
    member = member or CoreTeamMember(campaign=campaign)
    if (
        fields.get("membership") is not None
        and fields["membership"].organisation_id != campaign.organisation_id
    ):
        raise ValidationError({"membership": _("Choose someone from your organisation.")})
    if fields.get("membership") is None and not (fields.get("name") or "").strip():
        raise ValidationError({"name": _("Choose a member of the organisation or type a name.")})
    _refuse_second_core_team_entry(campaign=campaign, member=member, **fields)
    return _save(member, **fields)


@transaction.atomic
def core_team_apply_suggestion(
    *, campaign: Campaign, people: Iterable[tuple[Membership, str]]
) -> list[CoreTeamMember]:
    """Add the suggested people with their roles; someone already in the core team is skipped."""
    added = []
    for membership, role in people:
        try:
            added.append(
                core_team_member_save(campaign=campaign, membership=membership, name="", email="", role=role)
            )
        except ValidationError:
            continue  # already in the team (by account or e-mail address)
    return added


def _refuse_second_core_team_entry(*, campaign: Campaign, member: CoreTeamMember, **fields) -> None:
    """One person is in the core team once (with one role): the same member, or the same e-mail address."""
    others = campaign.core_team.exclude(pk=member.pk).select_related("membership__user")
    membership = fields.get("membership")
    if membership is not None and any(o.membership_id == membership.pk for o in others):
        raise ValidationError(
            {
                "membership": _("%(name)s is in the core team already. Change their role there.")
                % {"name": membership.user}
            }
        )
    email = (fields.get("email") or (membership.user.email if membership is not None else "")).strip().lower()
    if email:
        for other in others:
            known = {other.email.lower()} | (
                {other.membership.user.email.lower()} if other.membership else set()
            )
            if email in known:
                raise ValidationError(
                    {
                        "email" if fields.get("email") else "membership": _(
                            "%(name)s is in the core team already. Change their role there."
                        )
                        % {"name": other.display_name}
                    }
                )


def ambassador_save(*, campaign: Campaign, ambassador=None, **fields):
    ambassador = ambassador or Ambassador(campaign=campaign)
    if (
        fields.get("membership") is not None
        and fields["membership"].organisation_id != campaign.organisation_id
    ):
        raise ValidationError({"membership": _("Choose someone from your organisation.")})
    if fields.get("membership") is None and not (fields.get("name") or "").strip():
        raise ValidationError({"name": _("Choose a member of the organisation or type a name.")})
    if fields.get("team") is not None and fields["team"].organisation_id != campaign.organisation_id:
        raise ValidationError({"team": _("Choose one of your organisation's teams.")})
    _refuse_second_ambassador(campaign=campaign, ambassador=ambassador, **fields)
    return _save(ambassador, **fields)


def _refuse_second_ambassador(*, campaign: Campaign, ambassador: Ambassador, **fields) -> None:
    """One person is an ambassador of a campaign once: the same member, or the same e-mail address
    (the constraint `ambassador_once` backs the first)."""
    others = campaign.ambassadors.exclude(pk=ambassador.pk).select_related("membership__user", "team")
    membership = fields.get("membership")
    email = (fields.get("email") or (membership.user.email if membership is not None else "")).strip().lower()
    for other in others:
        same_member = membership is not None and other.membership_id == membership.pk
        known = {other.email.lower()} | ({other.membership.user.email.lower()} if other.membership else set())
        if same_member or (email and email in known):
            field = "membership" if same_member or not fields.get("email") else "email"
            raise ValidationError(
                {
                    field: _("%(name)s is an ambassador already (for %(team)s).")
                    % {"name": other.display_name, "team": other.team.name}
                }
            )


def activity_save(*, campaign: Campaign, activity=None, **fields):
    """An activity is in the campaign's week, unless it is explicitly planned before or after it."""
    activity = activity or Activity(campaign=campaign)
    starts_at = fields.get("starts_at", activity.starts_at)
    if starts_at is not None:
        day = timezone.localtime(starts_at).date()
        if campaign.week_start <= day <= campaign.week_end:
            fields["outside_week"] = False
        elif not fields.get("outside_week", activity.outside_week):
            raise ValidationError(
                {
                    "day": _(
                        "The week runs from %(start)s to %(end)s. Choose a day in the week, or tick "
                        "'before or after the week' for an activity outside it."
                    )
                    % {
                        "start": date_format(campaign.week_start, "l j F"),
                        "end": date_format(campaign.week_end, "l j F Y"),
                    }
                }
            )
    return _save(activity, **fields)


def communication_save(*, campaign: Campaign, item=None, **fields):
    return _save(item or CommunicationItem(campaign=campaign), **fields)


def resource_save(*, campaign: Campaign, resource=None, **fields):
    return _save(resource or Resource(campaign=campaign), **fields)


@transaction.atomic
def agenda_apply_suggestion(*, campaign: Campaign, patterns: frozenset[str]) -> list[Activity]:
    """Add the suggested agenda (with a variant per work pattern) to the campaign."""
    from .models import ActivityKind
    from .suggestions import suggested_agenda

    kinds = {k.slug: k for k in ActivityKind.objects.all()}
    created = []
    for item in suggested_agenda(campaign=campaign, patterns=patterns):
        item = dict(item, kind=kinds[item["kind"]])
        item["starts_at"] = timezone.make_aware(item["starts_at"])
        item["ends_at"] = timezone.make_aware(item["ends_at"])
        created.append(activity_save(campaign=campaign, **item))
    return created


@transaction.atomic
def communication_apply_suggestion(*, campaign: Campaign) -> list[CommunicationItem]:
    from .suggestions import suggested_communications

    return [
        communication_save(campaign=campaign, **item) for item in suggested_communications(campaign=campaign)
    ]


@transaction.atomic
def campaign_people_detach(*, membership: Membership) -> None:
    """Before a membership goes: core team members and ambassadors linked to it keep the person's
    name and e-mail address, so the plan loses nobody (and no row breaks "an account or a name")."""
    user = membership.user
    for model in (CoreTeamMember, Ambassador):
        for person in model.objects.filter(membership=membership):
            person.membership = None
            person.name = person.name or str(user)[:150]
            person.email = person.email or user.email
            person.save(update_fields=["membership", "name", "email"])


def campaign_item_remove(*, item: Goal | CoreTeamMember | Ambassador | Activity | CommunicationItem) -> None:
    """Remove a goal, core team member, ambassador, activity or message from its campaign."""
    item.delete()


@transaction.atomic
def goals_apply_suggestion(*, campaign: Campaign) -> list[Goal]:
    from .suggestions import suggested_goals

    """Add the suggested goals the campaign does not have yet (same kind of measure), up to the
    maximum of two goals: applying the suggestion twice adds nothing the second time."""
    _lock_campaign(campaign)
    present = list(campaign.goals.values_list("kpi_kind", flat=True))
    created = []
    for goal in suggested_goals(campaign=campaign):
        if goal["kpi_kind"] in present or len(present) >= MAX_GOALS:
            continue
        created.append(goal_save(campaign=campaign, **goal))
        present.append(goal["kpi_kind"])
    return created
