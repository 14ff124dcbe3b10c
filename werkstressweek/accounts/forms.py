from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from werkstressweek.forms import ModelForm, ModelMultipleChoiceField, SingleLineCharField

from .auth import pause_text
from .models import Organisation, Role, Team, User, WorkPattern
from .services import team_parent_error


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {"inactive": _("This account has been deactivated.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _(
                "That e-mail address and password do not match. Check both and try again; "
                "after %(limit)s failed attempts logging in is paused for %(pause)s."
            )
            % {"limit": settings.AXES_FAILURE_LIMIT, "pause": pause_text()},
        }


class OrganisationSettingsForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "min_group_size"]


class TeamForm(ModelForm):
    class Meta:
        model = Team
        fields = ["name", "headcount", "work_pattern", "parent"]
        widgets = {"work_pattern": forms.RadioSelect}

    def __init__(self, *args, org: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = org
        parents = org.teams.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        self.fields["work_pattern"].choices = WorkPattern.choices

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        error = team_parent_error(team=self.instance, parent=parent)
        if error:
            raise forms.ValidationError(error)
        return parent


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    teams = ModelMultipleChoiceField(
        label=_("Teams (for managers)"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A manager sees the results of these teams only."),
    )

    def __init__(self, *args, org: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = org.teams.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MANAGER and not data.get("teams"):
            self.add_error("teams", _("Choose the team or teams this manager leads."))
        return data


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    teams = ModelMultipleChoiceField(
        label=_("Teams (for managers)"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, org: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = org.teams.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MANAGER and not data.get("teams"):
            self.add_error("teams", _("Choose the team or teams this manager leads."))
        return data


class AcceptInvitationForm(forms.Form):
    name = SingleLineCharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email, name=data.get("name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
