"""One registry: every app's importers and exporters are found under their identifier."""

from __future__ import annotations

from werkstressweek.transfer.registry import all_exporters, all_importers


def test_the_registry_holds_the_teams_agenda_and_plan_of_action():
    assert {"teams", "agenda", "plan-of-action"} <= set(all_importers())
    assert {"teams", "agenda", "communication", "plan-of-action"} <= set(all_exporters())


def test_every_importer_states_its_columns_roles_and_required_columns():
    for identifier, cls in all_importers().items():
        assert cls.columns and cls.roles, identifier
        assert set(cls.required_columns) <= set(cls.columns), identifier
