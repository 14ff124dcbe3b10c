from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkstressweek.accounts.models import Team
from werkstressweek.forms import (
    ModelForm,
    ModelMultipleChoiceField,
    MultiLineCharField,
    SaneDateTimeField,
    SingleLineCharField,
)

from .models import SCALE, Dimension, Distribution, PulseKind, Question, Recurrence, ResultSettings
from .selectors.comparison import comparison_order_error
from .services import COMMENT_MAX_LENGTH, MAX_CODES_PER_TEAM, MAX_PULSE_DURATION, available_questions

CLOSES_AT_HELP = _(
    "At most one year after opening. Results appear only when the pulse has closed, and a closed "
    "pulse cannot be opened again."
)

VALID_VALUES = {str(v) for v in SCALE}


class AnswerForm(forms.Form):
    """One radio group per question (1–5) and the optional open question."""

    def __init__(self, *args, questions: list[Question], open_question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(v, str(v)) for v in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )
        if open_question:
            self.fields["comment"] = MultiLineCharField(
                label=open_question,
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Optional. Do not write names: comments are shown to HR without your name."),
            )

    @staticmethod
    def quick_answers(data, questions: list[Question]) -> dict[int, int] | None:
        """The answers when every question has a value 1–5, else None (then the form explains)."""
        answers = {}
        for question in questions:
            value = data.get(f"q{question.pk}", "")
            if value not in VALID_VALUES:
                return None
            answers[question.pk] = int(value)
        return answers

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def items(self):
        for question in self.questions:
            yield question, self[f"q{question.pk}"]


