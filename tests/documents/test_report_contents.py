"""What the plan of action, the evaluation and the anonymity statement say, read back with pypdf."""

from __future__ import annotations

import pytest

from werkstressweek.accounts.models import Role
from werkstressweek.documents.exporters import evaluation
from werkstressweek.documents.registry import ExportContext, get_exporter
from werkstressweek.retention.services import retention_update

from .conftest import pdf_pages, pdf_text
from .full_demo import full_demo_fixture  # noqa: F401 - the fixture


def render(org, users, report, parameters) -> tuple[str, int]:
    exporter = get_exporter(report)
    ctx = ExportContext(
        org=org, by=users[Role.HR], parameters=parameters, language="nl", progress=lambda percent: None
    )
    pdf = exporter.render(ctx)
    assert pdf.pages == pdf_pages(pdf.data)
    return pdf_text(pdf.data), pdf.pages


def test_the_plan_of_action_shows_actions_by_risk_and_level_checkins_preconditions_and_advice(full_demo):
    org, users, campaign = full_demo
    text, pages = render(org, users, "action_plan", {"campaign": campaign.pk})

    assert 4 <= pages <= 12
    for heading in ("Plan van aanpak", "Inhoud", "Samenvatting", "Acties per risico en niveau",
                    "Randvoorwaarden", "Advies van de ondernemingsraad"):  # fmt: skip
        assert heading in text, heading
    assert "Werkdruk als vast agendapunt in elk teamoverleg" in text
    assert "Vaste pauzetijden en een stille ruimte op de afdeling" in text
    assert "Niveau: Organisatie".upper() in text.upper() and "Niveau: Team".upper() in text.upper()
    assert "Hanna de Vries" in text  # the owner
    assert "100% van de teams" in text  # the measurement point's target
    assert "Op schema" in text and "gemeten: 67%" in text  # a recorded check-in
    assert "te laat" in text  # the 90-day check-in of the first action is overdue
    assert "Vertrouwenspersoon" in text  # a precondition
    assert "Evaluatie van de acties met de OR na het eerste kwartaal." in text  # the advice's conditions
    assert "Positief onder voorwaarden" in text or "voorwaarden" in text


def test_the_plan_of_action_leaves_out_actions_of_another_campaign(full_demo):
    from actions.models import Action
    from campaigns.models import Campaign

    org, users, campaign = full_demo
    other = Campaign.objects.create(
        organisation=org,
        name="Andere campagne",
        year=campaign.year + 1,
        week_start=campaign.week_start.replace(year=campaign.year + 1),
    )
    Action.objects.filter(title__startswith="Drie gesprekken").update(campaign=other)
    text, _pages = render(org, users, "action_plan", {"campaign": campaign.pk})
    assert "Werkdruk als vast agendapunt" in text
    assert "Drie gesprekken met een loopbaancoach" not in text


def test_the_evaluation_shows_goals_retro_actions_and_what_comes_next(full_demo):
    org, users, campaign = full_demo
    text, pages = render(org, users, "evaluation", {"campaign": campaign.pk})

    assert 4 <= pages <= 12
    for heading in ("Evaluatie", "Samenvatting", "Doelen: streefwaarde en resultaat", "Wat de retro leerde",
                    "Acties afgerond en open", "Wat er nu komt"):  # fmt: skip
        assert heading in text, heading
    assert "Minder ervaren werkdruk in de zorgteams" in text
    assert "2,90" in text and "3,40" in text  # starting value and target
    assert "gehaald" in text  # each goal measured from the data has a verdict
    assert "Het ochtendspreekuur in de aula trok 80 collega" in text  # a retro success
    assert "Werkdruk is vast agendapunt in vier van de zes teams" in text  # the quarterly evaluation
    assert "Rooster twee weken vooruit vastzetten" in text  # an action from the retro, still open


def test_the_evaluation_takes_the_measured_value_from_its_one_function(full_demo, monkeypatch):
    org, users, campaign = full_demo
    workload = campaign.goals.get(title__startswith="Minder ervaren werkdruk")
    values = {workload.pk: (3.55, "follow-up", None, True)}
    monkeypatch.setattr(evaluation, "goal_measured_values", lambda *, campaign: values)
    text, _pages = render(org, users, "evaluation", {"campaign": campaign.pk})
    assert "3,55" in text
    assert "gehaald" in text
    assert "1 / 2" in text  # goals reached


