"""Forms of the toolkit pages; every text and date field goes through the project's shared cleaning."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkstressweek.forms import MultiLineCharField, SaneDateField, SingleLineCharField

from .branding import MAX_LOGO_BYTES, clean_colour, clean_logo
from .models import MAX_REACH, ShareChannel


class BrandingForm(forms.Form):
    primary_colour = SingleLineCharField(
        label=_("Primary colour"),
        max_length=7,
        help_text=_("A hex code such as #1F5C99. It must be dark enough for white text on top of it."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or SVG, at most 1 MB. SVG files with scripts or external links are refused."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    def clean_primary_colour(self) -> str:
        return clean_colour(self.cleaned_data["primary_colour"])

    def clean_logo(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise ValidationError(_("The logo is larger than 1 MB. Make it smaller and try again."))
        data = upload.read(MAX_LOGO_BYTES + 1)
        clean_logo(data)  # refuses what is not a safe PNG or SVG; the service checks again
        return data


class ToolkitTextForm(forms.Form):
    title = SingleLineCharField(label=_("Title or subject"), max_length=200, required=False)
    body = MultiLineCharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 10}))


class ShareForm(forms.Form):
    channel = forms.ChoiceField(label=_("Where"), choices=ShareChannel.choices)
    shared_on = SaneDateField(label=_("When"), widget=forms.DateInput(attrs={"type": "date"}))
    reach = forms.IntegerField(
        label=_("Reach"),
        min_value=0,
        max_value=MAX_REACH,
        help_text=_("About how many colleagues saw it (views, readers, people in the meeting)."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_on"].initial = timezone.localdate()