class CodeForm(forms.Form):
    code = SingleLineCharField(
        label=_("Your personal code"),
        max_length=64,
        help_text=_("The code is on your letter or in your e-mail."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _team_label(team: Team, k: int) -> str:
    """A team's name, with a warning when it has fewer people than k (its results never show)."""
    if 0 < team.headcount < k:
        return _("%(team)s (fewer than %(k)d people: its own results will never be shown)") % {
            "team": team.name,
            "k": k,
        }
    return team.name


class PulseForm(forms.Form):
    title = SingleLineCharField(label=_("Title"), max_length=150)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        help_text=_("Optional. Pulses of one campaign form its trend."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PulseKind.choices)
    questions = ModelMultipleChoiceField(
        label=_("Questions"),
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose 3 to 5 questions. Every score is shown as 'higher is better'."),
    )
    open_question = SingleLineCharField(
        label=_("Open question (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "Comments are shown only for groups that are large enough, in random order, without dates."
        ),
    )
    open_question_en = SingleLineCharField(
        label=_("The open question in English (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "For people who use the app in English. Leave empty to show everyone the question above."
        ),
    )
    opens_at = SaneDateTimeField(label=_("Opens at"), widget=LocalDateTimeInput())
    closes_at = SaneDateTimeField(label=_("Closes at"), widget=LocalDateTimeInput())
    teams = ModelMultipleChoiceField(
        label=_("Teams"), queryset=Team.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    distribution = forms.ChoiceField(
        label=_("How people get the pulse"),
        choices=Distribution.choices,
        widget=forms.RadioSelect,
        initial=Distribution.TEAM_LINK,
        help_text=_(
            "A team link needs no preparation. Personal codes or e-mail invitations make sure everyone "
            "answers once; the answers stay anonymous either way."
        ),
    )
    codes_per_team = forms.IntegerField(
        label=_("Codes per team"),
        min_value=0,
        max_value=MAX_CODES_PER_TEAM,
        required=False,
        help_text=_("For personal codes only. Leave empty to use each team's headcount."),
    )
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Recurrence.choices, required=False)
    comments_shared = forms.BooleanField(
        label=_("Include comments in exports and shared reports"), required=False
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = available_questions(org=org).order_by("dimension", "pk")
        self.fields["questions"].label_from_instance = lambda q: f"{Dimension(q.dimension).label}: {q.text}"
        self.fields["teams"].queryset = org.teams.order_by("name")
        self.fields["teams"].label_from_instance = lambda t: _team_label(t, org.min_group_size)
        self.fields["campaign"].queryset = org.campaigns.order_by("-year", "name")
        self.fields["closes_at"].help_text = CLOSES_AT_HELP

    def clean(self):
        data = super().clean()
        if data.get("open_question_en") and not data.get("open_question"):
            self.add_error(
                "open_question", _("Give the open question in Dutch too: most people see that one.")
            )
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The pulse must close after it opens."))
        elif (
            data.get("opens_at")
            and data.get("closes_at")
            and data["closes_at"] > data["opens_at"] + MAX_PULSE_DURATION
        ):
            self.add_error("closes_at", _("A pulse closes at most one year after it opens."))
        if data.get("closes_at") and data["closes_at"] <= timezone.now() and "closes_at" not in self.errors:
            self.add_error("closes_at", _("Choose a closing time in the future."))
        return data


class PulseEditForm(forms.Form):
    title = SingleLineCharField(label=_("Title"), max_length=150)
    opens_at = SaneDateTimeField(label=_("Opens at"), widget=LocalDateTimeInput())
    closes_at = SaneDateTimeField(label=_("Closes at"), widget=LocalDateTimeInput())
    comments_shared = forms.BooleanField(
        label=_("Include comments in exports and shared reports"), required=False
    )

    def __init__(self, *args, pulse, **kwargs):
        """Dates that may no longer change are shown but not taken from the request."""
        super().__init__(*args, **kwargs)
        self.pulse = pulse
        state = pulse.state()
        self.fields["closes_at"].help_text = CLOSES_AT_HELP
        if state in ("open", "closed"):
            self.fields["opens_at"].disabled = True
            self.fields["opens_at"].help_text = _("The pulse has opened; its opening time stays as it is.")
        if state == "closed":
            self.fields["closes_at"].disabled = True
            self.fields["closes_at"].help_text = _(
                "This pulse has closed. A closed pulse stays closed, so that no answers can be added later."
            )

    def clean(self):
        data = super().clean()
        for name in ("opens_at", "closes_at"):  # the stored value exactly (the widget drops microseconds)
            if self.fields[name].disabled:
                data[name] = getattr(self.pulse, name)
        return data


class InvitationsForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    emails = MultiLineCharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One address per line. The addresses are deleted when the pulse closes."),
    )

    def __init__(self, *args, pulse, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = pulse.teams.order_by("name")


class ComparisonForm(forms.Form):
    baseline = forms.ModelChoiceField(label=_("Before"), queryset=None)
    follow_up = forms.ModelChoiceField(label=_("After"), queryset=None)
    campaign = forms.ModelChoiceField(
        label=_("Trend of campaign"), queryset=None, required=False, empty_label=_("All pulses")
    )

    def __init__(self, *args, pulses, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline"].queryset = pulses
        self.fields["follow_up"].queryset = pulses
        self.fields["campaign"].queryset = campaigns

    def clean(self):
        data = super().clean()
        error = comparison_order_error(data.get("baseline"), data.get("follow_up"))
        if error:
            raise ValidationError(error)
        return data


class QuestionForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=Dimension.choices)
    text_nl = SingleLineCharField(label=_("Question (Dutch)"), max_length=300)
    text_en = SingleLineCharField(label=_("Question (English)"), max_length=300, required=False)
    low_nl = SingleLineCharField(label=_("Label for 1 (Dutch)"), max_length=60, initial="Helemaal mee oneens")
    high_nl = SingleLineCharField(label=_("Label for 5 (Dutch)"), max_length=60, initial="Helemaal mee eens")
    low_en = SingleLineCharField(
        label=_("Label for 1 (English)"), max_length=60, required=False, initial="Strongly disagree"
    )
    high_en = SingleLineCharField(
        label=_("Label for 5 (English)"), max_length=60, required=False, initial="Strongly agree"
    )
    reverse_coded = forms.BooleanField(
        label=_("Agreeing is bad (reverse-coded)"),
        required=False,
        help_text=_(
            "For example 'I have too much work'. The score is flipped so that higher is always better."
        ),
    )


class ThresholdsForm(ModelForm):
    """The traffic lights on HR's settings page (the service validates and audits the change)."""

    class Meta:
        model = ResultSettings
        fields = ["red_below", "amber_below"]
        localized_fields = ["red_below", "amber_below"]  # "2,5" in Dutch
        help_texts = {
            "red_below": _("A mean below this value (on the 1–5 scale, higher is better) is red."),
            "amber_below": _(
                "A mean below this value, and not red, is amber; from this value on it is green."
            ),
        }

    def _post_clean(self) -> None:
        """Validation is the service's (it also checks red below amber); no model clean here."""
