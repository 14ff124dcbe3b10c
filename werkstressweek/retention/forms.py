from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from werkstressweek.forms import SingleLineCharField

from .models import RetentionPolicy


class DataSettingsForm(forms.ModelForm):
    """Retention periods, and the language reports are written in."""

    report_language = forms.ChoiceField(
        label=_("Language of reports"),
        choices=settings.LANGUAGES,
        help_text=_("PDF reports are written in this language, whoever exports them."),
    )

    class Meta:
        model = RetentionPolicy
        fields = ["comments_months", "answers_months"]


class DeleteOrganisationForm(forms.Form):
    confirmation = SingleLineCharField(
        label=_("Type the organisation's short name to confirm"), max_length=100
    )
