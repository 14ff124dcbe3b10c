"""Traffic-light thresholds on HR's settings page, with the change in the audit log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from measurements.models import ResultSettings
from measurements.selectors.results import thresholds_for
from werkstressweek.accounts.models import Role
from werkstressweek.audit.models import AuditAction, AuditEntry


def _post(client, org, red, amber):
    return client.post(
        f"/o/{org.slug}/settings/",
        {"form": "thresholds", "lights-red_below": red, "lights-amber_below": amber},
    )


def test_hr_sets_the_thresholds_and_the_works_council_sees_old_and_new(org, hr_user, hr_client):
    page = hr_client.get(f"/o/{org.slug}/settings/").content.decode()
    assert 'name="lights-red_below"' in page and 'value="2,5"' in page
    assert _post(hr_client, org, "2,8", "3,6").status_code == 302  # typed the Dutch way
    row = ResultSettings.objects.get(organisation=org)
    assert (row.red_below, row.amber_below) == (Decimal("2.8"), Decimal("3.6"))
    org.refresh_from_db()
    assert thresholds_for(org).light(2.7) == "red" and thresholds_for(org).light(3.55) == "amber"
    entry = AuditEntry.objects.get(organisation=org, action=AuditAction.SETTINGS_THRESHOLDS)
    assert entry.actor == hr_user
    assert entry.details["red_below"]["new"] == "2.8" and Decimal(
        entry.details["red_below"]["old"]
    ) == Decimal("2.5")
    assert Decimal(entry.details["amber_below"]["old"]) == Decimal("3.5")


def test_red_above_amber_is_refused_next_to_the_field_keeping_what_was_typed(org, hr_client):
    response = _post(hr_client, org, "3,9", "3,1")
    assert response.status_code == 200
    assert "amber_below" in response.context["lights"].errors
    html = response.content.decode()
    assert 'value="3,9"' in html and 'value="3,1"' in html
    assert not ResultSettings.objects.filter(organisation=org).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.SETTINGS_THRESHOLDS).exists()
    assert _post(hr_client, org, "0", "9").status_code == 200


def test_saving_unchanged_thresholds_logs_nothing(org, hr_client):
    _post(hr_client, org, "2.5", "3.5")
    assert not AuditEntry.objects.filter(action=AuditAction.SETTINGS_THRESHOLDS).exists()


def test_the_change_and_its_audit_entry_commit_together(org, hr_user, monkeypatch):
    from measurements.services import thresholds

    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(thresholds, "audit_record", broken)
    with pytest.raises(RuntimeError):
        thresholds.result_thresholds_update(
            org=org, red_below=Decimal("2"), amber_below=Decimal("3"), by=hr_user
        )
    assert not ResultSettings.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("role", [Role.CORE_TEAM, Role.WORKS_COUNCIL, Role.MANAGER])
def test_only_hr_changes_the_thresholds(client_for, member_of, org, role):
    assert _post(client_for(member_of(role)), org, "2", "3").status_code == 403
    assert not ResultSettings.objects.filter(organisation=org).exists()
