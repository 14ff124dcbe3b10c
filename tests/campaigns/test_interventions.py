"""The micro-intervention library: seeded, own additions, public pages, the anonymous count."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.timezone import localdate

from campaigns.interventions.services import helpful_record, intervention_create, intervention_update
from campaigns.models import HelpfulCount, Intervention, InterventionKind
from werkstressweek.accounts.models import Role

pytestmark = pytest.mark.django_db

OWN = {
    "kind": InterventionKind.WALKING_BREAK,
    "duration_seconds": 180,
    "theme": None,
    "title_nl": "Rondje om de afdeling",
    "text_nl": "Loop drie minuten door de gang.",
    "title_en": "",
    "text_en": "",
    "prompts_nl": "",
    "prompts_en": "",
}
POST = OWN | {"theme": ""}


def test_the_library_is_seeded_in_dutch_and_english_for_every_kind():
    library = Intervention.objects.filter(organisation=None)
    assert {i.kind for i in library} == set(InterventionKind.values)
    assert all(i.title_nl and i.title_en and i.text_nl and i.text_en for i in library)
    breathing = library.get(code="middagreset-ademhaling")
    assert breathing.duration_seconds == 120
    assert "2 minuten" in breathing.text_nl


def test_a_micro_intervention_lasts_between_30_seconds_and_5_minutes(org):
    for seconds in (29, 301, None):
        with pytest.raises(ValidationError) as refused:
            intervention_create(org=org, **{**OWN, "duration_seconds": seconds})
        assert "duration_seconds" in refused.value.message_dict
    assert intervention_create(org=org, **{**OWN, "duration_seconds": 30}).organisation == org


def test_the_shared_library_cannot_be_changed_by_an_organisation(org):
    shared = Intervention.objects.filter(organisation=None).first()
    with pytest.raises(ValidationError):
        intervention_update(intervention=shared, org=org, title_nl="Anders")


def test_hr_adds_its_own_intervention_which_other_organisations_do_not_see(
    org, other_org, hr_client, client_for
):
    response = hr_client.post(reverse("interventions:create", kwargs={"org_slug": org.slug}), POST)
    assert response.status_code == 302
    own = Intervention.objects.get(organisation=org)
    assert own.title_nl == "Rondje om de afdeling"

    other_hr = client_for(_hr_of(other_org))
    listing = other_hr.get(reverse("interventions:library", kwargs={"org_slug": other_org.slug}))
    assert "Rondje om de afdeling" not in listing.content.decode()
    edit = reverse("interventions:edit", kwargs={"org_slug": other_org.slug, "intervention_id": own.pk})
    assert other_hr.get(edit).status_code == 404
    assert other_hr.post(edit, POST | {"title_nl": "Gekaapt"}).status_code == 404


def _hr_of(org):
    from tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(organisation=org, role=Role.HR, user=UserFactory(email="hr@andere.nl")).user


def test_a_wrong_duration_is_shown_next_to_the_field_and_the_text_is_kept(org, hr_client):
    response = hr_client.post(
        reverse("interventions:create", kwargs={"org_slug": org.slug}), POST | {"duration_seconds": 900}
    )
    assert response.status_code == 200
    assert "duration_seconds" in response.context["form"].errors
    assert "Rondje om de afdeling" in response.content.decode()


def test_the_library_page_runs_a_bounded_number_of_queries(org, hr_client, django_assert_max_num_queries):
    for n in range(10):
        intervention_create(org=org, **{**OWN, "title_nl": f"Eigen {n}"})
    with django_assert_max_num_queries(8):
        response = hr_client.get(reverse("interventions:library", kwargs={"org_slug": org.slug}))
    assert len(re.findall(r">Eigen \d<", response.content.decode())) == 10


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AMBASSADOR, Role.WORKS_COUNCIL])
def test_roles_outside_the_campaign_team_do_not_manage_the_library(org, member_of, client_for, role):
    client = client_for(member_of(role))
    assert client.get(reverse("interventions:library", kwargs={"org_slug": org.slug})).status_code == 403


def test_the_public_page_needs_no_login_and_sets_no_cookie(client):
    response = client.get(reverse("intervention_page", kwargs={"code": "reflectie-uitdaging"}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Wat was één uitdaging die je vandaag hebt overwonnen?" in content
    assert response.cookies == {}
    assert "<script>" not in content  # behaviour only from static/js
    assert "js/interventions.js" in content
    # Reflection answers have no name and no form: the browser never sends them.
    assert 'name="reflection' not in content


def test_the_public_page_shows_english_on_request(client):
    response = client.get(
        reverse("intervention_page", kwargs={"code": "middagreset-ademhaling"}) + "?lang=en"
    )
    assert "A guided 2-minute breathing exercise" in response.content.decode()


def test_an_unknown_intervention_is_not_found(client):
    assert client.get(reverse("intervention_page", kwargs={"code": "bestaat-niet"})).status_code == 404


def test_was_this_helpful_counts_per_intervention_per_day_and_nothing_else(client):
    url = reverse("intervention_helpful", kwargs={"code": "energie-stoplicht"})
    client.post(url, {"answer": "yes"})
    client.post(url, {"answer": "yes"})
    response = client.post(url, {"answer": "no"})
    client.post(url, {"answer": "maybe"})

    assert response.status_code == 302 and response.cookies == {}
    [count] = HelpfulCount.objects.all()
    assert (count.intervention.code, count.day, count.helpful, count.not_helpful) == (
        "energie-stoplicht", localdate(), 2, 1,
    )  # fmt: skip
    assert [f.name for f in HelpfulCount._meta.get_fields()] == [
        "id",
        "intervention",
        "day",
        "helpful",
        "not_helpful",
    ]


def test_a_cross_site_post_is_not_counted(client):
    url = reverse("intervention_helpful", kwargs={"code": "energie-stoplicht"})
    client.post(url, {"answer": "yes"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert not HelpfulCount.objects.exists()


def test_helpful_counts_of_two_days_stay_apart():
    intervention = Intervention.objects.get(code="wandelpauze")
    helpful_record(intervention=intervention, helpful=True, day=localdate())
    helpful_record(intervention=intervention, helpful=False, day=localdate() - timedelta(days=1))
    helpful_record(intervention=intervention, helpful=True, day=localdate())
    counts = HelpfulCount.objects.filter(intervention=intervention).order_by("day")
    assert [(c.helpful, c.not_helpful) for c in counts] == [(0, 1), (2, 0)]
