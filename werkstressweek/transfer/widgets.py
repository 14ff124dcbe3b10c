"""Import-export widgets shared by importers: choices by code or label, dates in Dutch notation."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets


def _key(text) -> str:
    """Case, spacing and the kind of dash do not matter when matching a label."""
    return " ".join(str(text).replace("–", "-").replace("—", "-").lower().split())


class ChoiceWidget(widgets.Widget):
    """Exports a choice's label; imports its code or its Dutch or English label, case-insensitive."""

    def __init__(
        self, choices, *, default: str | None = None, aliases: dict[str, str] | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.choices = list(choices)
        self.default = default
        self.aliases = {_key(k): v for k, v in (aliases or {}).items()}
        self._lookup: dict[str, str] | None = None

    def lookup(self) -> dict[str, str]:
        if self._lookup is None:
            names: dict[str, str] = dict(self.aliases)
            for code, label in self.choices:
                names[_key(code)] = code
                for lang in ("nl", "en"):
                    with translation.override(lang):
                        names.setdefault(_key(label), code)
            self._lookup = names
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        text = _key(value if value is not None else "")
        if not text and self.default is not None:
            return self.default
        if text in self.lookup():
            return self.lookup()[text]
        allowed = ", ".join(str(label) for _code, label in self.choices)
        raise ValueError(_("“%(value)s” is not one of: %(allowed)s") % {"value": value, "allowed": allowed})

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class DateWidget(widgets.Widget):
    """Dates as 2026-11-16, 16-11-2026 or 16/11/2026, or a spreadsheet's own date."""

    FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y")

    def __init__(self, *, required: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("A date is required."))
            return None
        for fmt in self.FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write 2026-11-16 or 16-11-2026.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""
