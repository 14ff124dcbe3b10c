"""Data migrations carry their seed data frozen inside them; they never import live code, whose
later edits would silently change what an old migration does on a fresh database."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings

from campaigns import catalogue
from measurements import question_bank

APPS = ["campaigns", "measurements", "actions", "werkstressweek"]


def _data_migrations() -> list[Path]:
    base = Path(settings.BASE_DIR)
    found = []
    for app in APPS:
        for path in base.glob(f"{app}/**/migrations/0*.py"):
            if "RunPython" in path.read_text():
                found.append(path)
    return found


@pytest.mark.parametrize("path", _data_migrations(), ids=lambda p: p.name)
def test_a_data_migration_imports_no_live_code_inside_its_functions(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom | ast.Import):
                    names = (
                        [inner.module] if isinstance(inner, ast.ImportFrom) else [a.name for a in inner.names]
                    )
                    assert all(n and n.startswith("django") for n in names), f"{path.name} imports {names}"


def test_the_frozen_catalogues_still_match_the_live_ones():
    """When this fails the live catalogue changed: add a data migration with the change."""
    frozen = importlib.import_module("campaigns.migrations.0002_seed_catalogues")
    assert [tuple(t) for t in frozen.THEMES] == [tuple(t) for t in catalogue.THEMES]
    assert [tuple(t) for t in frozen.ACTIVITY_KINDS] == [tuple(t) for t in catalogue.ACTIVITY_KINDS]
    assert [tuple(t) for t in frozen.PLAN_STEPS] == [tuple(t) for t in catalogue.PLAN_STEPS]
    bank = importlib.import_module("measurements.migrations.0002_seed_question_bank")
    assert [tuple(t) for t in bank.ITEMS] == [tuple(t) for t in question_bank.ITEMS]
