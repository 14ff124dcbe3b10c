from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Organisation, Team
from werkstressweek.forms import SingleLineCharField

from .models import DestinationKind, TeamChannel


class TeamChannelForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    kind = forms.ChoiceField(label=_("Channel"), choices=DestinationKind.choices, widget=forms.RadioSelect)
    addresses = SingleLineCharField(
        label=_("E-mail addresses"),
        required=False,
        max_length=500,
        help_text=_("For e-mail: the team's address or list; several separated by commas."),
    )
    webhook_url = SingleLineCharField(
        label=_("Webhook URL"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "For Slack: an incoming webhook (https://hooks.slack.com/…). For Teams: an incoming "
            "webhook or workflow URL. Saved addresses are never shown in full again."
        ),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, org: Organisation, channel: TeamChannel | None = None, **kwargs) -> None:
        if channel is not None:
            kwargs.setdefault(
                "initial",
                {"team": channel.team_id, "kind": channel.kind, "addresses": channel.addresses,
                 "is_active": channel.is_active},
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = org.teams.all()
        if channel is not None:
            self.fields["team"].disabled = True
            self.fields["kind"].disabled = True
            if channel.webhook_url:
                self.fields["webhook_url"].help_text = _(
                    "Saved: %(masked)s. Leave empty to keep it, or paste a new address."
                ) % {"masked": channel.webhook_masked}
