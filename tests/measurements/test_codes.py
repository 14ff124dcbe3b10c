"""One-time codes as an insider or a guesser would try them: typeable codes, code lists that never
tell which code was used, and a guessing limit that never locks out a valid code or link."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from measurements import services
from measurements.codes import code_display, code_new, code_normalize
from measurements.models import Distribution, Response
from werkstressweek.accounts.models import Role
from werkstressweek.notify.models import Notification


def url(name, org, **kwargs):
    return reverse(f"measurements:{name}", kwargs={"org_slug": org.slug, **kwargs})


def post_data(pulse, value=4):
    return {f"q{q.pk}": str(value) for q in pulse.questions.all()}


@pytest.fixture
def code_pulse(make_pulse, team, second_team):
    return make_pulse(teams=[team, second_team], distribution=Distribution.CODES, codes_per_team=6)


# --- Typeable codes -------------------------------------------------------------------------------


def test_a_code_is_twelve_crockford_characters_printed_in_groups_of_four():
    code = code_new()
    assert len(code) == 12 and set(code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert code_display("K7QM2XPD9FHA") == "K7QM-2XPD-9FHA"
    assert len({code_new() for _ in range(1000)}) == 1000


@pytest.mark.parametrize(
    "typed",
    ["K7QM-2XPD-9FHA", "k7qm2xpd9fha", " k7qm 2xpd 9fha ", "K7QM–2XPD–9FHA", "k7qm-2xpd-9fha\t"],
)
def test_a_code_can_be_typed_in_any_case_with_or_without_dashes_and_spaces(typed):
    assert code_normalize(typed) == "K7QM2XPD9FHA"


def test_letters_that_look_like_digits_read_as_those_digits_as_crockford_says():
    assert code_normalize("IOL0-1234-5678") == "1010-1234-5678".replace("-", "")
    assert code_normalize("ioLo-abcd-efgh") == "1010ABCDEFGH"


@pytest.mark.parametrize("typed", ["", "K7QM-2XPD", "K7QM-2XPD-9FHA-X", "U7QM-2XPD-9FHA", "K7QM/2XPD/9FHA"])
def test_what_cannot_be_a_code_is_refused(typed):
    assert code_normalize(typed) is None


def test_a_code_typed_on_the_code_page_in_lower_case_with_spaces_leads_to_the_answer_page(client, code_pulse):
    code = code_pulse.codes.first().code
    typed = " " + code_display(code).lower().replace("-", " ") + " "
    response = client.post(reverse("pulse_code_enter"), {"code": typed})
    assert response["Location"] == reverse("pulse_code", args=[code])
    assert client.get(response["Location"]).status_code == 200


def test_a_code_link_typed_with_dashes_redirects_to_its_canonical_address(client, code_pulse):
    code = code_pulse.codes.first().code
    response = client.get(reverse("pulse_code", args=[code_display(code).lower()]))
    assert response.status_code == 302 and response["Location"] == reverse("pulse_code", args=[code])


def test_something_that_is_not_a_code_gets_a_message_next_to_the_field_and_keeps_what_was_typed(client, db):
    client.cookies["django_language"] = "en"
    page = client.post(reverse("pulse_code_enter"), {"code": "abc/def"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "twelve letters and digits" in html and 'value="abc/def"' in html


# --- Code lists without bookkeeping ---------------------------------------------------------------


def test_the_code_lists_are_byte_equal_before_and_after_a_code_is_used(
    client, hr_client, org, code_pulse, team
):
    csv_url, sheet_url = (
        url("codes_csv", org, pulse_id=code_pulse.pk),
        url("codes_print", org, pulse_id=code_pulse.pk),
    )
    csv_before, sheet_before = hr_client.get(csv_url).content, hr_client.get(sheet_url).content
    code = code_pulse.codes.filter(team=team).first()
    assert client.post(reverse("pulse_code", args=[code.code]), post_data(code_pulse)).status_code == 302
    code.refresh_from_db()
    assert code.used and Response.objects.filter(pulse=code_pulse).count() == 1
    assert hr_client.get(csv_url).content == csv_before
    assert hr_client.get(sheet_url).content == sheet_before


def test_every_download_lists_all_codes_used_or_not_and_nothing_about_use(
    client, hr_client, org, code_pulse, team
):
    for code in code_pulse.codes.filter(team=team)[:3]:
        client.post(reverse("pulse_code", args=[code.code]), post_data(code_pulse))
    csv = hr_client.get(url("codes_csv", org, pulse_id=code_pulse.pk)).content.decode("utf-8-sig")
    sheet = hr_client.get(url("codes_print", org, pulse_id=code_pulse.pk)).content.decode()
    for code in code_pulse.codes.all():
        assert code_display(code.code) in csv and code_display(code.code) in sheet
    assert csv.strip().splitlines()[0].split(";") == ["Team", "Code", "Link"]  # Dutch CSV
    assert len(csv.strip().splitlines()) == 1 + 12
    for word in ("used", "gebruikt"):
        assert word not in csv.lower()


def test_the_code_lists_are_not_cached(hr_client, org, code_pulse):
    for name in ("codes_csv", "codes_print"):
        response = hr_client.get(url(name, org, pulse_id=code_pulse.pk))
        assert "no-store" in response["Cache-Control"]


def test_only_hr_downloads_codes(member_of, client_for, org, code_pulse):
    for role in (Role.CORE_TEAM, Role.WORKS_COUNCIL, Role.MANAGER, Role.AMBASSADOR):
        response = client_for(member_of(role)).get(url("codes_csv", org, pulse_id=code_pulse.pk))
        assert response.status_code == 403


def test_after_closing_the_code_lists_are_empty_and_say_why(hr_client, org, code_pulse):
    services.pulse_close_now(pulse=code_pulse)
    code_pulse.refresh_from_db()
    assert services.pulse_close(pulse_id=code_pulse.pk, now=code_pulse.closes_at + services.CLOSE_GRACE)
    hr_client.cookies["django_language"] = "en"
    csv = hr_client.get(url("codes_csv", org, pulse_id=code_pulse.pk)).content.decode("utf-8-sig")
    assert csv.strip().splitlines() == ["Team,Code,Link"]
    sheet = hr_client.get(url("codes_print", org, pulse_id=code_pulse.pk)).content.decode()
    assert "its codes have been deleted" in sheet
    # The pulse page still knows how many codes were issued.
    detail = hr_client.get(url("pulse_detail", org, pulse_id=code_pulse.pk)).content.decode()
    assert "12 one-time codes" in detail


def test_reminders_and_invitations_are_not_listed_in_the_admin(admin_client, make_pulse, team):
    pulse = make_pulse(distribution=Distribution.EMAIL)
    services.invitations_import(pulse=pulse, team=team, emails=["a@x.nl", "b@x.nl"])
    assert services.pulse_invitations_send() == 2
    page = admin_client.get(reverse("admin:notify_notification_changelist")).content.decode()
    assert "a@x.nl" not in page and "b@x.nl" not in page
    assert Notification.objects.filter(kind="pulse_invitation").count() == 2
    # The e-mail carries the code in its printed form too, to type on another device.
    body = Notification.objects.filter(kind="pulse_invitation").first().body
    assert re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", body)


# --- Guessing without locking people out ----------------------------------------------------------


def _settings_with_proxy_count(monkeypatch, count: int) -> dict:
    """The client-address settings as settings.py computes them for PROXY_COUNT=count."""
    monkeypatch.setenv("PROXY_COUNT", str(count))
    values = runpy.run_path(str(Path(django_settings.BASE_DIR) / "werkstressweek" / "settings.py"))
    return {
        name: values.get(name)
        for name in ("AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT")
    }


def test_a_valid_code_and_link_work_after_25_unknown_codes_from_the_same_address_behind_a_proxy(
    client, settings, monkeypatch, code_pulse, make_pulse, team
):
    for name, value in _settings_with_proxy_count(monkeypatch, 1).items():
        setattr(settings, name, value)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    guesser = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for i in range(25):
        # Whatever the client puts in front of the proxy's entry is not trusted.
        spoofed = {**proxy, "HTTP_X_FORWARDED_FOR": f"192.0.2.{i}, 198.51.100.7"}
        client.get(reverse("pulse_code", args=[f"AAAA-AAAA-AA{i:02d}"]), **spoofed)
    assert client.get(reverse("pulse_code", args=["ZZZZ-ZZZZ-ZZZZ"]), **guesser).status_code == 429
    assert client.get(reverse("pulse_answer", args=["unknown-token"]), **guesser).status_code == 429

    code = code_pulse.codes.first().code
    assert client.get(reverse("pulse_code", args=[code]), **guesser).status_code == 200
    assert (
        client.post(reverse("pulse_code", args=[code]), post_data(code_pulse), **guesser).status_code == 302
    )
    link_pulse = make_pulse(title="Teamlink")
    token = link_pulse.pulse_teams.get(team=team).token
    assert client.get(reverse("pulse_answer", args=[token]), **guesser).status_code == 200
    assert (
        client.post(reverse("pulse_answer", args=[token]), post_data(link_pulse), **guesser).status_code
        == 302
    )
    assert Response.objects.count() == 2

    # Another client behind the same proxy is not blocked: the limit is per client, not per proxy.
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.get(reverse("pulse_code", args=["ZZZZ-ZZZZ-ZZZZ"]), **other).status_code == 404


def test_without_proxies_a_forwarded_header_is_ignored(client, settings, monkeypatch, db):
    for name, value in _settings_with_proxy_count(monkeypatch, 0).items():
        setattr(settings, name, value)
    for i in range(services.ATTEMPT_LIMIT):
        headers = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": f"192.0.2.{i}"}
        client.get(reverse("pulse_code", args=[f"AAAA-AAAA-AA{i:02d}"]), **headers)
    fresh = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "192.0.2.200"}
    assert client.get(reverse("pulse_code", args=["ZZZZ-ZZZZ-ZZZZ"]), **fresh).status_code == 429


def test_a_used_or_valid_code_never_counts_towards_the_guessing_limit(client, code_pulse):
    code = code_pulse.codes.first().code
    client.post(reverse("pulse_code", args=[code]), post_data(code_pulse))
    for _ in range(services.ATTEMPT_LIMIT + 5):
        assert client.get(reverse("pulse_code", args=[code])).status_code == 200  # "already used"
    assert client.get(reverse("pulse_code", args=["ZZZZ-ZZZZ-ZZZZ"])).status_code == 404


def test_every_new_code_survives_being_printed_and_typed_back_in_lower_case():
    for _ in range(200):
        code = code_new()
        assert code_normalize(code_display(code).lower()) == code
