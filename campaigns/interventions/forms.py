from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from werkstressweek.forms import ModelForm, SaneDateField, SingleLineCharField

from ..models import Intervention, InterventionKind, Theme
from ..models.interventions import MAX_SECONDS, MIN_SECONDS
from ..models.programmes import WEEKDAYS, WEEKS_AFTER_CHOICES


class InterventionForm(ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=InterventionKind.choices)
    duration_seconds = forms.IntegerField(
        label=_("Duration (seconds)"),
        min_value=MIN_SECONDS,
        max_value=MAX_SECONDS,
        help_text=_("Between 30 and 300 seconds."),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)

    class Meta:
        model = Intervention
        fields = ["kind", "duration_seconds", "theme", "title_nl", "text_nl", "prompts_nl", "title_en", "text_en",
                  "prompts_en"]  # fmt: skip
        widgets = {
            "text_nl": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "prompts_nl": forms.Textarea(attrs={"rows": 3}),
            "prompts_en": forms.Textarea(attrs={"rows": 3}),
        }


class ProgrammeForm(forms.Form):
    name = SingleLineCharField(label=_("Name"), max_length=120)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=None)
    weeks_after = forms.TypedChoiceField(
        label=_("Duration"), choices=WEEKS_AFTER_CHOICES, coerce=int, initial=0
    )
    standard_day = forms.BooleanField(
        label=_("Start with the standard day (09:00 morning prompt, 13:00 breathing reset, 15:30 digital boundary, "
                "16:45 reflection)"),
        required=False,
        initial=True,
    )  # fmt: skip

    def __init__(self, *args, org, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = org.campaigns.all()


class MomentForm(forms.Form):
    intervention = forms.ModelChoiceField(label=_("Intervention"), queryset=None)
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, org, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .programmes import library_for

        self.fields["intervention"].queryset = library_for(org)


class AssignmentForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    working_days = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        choices=WEEKDAYS,
        coerce=int,
        initial=[1, 2, 3, 4, 5],
        widget=forms.CheckboxSelectMultiple,
    )
    shift_minutes = forms.IntegerField(
        label=_("Shift the times by (minutes)"),
        initial=0,
        min_value=-720,
        max_value=720,
        help_text=_("For shift teams: 420 moves 09:00 to 16:00; negative moves earlier."),
    )
    quiet_days = SingleLineCharField(
        label=_("Quiet days"),
        required=False,
        help_text=_("Dates without messages (holidays, training days), e.g. 2026-11-20, 2026-12-24."),
    )

    def __init__(self, *args, org, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = org.teams.all()

    def clean_quiet_days(self) -> list:
        import datetime as dt

        raw = self.cleaned_data["quiet_days"]
        days = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                days.append(dt.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date; write dates as 2026-11-20.") % {"value": part}
                ) from None
        return days


class PulseMessageForm(forms.Form):
    """Send an open (or planned) pulse's team links through the teams' channels."""

    pulse = forms.ModelChoiceField(label=_("Pulse"), queryset=None)
    channel = forms.ChoiceField(label=_("Channel"))
    planned_on = SaneDateField(
        label=_("Send on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the day the pulse opens, or today."),
    )

    def __init__(self, *args, org, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from measurements.models import Distribution, Pulse
        from werkstressweek.notify.models import DestinationKind

        from .messages import DELIVERABLE

        self.fields["pulse"].queryset = Pulse.objects.filter(
            organisation=org,
            campaign__isnull=False,
            distribution=Distribution.TEAM_LINK,
            closed_at__isnull=True,
            closes_at__gt=timezone.now(),
        ).order_by("opens_at")
        self.fields["channel"].choices = [(k, DestinationKind(k).label) for k in DELIVERABLE]
