from __future__ import annotations

import re

import pytest

from measurements.models import Pulse
from measurements.selectors import pulse_comparison, pulse_results
from tests.factories import MembershipFactory, UserFactory
from werkstressweek.accounts.models import Role
from werkstressweek.documents import services
from werkstressweek.documents.models import ExportStatus
from werkstressweek.documents.registry import ExportContext, get_exporter

from .conftest import pdf_pages, pdf_text


def render(org, users, parameters, language="nl", report="measurement"):
    from django.utils import translation

    exporter = get_exporter(report)
    parameters = exporter.clean_parameters(org=org, parameters=parameters)
    with translation.override(language):  # as report_export_run does
        return exporter.render(
            ExportContext(
                org=org, by=users[Role.HR], parameters=parameters, language=language, progress=lambda p: None
            )
        )


def not_closed_pulse(org) -> Pulse:
    """A pulse of the organisation that has not closed (open or planned)."""
    from django.utils import timezone

    return Pulse.objects.filter(organisation=org, closes_at__gt=timezone.now()).first()


def _num(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def test_the_follow_up_report_has_every_chapter_and_the_comparison_figures(demo_pulses):
    org, users, baseline, follow_up = demo_pulses
    pdf = render(org, users, {"pulse": follow_up.pk})
    text = pdf_text(pdf.data)

    assert 6 <= pdf.pages <= 15 and pdf_pages(pdf.data) == pdf.pages
    for heading in ("Meetrapport", "Inhoud", "Samenvatting", "Deelname", "Heatmap",
                    "Verandering per thema en team", "Anonimiteit", "Over deze meting"):  # fmt: skip
        assert heading in text, heading
    assert follow_up.title in text and baseline.title in text
    assert "VERTROUWELIJK" in text and f"pagina 2 van {pdf.pages}" in text
    results = pulse_results(follow_up)
    assert f"Hele organisatie {results.total.respondents} {results.total.headcount}" in text
    comparison = pulse_comparison(baseline, follow_up)
    recovery = comparison.total.changes["recovery"]
    interval = recovery.interval
    # The organisation's recovery before and after, and its interval, as the comparison page has them.
    assert f"{_num(recovery.before.mean, 2)} n={recovery.before.n}" in text
    assert f"{_num(recovery.after.mean, 2)} n={recovery.after.n}" in text
    assert f"+{_num(interval.low, 2)} tot" in text and f"+{_num(interval.high, 2)}" in text
    assert "duidelijk beter" in text
    assert "minimaal 7" in text or "minimale groepsgrootte" in text.lower()


def test_a_suppressed_team_shows_as_below_k_everywhere_and_its_figures_nowhere(demo_pulses):
    org, users, baseline, follow_up = demo_pulses
    results = pulse_results(follow_up)
    hidden = [g for g in results.teams if g.hidden]
    assert "Facilitair" in [g.name for g in hidden]  # the demo's small team (4 of 6 answered)
    text = pdf_text(render(org, users, {"pulse": follow_up.pk}).data)

    for group in hidden:
        after_name = re.findall(re.escape(group.name) + r" (\S+)", text)
        assert after_name, group.name
        # Every mention in a table is followed by "< 7"; the charts name the team without a value.
        assert all(word in ("<", group.name.split()[0]) or not word[0].isdigit() for word in after_name), (
            after_name
        )
        assert not re.search(re.escape(group.name) + r" \d", text)
    # The hidden team's own participation (respondents of headcount) appears nowhere.
    facilitair = next(g for g in hidden if g.name == "Facilitair")
    assert f"{facilitair.respondents} {facilitair.headcount}" not in text
    assert "< 7" in text


def test_a_baseline_alone_shows_results_per_theme_without_a_comparison(demo_pulses):
    org, users, baseline, _follow_up = demo_pulses
    text = pdf_text(render(org, users, {"pulse": baseline.pk}).data)
    assert "Resultaten per thema" in text
    assert "Verandering per thema en team" not in text
    workload = pulse_results(baseline).total.cells["workload"]
    assert _num(workload.mean, 2) in text


def test_the_report_is_in_english_when_the_organisation_chose_english(demo_pulses):
    org, users, _baseline, follow_up = demo_pulses
    services.report_settings_update(org=org, language="en")
    text = pdf_text(
        render(org, users, {"pulse": follow_up.pk}, language=services.report_language(org=org)).data
    )
    for heading in (
        "Measurement report",
        "Contents",
        "Participation",
        "Heat map",
        "Change per theme and team",
    ):
        assert heading in text, heading
    assert "CONFIDENTIAL" in text and "Deelname" not in text


def test_only_a_closed_pulse_can_be_chosen_and_an_open_one_gets_a_message(demo_pulses, client_for):
    org, users, _baseline, _follow_up = demo_pulses
    open_pulse = not_closed_pulse(org)
    page = client_for(users[Role.HR]).get(f"/o/{org.slug}/reports/").content.decode()
    assert f'value="{open_pulse.pk}"' not in page  # not offered
    response = client_for(users[Role.HR]).post(
        f"/o/{org.slug}/reports/export/measurement/", {"measurement-pulse": open_pulse.pk}
    )
    assert response.status_code == 422
    assert "gesloten" in response.content.decode()
    response = client_for(users[Role.HR]).post(
        f"/o/{org.slug}/reports/export/measurement/", {"measurement-pulse": _follow_up.pk}
    )
    assert response.status_code == 302  # a closed pulse is accepted (the baseline is found by itself)
    with pytest.raises(Exception, match="gesloten"):
        get_exporter("measurement").clean_parameters(org=org, parameters={"pulse": open_pulse.pk})


def test_a_follow_up_is_compared_with_its_campaigns_baseline_by_default(demo_pulses):
    org, _users, baseline, follow_up = demo_pulses
    exporter = get_exporter("measurement")
    assert exporter.clean_parameters(org=org, parameters={"pulse": follow_up.pk}) == {
        "pulse": follow_up.pk,
        "compare_with": baseline.pk,
    }
    assert exporter.clean_parameters(org=org, parameters={"pulse": baseline.pk})["compare_with"] is None


@pytest.fixture
def measurement_export(demo_pulses, django_capture_on_commit_callbacks):
    org, users, _baseline, follow_up = demo_pulses
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_start(
            org=org, by=users[Role.HR], report="measurement", parameters={"pulse": follow_up.pk}, role=Role.HR
        )
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    return export


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.MANAGER])
def test_an_ambassador_or_manager_cannot_download_the_measurement_report(
    measurement_export, demo_pulses, client_for, role
):
    org, users, _b, _f = demo_pulses
    assert (
        client_for(users[role]).get(f"/o/{org.slug}/reports/{measurement_export.pk}/download/").status_code
        == 403
    )
    council = (
        users.get(Role.WORKS_COUNCIL)
        or MembershipFactory(organisation=org, role=Role.WORKS_COUNCIL, user=UserFactory()).user
    )
    assert (
        client_for(council).get(f"/o/{org.slug}/reports/{measurement_export.pk}/download/").status_code == 200
    )


def test_another_organisation_gets_404_for_the_measurement_report(measurement_export, other_org, client_for):
    stranger = MembershipFactory(organisation=other_org, role=Role.HR, user=UserFactory()).user
    client = client_for(stranger)
    assert client.get(f"/o/{other_org.slug}/reports/{measurement_export.pk}/download/").status_code == 404
    org_slug = measurement_export.organisation.slug
    assert client.get(f"/o/{org_slug}/reports/{measurement_export.pk}/download/").status_code == 404
