from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Intervention, InterventionKind, Theme
from ..models.interventions import MAX_SECONDS, MIN_SECONDS


class InterventionForm(forms.ModelForm):
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
