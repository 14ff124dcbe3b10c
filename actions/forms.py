from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from measurements.models import Dimension
from werkstressweek.accounts.models import Membership, Role, Team
from werkstressweek.forms import (
    ModelForm,
    ModelMultipleChoiceField,
    MultiLineCharField,
    SaneDateField,
    SingleLineCharField,
)

from .models import (
    AGREEMENT_TOPICS,
    Action,
    AdviceKind,
    AdvicePosition,
    CouncilAdvice,
    Level,
    Precondition,
    Progress,
    RetroItem,
    Risk,
    Status,
    TeamAgreement,
)
from .permissions import EDIT_ALL_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(ModelForm):
    measure_dimension = forms.ChoiceField(
        label=_("pulse dimension"),
        required=False,
        choices=[("", _("not a pulse dimension")), *Dimension.choices],
        help_text=_("When the measurement point is a pulse dimension, check-ins show its latest result."),
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "risk",
            "level",
            "team",
            "campaign",
            "owner_membership",
            "owner_name",
            "owner_email",
            "start_date",
            "deadline",
            "measure_what",
            "measure_target",
            "measure_how",
            "measure_dimension",
            "source",
            "rie_reference",
            "expertise",
            "priority",
            "status",
            "budget",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE,
            "deadline": DATE,
        }

    def __init__(self, *args, membership: Membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        org = membership.organisation
        teams = Team.objects.filter(organisation=org)
        members = Membership.objects.filter(organisation=org).select_related("user").order_by("user__name")
        if membership.role not in EDIT_ALL_ROLES:
            # A manager plans for the teams they lead and owns what they plan.
            teams = teams.filter(pk__in=[t.pk for t in membership.teams.all()])
            members = members.filter(pk=membership.pk)
            if self.instance.team_id:
                teams = teams | Team.objects.filter(pk=self.instance.team_id)
        self.fields["team"].queryset = teams
        self.fields["owner_membership"].queryset = members
        self.fields["owner_membership"].label_from_instance = lambda m: f"{m.user} ({m.get_role_display()})"
        self.fields["campaign"].queryset = Campaign.objects.filter(organisation=org)
        self.fields["owner_name"].help_text = _("Only when the owner is not a member of the organisation.")

    def _post_clean(self) -> None:
        """The rules of an action live in the service (shared with imports and the demo), not here."""


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("all")), *Status.choices])
    level = forms.ChoiceField(label=_("level"), required=False, choices=[("", _("all")), *Level.choices])
    risk = forms.ChoiceField(label=_("PSA risk"), required=False, choices=[("", _("all")), *Risk.choices])
    team = forms.ModelChoiceField(
        label=_("team"), required=False, queryset=Team.objects.none(), empty_label=_("all")
    )
    owner = forms.ModelChoiceField(
        label=_("owner"), required=False, queryset=Membership.objects.none(), empty_label=_("all")
    )
    overdue = forms.BooleanField(label=_("only overdue"), required=False)
    mine = forms.BooleanField(label=_("only my actions"), required=False)

    def __init__(self, *args, membership: Membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        org = membership.organisation
        self.fields["team"].queryset = Team.objects.filter(organisation=org)
        self.fields["owner"].queryset = (
            Membership.objects.filter(organisation=org)
            .exclude(role__in=[Role.AMBASSADOR])
            .select_related("user")
            .order_by("user__name")
        )
        self.fields["owner"].label_from_instance = lambda m: str(m.user)

    def filters(self) -> dict:
        """The valid filters; an invalid one is ignored rather than answered with an error page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class CheckInForm(forms.Form):
    progress = forms.ChoiceField(label=_("progress"), choices=Progress.choices, widget=forms.RadioSelect)
    measured_value = SingleLineCharField(
        label=_("measured value"),
        required=False,
        max_length=100,
        help_text=_("What the measurement point shows now, for example a score or a percentage."),
    )
    note = MultiLineCharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AdviceForm(ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=AdviceKind.choices)
    position = forms.ChoiceField(label=_("position"), choices=AdvicePosition.choices)

    class Meta:
        model = CouncilAdvice
        fields = ["kind", "given_on", "position", "conditions", "note"]
        widgets = {
            "given_on": DATE,
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class PreconditionForm(ModelForm):
    class Meta:
        model = Precondition
        fields = ["status", "dated_on", "last_reviewed_on", "public_info", "note"]
        widgets = {
            "dated_on": DATE,
            "last_reviewed_on": DATE,
            "public_info": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class RetroItemForm(ModelForm):
    class Meta:
        model = RetroItem
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect}


class AgreementForm(ModelForm):
    class Meta:
        model = TeamAgreement
        fields = [*AGREEMENT_TOPICS, "agreed_on", "note"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in AGREEMENT_TOPICS},
            "agreed_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class QuarterlyEvaluationForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("quarter"), coerce=int, choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)]
    )
    what_changed = MultiLineCharField(label=_("what changed"), widget=forms.Textarea(attrs={"rows": 3}))
    rie_updated = forms.BooleanField(label=_("The RI&E was updated"), required=False)
    actions_reviewed = ModelMultipleChoiceField(
        label=_("actions reviewed"),
        required=False,
        queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = MultiLineCharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, org, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions_reviewed"].queryset = Action.objects.filter(organisation=org).order_by(
            "deadline", "pk"
        )


class YearlyDiscussionForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    with_employees_on = SaneDateField(label=_("discussed with employees on"), widget=DATE)
    with_council_on = SaneDateField(label=_("discussed with the works council on"), widget=DATE)
    outcome = MultiLineCharField(label=_("outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
