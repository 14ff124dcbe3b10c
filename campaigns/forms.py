from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Membership, Organisation
from werkstressweek.forms import ModelForm, ModelMultipleChoiceField, SaneDateField, SingleLineCharField

from .models import (
    MAX_THEMES,
    Activity,
    ActivityKind,
    Ambassador,
    Campaign,
    CommunicationItem,
    CoreTeamMember,
    Goal,
    PlanStep,
    Resource,
    Theme,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ThemeChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.name} — {obj.description}"


class CampaignForm(ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "year", "week_start", "prep_weeks", "budget", "status"]
        widgets = {"week_start": DATE, "prep_weeks": forms.RadioSelect(choices=[(w, w) for w in (6, 7, 8)])}
        help_texts = {
            "status": _("Where the campaign stands: preparing, running the week, following up, or closed.")
        }

    def __init__(self, *args, org: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = org
        if not self.instance.pk:
            del self.fields["status"]
        self.fields["prep_weeks"].widget.choices = [
            (8, _("8 weeks (recommended)")),
            (7, _("7 weeks")),
            (6, _("6 weeks (compact)")),
        ]


class ThemesForm(forms.Form):
    themes = ThemeChoiceField(
        label=_("Themes (choose one or two)"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(_("Choose at most two themes: focus makes the week work."))
        return themes


class GoalForm(ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "theme",
            "kpi_kind",
            "baseline",
            "target",
            "unit",
            "measured_how",
            "dimension",
            "manual_value",
            "manual_on",
        ]
        widgets = {"manual_on": DATE}
        help_texts = {
            "manual_value": _("Only for what the app cannot measure itself, such as absenteeism."),
            "title": _("For example: lower perceived workload in the nursing teams."),
            "measured_how": _(
                "For example: pulse question on workload, baseline in October, follow-up in December."
            ),
        }

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        chosen = campaign.themes.all()
        self.fields["theme"].queryset = chosen if chosen else Theme.objects.all()
        self.fields["theme"].label_from_instance = lambda t: t.name
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("title", css_class="col-md-8"), Column("theme", css_class="col-md-4")),
            "kpi_kind",
            Row(
                Column("baseline", css_class="col-4"),
                Column("target", css_class="col-4"),
                Column("unit", css_class="col-4"),
            ),
            "measured_how",
            "dimension",
            Row(Column("manual_value", css_class="col-6"), Column("manual_on", css_class="col-6")),
        )


class _PersonForm(ModelForm):
    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["membership"].queryset = (
            Membership.objects.filter(organisation=campaign.organisation)
            .select_related("user")
            .order_by("user__name")
        )
        self.fields["membership"].label_from_instance = lambda m: f"{m.user} ({m.get_role_display()})"
        self.fields["membership"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("membership") and not (data.get("name") or "").strip():
            self.add_error("name", _("Choose a member of the organisation or type a name."))
        return data


class CoreTeamMemberForm(_PersonForm):
    class Meta:
        model = CoreTeamMember
        fields = ["membership", "name", "email", "role"]
        help_texts = {"name": _("Only for someone without an account in this app.")}


class AmbassadorForm(_PersonForm):
    class Meta:
        model = Ambassador
        fields = ["membership", "name", "email", "team"]
        help_texts = {"name": _("Only for someone without an account in this app.")}

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, campaign=campaign, **kwargs)
        self.fields["team"].queryset = campaign.organisation.teams.all()


class ActivityForm(ModelForm):
    day = SaneDateField(label=_("Day"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "theme",
            "format",
            "location",
            "audience",
            "capacity",
            "facilitator",
            "outside_week",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.campaign = campaign
        self.fields["kind"].queryset = ActivityKind.objects.all()
        self.fields["kind"].label_from_instance = lambda k: k.name
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].label_from_instance = lambda t: t.name
        self.order_fields(["kind", "title", "day", "start", "end"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-5"), Column("title", css_class="col-md-7")),
            Row(
                Column("day", css_class="col-md-4"),
                Column("start", css_class="col-6 col-md-4"),
                Column("end", css_class="col-6 col-md-4"),
            ),
            "description",
            Row(
                Column("format", css_class="col-md-4"),
                Column("audience", css_class="col-md-4"),
                Column("theme", css_class="col-md-4"),
            ),
            Row(
                Column("location", css_class="col-md-6"),
                Column("facilitator", css_class="col-md-4"),
                Column("capacity", css_class="col-md-2"),
            ),
            "outside_week",
        )
        if self.instance.pk:
            start, end = (
                timezone.localtime(self.instance.starts_at),
                timezone.localtime(self.instance.ends_at),
            )
            self.initial.update(day=start.date(), start=start.time(), end=end.time())
        else:
            self.initial.setdefault("day", campaign.week_start)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("The activity must end after it starts."))
            else:
                self.instance.starts_at = timezone.make_aware(dt.datetime.combine(day, start))
                self.instance.ends_at = timezone.make_aware(dt.datetime.combine(day, end))
        return data

    def activity_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.update(starts_at=self.instance.starts_at, ends_at=self.instance.ends_at)
        return data


class CommunicationItemForm(ModelForm):
    class Meta:
        model = CommunicationItem
        fields = [
            "phase",
            "channel",
            "planned_on",
            "subject",
            "text",
            "audience",
            "owner",
            "status",
            "views",
            "reactions",
            "attendees",
        ]
        widgets = {"planned_on": DATE, "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"views": _("Fill in the reach afterwards, so you can see what worked.")}

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.campaign = campaign

    def clean(self):
        data = super().clean()
        phase, day = data.get("phase"), data.get("planned_on")
        c = self.campaign
        if phase and day:
            if phase == "before" and day >= c.week_start:
                self.add_error(
                    "planned_on", _("Before the week means a date before %(d)s.") % {"d": c.week_start}
                )
            elif phase == "during" and not c.week_start <= day <= c.week_end:
                self.add_error(
                    "planned_on",
                    _("During the week means between %(a)s and %(b)s.")
                    % {"a": c.week_start, "b": c.week_end},
                )
            elif phase == "after" and day <= c.week_end:
                self.add_error(
                    "planned_on", _("After the week means a date after %(d)s.") % {"d": c.week_end}
                )
        return data


class MeasurementPlanForm(ModelForm):
    class Meta:
        model = Campaign
        fields = ["baseline_date", "followup_date", "pulse_cadence", "rie_psa_link"]
        widgets = {
            "baseline_date": DATE,
            "followup_date": DATE,
            "pulse_cadence": forms.RadioSelect,
            "rie_psa_link": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        c = self.instance
        baseline, followup = data.get("baseline_date"), data.get("followup_date")
        if baseline and baseline >= c.week_start:
            self.add_error("baseline_date", _("The baseline pulse opens before the week starts."))
        if followup and followup <= c.week_end:
            self.add_error("followup_date", _("The follow-up pulse opens after the week."))
        return data


class PlanStepForm(ModelForm):
    class Meta:
        model = PlanStep
        fields = ["due_on", "owner"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = campaign.core_team.select_related("membership__user")

    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if day.weekday() >= 5:
            raise forms.ValidationError(_("Pick a working day; this date is in a weekend."))
        return day


class PlanStepAddForm(PlanStepForm):
    title = SingleLineCharField(label=_("Step"), max_length=200)

    class Meta(PlanStepForm.Meta):
        fields = ["title", "due_on", "owner"]


class ResourceForm(ModelForm):
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )

    class Meta:
        model = Resource
        fields = ["kind", "name", "amount", "notes"]

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
