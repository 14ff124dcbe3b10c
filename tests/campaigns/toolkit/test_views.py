"""The toolkit pages: who may download, share and edit; the copy-ready messages; links to the page."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import timezone

from campaigns.models import ToolkitDownload, ToolkitShare, ToolkitText
from werkstressweek.accounts.models import Role
from werkstressweek.documents.models import ReportExport

from ...factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def fake_zip(monkeypatch):
    """A small stand-in ZIP: these tests are about pages and permissions (files: test_build)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("toolkit/README.txt", "toolkit")
    monkeypatch.setattr("campaigns.toolkit.build.toolkit_zip", lambda content, progress=None: out.getvalue())


def page(org, campaign, suffix=""):
    return f"/o/{org.slug}/toolkit/{campaign.pk}/{suffix}"


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CORE_TEAM, Role.HR, Role.MANAGER])
def test_these_roles_make_and_download_the_toolkit(
    demo, client_for, role, fake_zip, django_capture_on_commit_callbacks
):
    org, users, campaign = demo
    client = client_for(users[role])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(org, campaign, "build/"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()  # still polling in this response
    status = client.get(page(org, campaign, "status/")).content.decode()
    assert "Download" in status or "Downloaden" in status
    assert "every 1s" not in status
    response = client.get(page(org, campaign, "download/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None
    download = ToolkitDownload.objects.get()
    assert download.membership.user == users[role]


def test_the_works_council_reads_the_messages_but_does_not_download_or_log(demo, client_for):
    org, users, campaign = demo
    client = client_for(users[Role.WORKS_COUNCIL])
    response = client.get(page(org, campaign))
    assert response.status_code == 200
    assert "data-copy-target" in response.content.decode()
    assert client.post(page(org, campaign, "build/")).status_code == 403
    assert client.get(page(org, campaign, "download/")).status_code == 403
    assert client.post(page(org, campaign, "shares/"), {"channel": "teams"}).status_code == 403
    assert client.get(page(org, campaign, "texts/")).status_code == 403
    assert not ReportExport.objects.filter(report="toolkit").exists()


def test_members_of_another_organisation_get_404(demo, client_for):
    org, users, campaign = demo
    other = OrganisationFactory(slug="elders")
    stranger = UserFactory(email="amb@elders.nl")
    MembershipFactory(organisation=other, user=stranger, role=Role.AMBASSADOR)
    client = client_for(stranger)
    for suffix in ("", "status/", "download/", "texts/", "texts/poster/"):
        assert client.get(page(org, campaign, suffix)).status_code == 404
    assert client.post(page(org, campaign, "build/")).status_code == 404
    # Their own slug with this campaign's id: the campaign is not theirs.
    assert client.get(f"/o/{other.slug}/toolkit/{campaign.pk}/").status_code == 404
    assert client.get(f"/o/{other.slug}/toolkit/{campaign.pk}/download/").status_code == 404


def test_downloading_before_a_build_is_not_found(demo, client_for):
    org, users, campaign = demo
    assert client_for(users[Role.AMBASSADOR]).get(page(org, campaign, "download/")).status_code == 404


def test_the_ambassador_page_has_copy_ready_messages_filled_in(demo, client_for):
    org, users, campaign = demo
    html = client_for(users[Role.AMBASSADOR]).get(page(org, campaign)).content.decode()
    assert html.count("data-copy-target=") == 12
    assert 'id="msg-before-email"' in html and "Onderwerp:" in html
    assert campaign.public_token in html  # the agenda link is in the messages
    assert "js/toolkit.js" in html and "<script>" not in html
    assert "Maak mijn toolkit" in html or "Make my toolkit" in html


def test_an_ambassador_logs_a_share_and_hr_sees_it_per_team(demo, client_for):
    org, users, campaign = demo
    response = client_for(users[Role.AMBASSADOR]).post(
        page(org, campaign, "shares/"),
        {"channel": "teams", "shared_on": timezone.localdate().isoformat(), "reach": "35"},
    )
    assert response.status_code == 302
    share = ToolkitShare.objects.get()
    html = client_for(users[Role.HR]).get(page(org, campaign)).content.decode()
    assert share.team.name in html
    row = html.split(share.team.name, 1)[1].split("</tr>", 1)[0]
    assert ">35<" in row


def test_a_wrong_share_shows_the_error_and_keeps_what_was_typed(demo, client_for):
    org, users, campaign = demo
    response = client_for(users[Role.AMBASSADOR]).post(
        page(org, campaign, "shares/"), {"channel": "teams", "shared_on": "2026-13-45", "reach": "-4"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "is-invalid" in html and 'value="-4"' in html
    assert not ToolkitShare.objects.exists()


def test_the_core_team_adapts_a_text_and_the_page_uses_it(demo, client_for):
    org, users, campaign = demo
    client = client_for(users[Role.CORE_TEAM])
    url = page(org, campaign, "texts/message_before_teams/")
    response = client.post(url, {"title": "Kom ook", "body": "Doe mee vanaf {start}: {agenda_url} {salary}"})
    assert response.status_code == 422
    assert "{salary}" in response.content.decode()
    response = client.post(url, {"title": "Kom ook", "body": "Doe mee vanaf {start}! {agenda_url}"})
    assert response.status_code == 302
    html = client_for(users[Role.AMBASSADOR]).get(page(org, campaign)).content.decode()
    assert "Doe mee vanaf maandag 16 november!" in html
    client.post(url, {"reset": "1"})
    assert not ToolkitText.objects.exists()


def test_ambassadors_and_managers_do_not_edit_texts(demo, client_for):
    org, users, campaign = demo
    for role in (Role.AMBASSADOR, Role.MANAGER):
        response = client_for(users[role]).post(
            page(org, campaign, "texts/poster/"), {"title": "x", "body": "y"}
        )
        assert response.status_code == 403


def test_an_unknown_text_is_not_found(demo, client_for):
    org, users, campaign = demo
    assert client_for(users[Role.HR]).get(page(org, campaign, "texts/nothing/")).status_code == 404


def test_the_ambassadors_home_and_the_campaign_page_link_to_the_toolkit(demo, client_for):
    org, users, campaign = demo
    link = page(org, campaign)
    assert link in client_for(users[Role.AMBASSADOR]).get(f"/o/{org.slug}/").content.decode()
    assert link in client_for(users[Role.HR]).get(f"/o/{org.slug}/campaigns/{campaign.pk}/").content.decode()


def test_the_public_agenda_has_a_qr_code_and_a_copy_link_button(demo, client):
    _org, _users, campaign = demo
    html = client.get(f"/agenda/{campaign.public_token}/").content.decode()
    assert "<svg" in html and 'data-copy-target="agenda-link"' in html
    assert f'value="http://testserver/agenda/{campaign.public_token}/"' in html


def test_the_toolkit_page_runs_a_bounded_number_of_queries(demo, client_for, django_assert_max_num_queries):
    org, users, campaign = demo
    client = client_for(users[Role.HR])
    client.get(page(org, campaign))
    with django_assert_max_num_queries(40):
        client.get(page(org, campaign))
