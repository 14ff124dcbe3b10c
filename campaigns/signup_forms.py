"""Forms for activity sign-up (public) and attendance (HR, core team)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation, Team
from werkstressweek.forms import SingleLineCharField

from .models import SignupMode
from .signups import MAX_ATTENDANCE


class SignupForm(forms.Form):
    name = SingleLineCharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        help_text=_("So the facilitator knows who is coming. Leave empty to sign up without a name."),
    )
    team = forms.ModelChoiceField(
        label=_("Your team (optional)"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("I'd rather not say"),
        help_text=_("Participation per team is shown only for teams with enough sign-ups."),
    )
    # Left empty by people; bots that fill every field are refused.
    website = SingleLineCharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, org: Organisation, mode: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = org.teams.order_by("name")
        if mode == SignupMode.ANONYMOUS:
            del self.fields["name"]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})


class SignupModeForm(forms.Form):
    signup_mode = forms.ChoiceField(
        label=_("Sign-up for activities"), choices=SignupMode.choices, widget=forms.RadioSelect
    )


class AttendanceForm(forms.Form):
    count = forms.IntegerField(label=_("Attendance"), min_value=0, max_value=MAX_ATTENDANCE)
