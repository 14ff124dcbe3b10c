"""Form helpers and fields shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections


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
