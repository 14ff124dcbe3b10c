"""Running an import: check every row, and save all of them or none."""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from .registry import Importer, Scope

PREVIEW_ROWS = 20


@dataclass
class ImportOutcome:
    total: int = 0
    new: int = 0
    updated: int = 0
    errors: list[tuple[int, list[str]]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    preview: list[list] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def normalise_headers(importer: Importer, dataset: tablib.Dataset) -> list[str]:
    """Rename known spellings to the canonical column names; return the missing required columns."""
    canonical = {c.lower(): c for c in importer.columns}
    aliases = {k.lower(): v for k, v in importer.aliases.items()}
    headers = []
    for header in dataset.headers or []:
        key = str(header).strip().lower()
        headers.append(canonical.get(key) or aliases.get(key) or str(header).strip())
    dataset.headers = headers
    return [c for c in importer.required_columns if c not in headers]


def _errors(result, resource) -> list[tuple[int, list[str]]]:
    column = {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}
    errors: list[tuple[int, list[str]]] = []
    for invalid in result.invalid_rows:
        lines = []
        for name, messages in invalid.error_dict.items():
            label = "" if name in ("__all__", "non_field_errors") else f"{column.get(name, name)}: "
            lines.extend(f"{label}{m}" for m in messages)
        errors.append((invalid.number, lines))
    for number, row_errors in result.row_errors():
        errors.append((number, [str(e.error) for e in row_errors]))
    base = [str(e.error) for e in result.base_errors]
    if base:
        errors.append((0, base))
    return sorted(errors, key=lambda e: e[0])


def run_import(*, importer: Importer, scope: Scope, dataset: tablib.Dataset, dry_run: bool) -> ImportOutcome:
    """Check every row; unless `dry_run`, save them all in one transaction — or, with any error, none."""
    outcome = ImportOutcome(total=len(dataset))
    missing = normalise_headers(importer, dataset)
    outcome.headers = list(dataset.headers or [])
    outcome.preview = [list(row) for row in dataset[:PREVIEW_ROWS]]
    if missing:
        outcome.errors = [(0, [_("These columns are missing: %(cols)s.") % {"cols": ", ".join(missing)}])]
        return outcome
    if not len(dataset):
        outcome.errors = [(0, [_("The file has no rows.")])]
        return outcome
    resource = importer.resource(scope)
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, use_transactions=True)
        outcome.errors = _errors(result, resource)
        if outcome.errors or dry_run:
            transaction.set_rollback(True)
    totals = result.totals
    outcome.new = totals.get("new", 0)
    outcome.updated = totals.get("update", 0)
    return outcome
