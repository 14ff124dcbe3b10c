"""The shared input cleaning (werkstressweek/forms.py) and that every form of the project uses it."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps

from werkstressweek import forms as shared
from werkstressweek.accounts.forms import OrganisationSettingsForm

# Fields that validate their own characters (and passwords, which are never altered).
EXEMPT_TEXT_FIELDS = (forms.EmailField, forms.URLField, forms.SlugField, forms.RegexField, forms.UUIDField)


def _project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's own packages (all their modules imported)."""
    roots = {app.name.split(".")[0] for app in apps.get_app_configs()} & {
        "werkstressweek",
        "campaigns",
        "measurements",
        "actions",
    }
    for root in roots:
        package = importlib.import_module(root)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{root}."):
            if ".migrations" in info.name or info.name.endswith((".celery", ".wsgi", ".asgi")):
                continue
            importlib.import_module(info.name)

    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in roots:
            found.append(cls)
    return found


FORM_CLASSES = _project_form_classes()


def test_the_walk_finds_the_forms_of_every_app():
    modules = {cls.__module__ for cls in FORM_CLASSES}
    assert {"werkstressweek.accounts.forms", "campaigns.forms", "measurements.forms"} <= modules


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_text_and_date_field_of_every_form_uses_the_shared_cleaning(form_class):
    wrong = []
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.DateTimeField):
            if not isinstance(field, shared.SaneDateTimeField):
                wrong.append(f"{name}: {type(field).__name__} (use SaneDateTimeField)")
        elif isinstance(field, forms.DateField):
            if not isinstance(field, shared.SaneDateField):
                wrong.append(f"{name}: {type(field).__name__} (use SaneDateField)")
        elif isinstance(field, forms.CharField) and not isinstance(field, EXEMPT_TEXT_FIELDS):
            if isinstance(field.widget, forms.PasswordInput):
                continue
            if not isinstance(field, (shared.SingleLineCharField, shared.MultiLineCharField)):
                wrong.append(
                    f"{name}: {type(field).__name__} (use SingleLineCharField or MultiLineCharField)"
                )
            elif isinstance(field.widget, forms.Textarea) != isinstance(field, shared.MultiLineCharField):
                wrong.append(
                    f"{name}: a Textarea needs MultiLineCharField, a one-line input SingleLineCharField"
                )
    assert not wrong, wrong


def test_a_single_line_loses_line_breaks_and_control_characters():
    field = shared.SingleLineCharField()
    assert field.clean("Zorg\r\nBcc: x@y.nl") == "Zorg Bcc: x@y.nl"
    assert field.clean("  a\tb\x1b[31m\x7f\u2028c\x85d  ") == "a b[31m c d"


def test_a_multi_line_text_keeps_its_paragraphs_but_no_other_control_characters():
    field = shared.MultiLineCharField()
    assert field.clean("één\r\ntwee\rdrie\u2028vier\x07\x1b\tvijf") == "één\ntwee\ndrie\nvier vijf"


@pytest.mark.parametrize("field_class", [shared.SingleLineCharField, shared.MultiLineCharField])
def test_a_nul_byte_gets_a_message_instead_of_being_stored(field_class):
    with pytest.raises(forms.ValidationError):
        field_class().clean("a\x00b")


@pytest.mark.parametrize("value", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_a_date_outside_2000_to_2100_is_refused(value):
    with pytest.raises(forms.ValidationError) as info:
        shared.SaneDateField().clean(value)
    assert "2000" in str(info.value) and "2100" in str(info.value)


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "0001-01-01T00:30", "9999-12-31T23:59", "2101-01-01T00:00"]
)
def test_a_moment_outside_2000_to_2100_is_refused_even_near_the_edge_of_time(value):
    with pytest.raises(forms.ValidationError):
        shared.SaneDateTimeField().clean(value)


def test_dates_inside_the_range_pass():
    assert shared.SaneDateField().clean("2000-01-01") == dt.date(2000, 1, 1)
    assert shared.SaneDateField().clean("2100-12-31") == dt.date(2100, 12, 31)
    assert shared.SaneDateTimeField().clean("2026-11-16T09:00").year == 2026


def test_an_organisation_name_with_cr_lf_is_stored_as_one_line(org):
    form = OrganisationSettingsForm(
        data={"name": "Zorg\r\nBcc: everyone@example.org", "min_group_size": 7}, instance=org
    )
    assert form.is_valid(), form.errors
    assert form.save().name == "Zorg Bcc: everyone@example.org"


def test_the_answer_comment_field_is_multi_line_too():
    from measurements.forms import AnswerForm

    form = AnswerForm(questions=[], open_question="Iets kwijt?")
    assert isinstance(form.fields["comment"], shared.MultiLineCharField)
