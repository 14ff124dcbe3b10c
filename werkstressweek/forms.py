"""Form helpers and fields shared by every app."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.forms.models import ModelFormMetaclass
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def form_errors_to(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (the rest above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that an id beyond the database's integer range is an invalid choice.

    Django checks each submitted id with a lookup that never runs, then runs one `pk__in` query:
    an id like 10**30 passes the check and the query fails (OverflowError on SQLite, DataError on
    PostgreSQL), which would be a 500 instead of a message next to the field.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model_field = (
            self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        )
        ops = connections[self.queryset.db].ops
        bounds = ops.integer_field_ranges.get(model_field.get_internal_type())
        if bounds and isinstance(value, (list, tuple)):
            for item in value:
                try:
                    number = int(item)
                except (TypeError, ValueError):
                    continue  # Django's own check reports it
                if not bounds[0] <= number <= bounds[1]:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
        return super()._check_values(value)


# --- Shared input cleaning: every form of the project uses these ---------------------------------
#
# Bad input gets a message next to the field and never reaches the database: dates outside
# 2000–2100 (year 1 or 9999 breaks date arithmetic, recurrences and ICS feeds later on), control
# characters in text (an organisation name with CR/LF would break e-mail headers). NUL bytes are
# left to Django's own validator, which says so next to the field.

MIN_YEAR = 2000
MAX_YEAR = 2100

# Line breaks in the wide sense: what e-mail headers, CSV rows and ICS lines would split on.
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# Other C0/C1 control characters except NUL (reported by Django) and TAB (made a space).
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def clean_single_line(value: str) -> str:
    """One line of text: line breaks and tabs become one space, other control characters go."""
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", value.replace("\t", " "))).strip()


def clean_multi_line(value: str) -> str:
    """Text that may span lines: newlines stay (as \\n), tabs become spaces, other control
    characters go."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    value = value.replace("\t", " ").replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n")
    return _CONTROL.sub("", re.sub(r"[\x1c-\x1e]", "", value))


class SingleLineCharField(forms.CharField):
    """A CharField for one line of text (names, titles, subjects): see `clean_single_line`."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_single_line(value)


class MultiLineCharField(forms.CharField):
    """A CharField for text with paragraphs (descriptions, comments): see `clean_multi_line`."""

    def __init__(self, *, widget=None, **kwargs) -> None:
        super().__init__(widget=widget or forms.Textarea, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_multi_line(value)


def validate_sane_date(value: dt.date | dt.datetime) -> None:
    """Reject a date or moment outside 2000–2100 (in the local time zone)."""
    if value is None:
        return
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        with contextlib.suppress(OverflowError, ValueError):  # the year check below still decides
            value = timezone.localtime(value)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            code="date_out_of_range",
        )


class SaneDateField(forms.DateField):
    """A DateField that only accepts dates in 2000–2100."""

    default_validators = [validate_sane_date]


class SaneDateTimeField(forms.DateTimeField):
    """A DateTimeField that only accepts moments in 2000–2100."""

    default_validators = [validate_sane_date]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as exc:  # year 1 minus the UTC offset, for instance
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


def sane_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field for a model field, with the shared cleaning for text and dates.

    Used by every ModelForm through `ModelForm` below; Meta.widgets and field_classes still win.
    A model CharField shown as a Textarea counts as multi-line.
    """
    if "form_class" not in kwargs and not db_field.choices:
        kind = type(db_field)
        if kind is models.TextField or (kind is models.CharField and _is_textarea(kwargs.get("widget"))):
            kwargs["form_class"] = MultiLineCharField
        elif kind is models.CharField:
            kwargs["form_class"] = SingleLineCharField
        elif kind is models.DateTimeField:
            kwargs["form_class"] = SaneDateTimeField
        elif kind is models.DateField:
            kwargs["form_class"] = SaneDateField
    return db_field.formfield(**kwargs)


def _is_textarea(widget) -> bool:
    if widget is None:
        return False
    return isinstance(widget, forms.Textarea) or (
        isinstance(widget, type) and issubclass(widget, forms.Textarea)
    )


class _SaneModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = staticmethod(sane_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.BaseModelForm, metaclass=_SaneModelFormMetaclass):
    """Django's ModelForm, with the project's text and date cleaning on the generated fields."""
