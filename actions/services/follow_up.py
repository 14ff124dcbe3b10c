"""Team agreements, the quarterly evaluation and the yearly discussion, and their reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkstressweek.accounts.models import Membership, Organisation, Role, Team, User
from werkstressweek.notify.services import notification_enqueue

from ..models import AGREEMENT_TOPICS, Action, QuarterlyEvaluation, TeamAgreement, YearlyDiscussion

# The starting text of a new team agreement, from the practices of the Week van de Werkstress.
AGREEMENT_TEMPLATE = {
    "reachability": "We zijn bereikbaar tussen 8:30 en 17:30. Buiten werktijd verwacht niemand een "
    "antwoord; bij spoed bellen we de dienstdoende collega.",
    "response_times": "Chat: binnen een halve dag. E-mail: binnen twee werkdagen. Wat dringend is, "
    "bespreken we mondeling.",
    "meeting_hygiene": "Elk overleg heeft een doel en een agenda, duurt 25 of 50 minuten en begint met "
    "een korte check-in. Eén vergadervrije middag per week.",
    "focus_blocks": "Iedereen plant dagelijks een focusblok van 90 minuten zonder meldingen; dat "
    "respecteren we in agenda en chat.",
    "breaks": "We nemen onze pauzes, bij voorkeur samen en weg van de werkplek. Een korte "
    "ademhalingspauze tussen afspraken is normaal.",
    "deadlines": "Deadlines spreken we af met wie het werk doet. Past iets niet, dan zeggen we dat "
    "op tijd en kiezen we samen wat voorgaat.",
}
EVALUATION_ROLES = (Role.HR, Role.CORE_TEAM)
REMIND_YEARLY_FROM = (12, 1)  # month, day: the yearly discussion is due before the year ends


@transaction.atomic
def agreement_save(
    *, team: Team, by: User | None, agreed_on: dt.date, note: str = "", **topics: str
) -> TeamAgreement:
    """Record the team's agreements as a new version; earlier versions stay as they were."""
    unknown = set(topics) - set(AGREEMENT_TOPICS)
    if unknown:
        raise TypeError(f"Unknown topics: {sorted(unknown)}")
    values = {name: (topics.get(name) or "").strip() for name in AGREEMENT_TOPICS}
    if not any(values.values()):
        raise ValidationError(_("Write down at least one agreement."))
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("The date the team agreed cannot be in the future.")})
    for _attempt in range(3):
        latest = TeamAgreement.objects.filter(team=team).aggregate(n=Max("version"))["n"] or 0
        try:
            with transaction.atomic():
                return TeamAgreement.objects.create(
                    team=team,
                    version=latest + 1,
                    agreed_on=agreed_on,
                    note=note.strip(),
                    created_by=by,
                    **values,
                )
        except IntegrityError:
            continue  # someone saved a version at the same moment; take the next number
    raise ValidationError(_("The agreement could not be saved; please try again."))


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(day: dt.date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@transaction.atomic
def evaluation_record(
    *,
    org: Organisation,
    by: User,
    year: int,
    quarter: int,
    what_changed: str,
    rie_updated: bool = False,
    actions_reviewed: Iterable[Action] = (),
    note: str = "",
) -> QuarterlyEvaluation:
    """Record (or complete) the evaluation of one quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    if (year, quarter) > quarter_of(timezone.localdate()):
        raise ValidationError({"quarter": _("A quarter can be evaluated once it has started.")})
    if not what_changed.strip():
        raise ValidationError({"what_changed": _("Say what changed this quarter.")})
    reviewed = list(actions_reviewed)
    if any(a.organisation_id != org.pk for a in reviewed):
        raise ValidationError({"actions_reviewed": _("Choose actions of your own organisation.")})
    evaluation, _created = QuarterlyEvaluation.objects.update_or_create(
        organisation=org,
        year=year,
        quarter=quarter,
        defaults={
            "what_changed": what_changed.strip(),
            "rie_updated": rie_updated,
            "note": note.strip(),
            "recorded_by": by,
        },
    )
    evaluation.actions_reviewed.set(reviewed)
    return evaluation


@transaction.atomic
def yearly_discussion_record(
    *,
    org: Organisation,
    by: User,
    year: int,
    with_employees_on: dt.date,
    with_council_on: dt.date,
    outcome: str = "",
) -> YearlyDiscussion:
    today = timezone.localdate()
    errors = {}
    if with_employees_on > today:
        errors["with_employees_on"] = _("Record a discussion once it has taken place.")
    if with_council_on > today:
        errors["with_council_on"] = _("Record a discussion once it has taken place.")
    if errors:
        raise ValidationError(errors)
    discussion, _created = YearlyDiscussion.objects.update_or_create(
        organisation=org,
        year=year,
        defaults={
            "with_employees_on": with_employees_on,
            "with_council_on": with_council_on,
            "outcome": outcome.strip(),
            "recorded_by": by,
        },
    )
    return discussion


def evaluation_reminders_plan(*, today: dt.date | None = None) -> int:
    """Remind HR and the core team of a missing quarterly evaluation or yearly discussion, once each.

    Only organisations with a plan of action (at least one action) are reminded.
    """
    today = today or timezone.localdate()
    year, quarter = previous_quarter(today)
    org_ids = set(Action.objects.values_list("organisation_id", flat=True).distinct())
    evaluated = set(
        QuarterlyEvaluation.objects.filter(year=year, quarter=quarter).values_list(
            "organisation_id", flat=True
        )
    )
    yearly_due = (today.month, today.day) >= REMIND_YEARLY_FROM
    discussed = set(
        YearlyDiscussion.objects.filter(year=today.year).values_list("organisation_id", flat=True)
    )
    members = Membership.objects.filter(
        organisation_id__in=org_ids, role__in=EVALUATION_ROLES, user__is_active=True
    ).select_related("user", "organisation")
    created = 0
    for member in members:
        org = member.organisation
        url = settings.SITE_URL + reverse("actions:evaluations", kwargs={"org_slug": org.slug})
        due = []
        if org.pk not in evaluated:
            due.append(("quarterly", f"{year}-Q{quarter}"))
        if yearly_due and org.pk not in discussed:
            due.append(("yearly", str(today.year)))
        for kind, period in due:
            with translation.override(member.user.language or "nl"):
                if kind == "quarterly":
                    subject = _("Quarterly evaluation of the plan of action: %(period)s") % {"period": period}
                    body = _(
                        "Quarter %(period)s has ended. Record what changed, whether the RI&E was updated "
                        "and which actions you reviewed:\n%(url)s\n"
                    ) % {"period": period, "url": url}
                else:
                    subject = _("Discuss the plan of action before the end of %(year)s") % {"year": period}
                    body = _(
                        "Once a year the plan of action is discussed with employees and the works council. "
                        "Record when that happened:\n%(url)s\n"
                    ) % {"year": period, "url": url}
            _n, new = notification_enqueue(
                key=f"actions.{kind}_evaluation:{org.pk}:{period}:{member.user.email.lower()}",
                recipient=member.user.email,
                kind=f"actions.{kind}_evaluation",
                subject=subject,
                body=body,
                organisation=org,
            )
            created += new
    return created
