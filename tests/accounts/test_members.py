from __future__ import annotations

from werkstressweek.accounts.models import Membership, Role


def test_hr_changes_someones_role(org, member_of, hr_client):
    member = member_of(Role.AMBASSADOR)
    membership = Membership.objects.get(user=member)
    response = hr_client.post(f"/o/{org.slug}/people/{membership.pk}/", {"role": Role.CORE_TEAM})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.CORE_TEAM


def test_the_last_hr_member_cannot_give_up_the_role(org, hr_user, hr_client):
    membership = Membership.objects.get(user=hr_user)
    response = hr_client.post(f"/o/{org.slug}/people/{membership.pk}/", {"role": Role.AMBASSADOR})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.HR


def test_the_last_hr_member_cannot_be_removed(org, hr_user, hr_client):
    membership = Membership.objects.get(user=hr_user)
    hr_client.post(f"/o/{org.slug}/people/{membership.pk}/remove/")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_hr_removes_someones_access(org, member_of, hr_client):
    member = member_of(Role.WORKS_COUNCIL)
    membership = Membership.objects.get(user=member)
    hr_client.post(f"/o/{org.slug}/people/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert hr_client.get(f"/o/{org.slug}/people/").status_code == 200


def test_the_people_page_runs_a_fixed_number_of_queries(
    org, team, member_of, hr_client, django_assert_max_num_queries
):
    from ..factories import MembershipFactory

    MembershipFactory.create_batch(25, organisation=org, role=Role.MANAGER, teams=[team])
    with django_assert_max_num_queries(10):
        response = hr_client.get(f"/o/{org.slug}/people/")
    assert response.content.decode().count("/remove/") == 25
