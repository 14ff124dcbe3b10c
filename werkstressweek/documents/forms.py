from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CampaignExportForm(forms.Form):
    """The parameters of a report about one campaign."""

    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)

    def __init__(self, *args, campaigns, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [(c.pk, c.name) for c in campaigns]


class CampaignPlanExportForm(CampaignExportForm):
    include_budget = forms.BooleanField(
        label=_("Include the budget"),
        required=False,
        help_text=_(
            "The works council can download this report. Without this box the report lists the "
            "locations and tools but no amounts."
        ),
    )


class NoParametersForm(forms.Form):
    """For reports about the whole organisation: nothing to choose."""
