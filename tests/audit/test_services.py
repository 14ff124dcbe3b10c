from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from tests.factories import MembershipFactory, UserFactory
from werkstressweek.accounts import services as account_services
from werkstressweek.accounts.models import Membership, Role
from werkstressweek.audit.models import AppendOnly, AuditAction, AuditEntry
from werkstressweek.audit.services import NotInTransaction, audit_record


def test_changing_k_on_the_settings_page_is_logged_with_old_and_new_value(org, hr_user, hr_client):
    response = hr_client.post(f"/o/{org.slug}/settings/", {"name": org.name, "min_group_size": 9})
    assert response.status_code == 302

    entry = AuditEntry.objects.get(organisation=org, action=AuditAction.SETTINGS_K)
    assert entry.actor == hr_user
    assert entry.actor_name == (hr_user.name or hr_user.email)
    assert entry.details == {"k": {"old": 7, "new": 9}}
    assert "7 → 9" in entry.summary


def test_saving_settings_without_changing_k_logs_nothing(org, hr_client):
    hr_client.post(f"/o/{org.slug}/settings/", {"name": "Nieuwe naam", "min_group_size": 7})
    assert not AuditEntry.objects.filter(action=AuditAction.SETTINGS_K).exists()


def test_a_k_below_the_floor_is_refused_and_leaves_no_audit_row(org, hr_client):
    response = hr_client.post(f"/o/{org.slug}/settings/", {"name": org.name, "min_group_size": 3})
    assert response.status_code == 200
    assert not AuditEntry.objects.exists()


def test_changing_a_role_is_logged(org, team, hr_user, hr_client, member_of):
    ambassador = member_of(Role.AMBASSADOR)
    membership = Membership.objects.get(user=ambassador, organisation=org)
    response = hr_client.post(
        f"/o/{org.slug}/people/{membership.pk}/", {"role": Role.MANAGER, "teams": [team.pk]}
    )
    assert response.status_code == 302

    entry = AuditEntry.objects.filter(organisation=org, action=AuditAction.ROLE_CHANGED).latest("id")
    assert entry.actor == hr_user
    assert entry.subject == str(ambassador)
    assert entry.details["role"] == {"old": "ambassador", "new": "manager"}
    assert entry.details["teams"] == {"old": "", "new": team.name}


def test_removing_and_inviting_members_are_logged(org, hr_user, member_of):
    ambassador = member_of(Role.AMBASSADOR)
    membership = Membership.objects.get(user=ambassador, organisation=org)
    account_services.membership_remove(membership=membership, by=hr_user)
    account_services.invitation_create(
        org=org, email="nieuw@zorggroep.nl", role=Role.WORKS_COUNCIL, invited_by=hr_user
    )

    actions = set(AuditEntry.objects.filter(organisation=org, actor=hr_user).values_list("action", flat=True))
    assert {AuditAction.ROLE_REMOVED, AuditAction.ROLE_INVITED} <= actions


def test_removing_the_last_hr_member_fails_and_leaves_no_audit_row(org, hr_user):
    membership = Membership.objects.get(user=hr_user, organisation=org)
    with pytest.raises(ValidationError):
        account_services.membership_remove(membership=membership, by=hr_user)
    assert not AuditEntry.objects.filter(action=AuditAction.ROLE_REMOVED).exists()


def test_an_audit_row_is_rolled_back_with_the_change_it_records(org, hr_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(org=org, by=hr_user, action=AuditAction.SETTINGS_K, details={"k": 9})
        raise RuntimeError("the change failed")
    assert not AuditEntry.objects.exists()


def test_audit_entries_cannot_be_changed(org, hr_user):
    entry = audit_record(org=org, by=hr_user, action=AuditAction.SETTINGS_K)
    entry.subject = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()


def test_unknown_actions_are_refused(org, hr_user):
    with pytest.raises(ValueError):
        audit_record(org=org, by=hr_user, action="something.else")


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    from tests.factories import OrganisationFactory

    org = OrganisationFactory()
    user = UserFactory()
    MembershipFactory(organisation=org, user=user)
    with pytest.raises(NotInTransaction):
        audit_record(org=org, by=user, action=AuditAction.SETTINGS_K)


def test_the_admin_offers_no_way_to_change_or_delete_entries(admin_client, org, hr_user):
    entry = audit_record(org=org, by=hr_user, action=AuditAction.SETTINGS_K)
    assert admin_client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"subject": "x"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.subject == ""