def test_the_anonymity_statement_follows_k_per_pulse_k_and_retention(full_demo):
    org, users, _campaign = full_demo
    text, pages = render(org, users, "anonymity", {})
    assert 3 <= pages <= 10
    for heading in ("Anonimiteitsverklaring", "Wat wordt bewaard en wat niet", "Minimale groepsgrootte",
                    "Wanneer resultaten zichtbaar zijn", "Wie ziet wat", "Wat je nog moet vertrouwen",
                    "Hoe lang gegevens bewaard blijven"):  # fmt: skip
        assert heading in text, heading
    assert "minstens 7 mensen" in text
    assert "12 maanden" in text and "36 maanden" in text
    assert "meer antwoorden dan mensen" in text  # padding
    assert "Ambassadeur" in text and "Ondernemingsraad" in text  # rows of the permission table
    assert "ongebruikte codes" in text  # what code holders could do

    org.min_group_size = 9
    org.save(update_fields=["min_group_size"])
    retention_update(org=org, comments_months=6, answers_months=24, by=users[Role.HR])
    text, _pages = render(org, users, "anonymity", {})
    assert "minstens 9 mensen" in text and "minstens 7 mensen" not in text
    assert "6 maanden" in text and "24 maanden" in text
    assert "12 maanden" not in text and "36 maanden" not in text
    assert "≠ 9" in text  # the demo pulses keep the k of 7 they opened with


def test_the_anonymity_statement_renders_the_one_permission_table(full_demo, monkeypatch):
    from measurements import permissions

    org, users, _campaign = full_demo
    text, _pages = render(org, users, "anonymity", {})
    assert "Downloads (CSV, Excel)" in text
    changed = dict(permissions.ACCESS)
    changed[Role.AMBASSADOR] = permissions.Access(
        organisation=False, teams=permissions.Scope.NONE, comments=permissions.Scope.NONE,
        exports=False, participation=permissions.Scope.NONE,
    )  # fmt: skip
    monkeypatch.setattr(permissions, "ACCESS", changed)
    after, _pages = render(org, users, "anonymity", {})
    assert after.count(" nee ") > text.count(" nee ")


@pytest.mark.parametrize("report", ["action_plan", "evaluation"])
def test_a_campaign_of_another_organisation_is_refused(report, full_demo, other_org):
    from django.core.exceptions import ValidationError

    from campaigns.models import Campaign
    from werkstressweek.documents import services

    org, users, campaign = full_demo
    theirs = Campaign.objects.create(
        organisation=other_org, name="Hun campagne", year=campaign.year, week_start=campaign.week_start
    )
    with pytest.raises(ValidationError):
        services.report_export_start(
            org=org, by=users[Role.HR], report=report, parameters={"campaign": theirs.pk}, role=Role.HR
        )


def test_the_report_contexts_read_a_fixed_number_of_queries(full_demo, django_assert_max_num_queries):
    from actions import services as action_services
    from actions.models import Level
    from werkstressweek.accounts.models import Membership
    from werkstressweek.documents.exporters.action_plan import action_plan_context
    from werkstressweek.documents.exporters.anonymity import anonymity_context
    from werkstressweek.documents.exporters.evaluation import evaluation_context

    org, users, campaign = full_demo
    hr = Membership.objects.get(organisation=org, user=users[Role.HR])

    def measure() -> dict[str, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counted = {}
        for name, build in (
            ("plan", lambda: action_plan_context(campaign=campaign)),
            ("evaluation", lambda: evaluation_context(campaign=campaign)),
            ("anonymity", lambda: anonymity_context(org=org)),
        ):
            with CaptureQueriesContext(connection) as queries:
                build()
            counted[name] = len(queries)
        return counted

    measure()  # the campaign's organisation is cached from here on
    before = measure()
    for n in range(15):
        action_services.action_create(
            org=org,
            by=users[Role.HR],
            campaign=campaign,
            title=f"Extra maatregel {n}",
            level=Level.ORGANISATION,
            owner_membership=hr,
            deadline=campaign.week_end.replace(year=campaign.year + 1),
        )
    assert measure() == before
    assert max(before.values()) <= 25  # the evaluation includes the goal measurement (campaigns.goals)
