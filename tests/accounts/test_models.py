from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from werkstressweek.accounts.models import Organisation, User
from werkstressweek.accounts.services import organisation_create, organisation_update


@pytest.mark.django_db
def test_a_new_organisation_hides_groups_below_seven_by_default():
    org = organisation_create(name="Zorg BV", slug="zorg")
    assert org.min_group_size == 7


@pytest.mark.django_db
@pytest.mark.parametrize("size", [0, 1, 4])
def test_the_minimum_group_size_can_never_be_set_below_five(size):
    org = organisation_create(name="Zorg BV", slug="zorg")
    with pytest.raises(ValidationError) as excinfo:
        organisation_update(org=org, name=org.name, min_group_size=size)
    assert "min_group_size" in excinfo.value.message_dict
    org.refresh_from_db()
    assert org.min_group_size == 7


@pytest.mark.django_db
def test_the_database_refuses_a_minimum_group_size_below_five_even_without_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Sluiproute", slug="sluip", min_group_size=4)


@pytest.mark.django_db
def test_users_log_in_with_their_email_address_in_any_case():
    user = User.objects.create_user(email="Anna@Example.ORG", password="x")
    assert user.email == "anna@example.org"
    assert User.objects.get_by_natural_key("ANNA@example.org") == user
