"""Results files open correctly in Dutch Excel, and every figure follows the one rounding rule."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from measurements.templatetags.measurements_tags import signed
from werkstressweek.numbers import decimal_text, rounded

from ..factories import TeamFactory
from .helpers import answer_randomly, close


@pytest.fixture
def answered(make_pulse, org, team):
    klein = TeamFactory(organisation=org, name="Klein", headcount=4)
    midden = TeamFactory(organisation=org, name="Midden", headcount=10)
    pulse = make_pulse(teams=[team, klein, midden], title="Nulmeting")
    answer_randomly(pulse, team, 12)
    answer_randomly(pulse, klein, 3)  # below k: hidden
    answer_randomly(pulse, midden, 8)  # enough answers, hidden to protect Klein
    close(pulse)
    return pulse


def _get(client, org, pulse, fmt, language="nl"):
    client.cookies["django_language"] = language
    return client.get(
        reverse(f"measurements:export_{fmt}", kwargs={"org_slug": org.slug, "pulse_id": pulse.pk})
    )


def test_the_dutch_csv_has_a_bom_semicolons_and_decimal_commas(hr_client, org, answered):
    raw = _get(hr_client, org, answered, "csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    organisation = next(line for line in lines[1:] if line.startswith(org.name)).split(";")
    mean = organisation[4]
    assert "," in mean and "." not in mean, mean
    english = _get(hr_client, org, answered, "csv", "en").content.decode("utf-8-sig").splitlines()
    assert "." in next(line for line in english[1:] if line.startswith(org.name)).split(",")[4]


def test_the_xlsx_has_number_cells_translated_sheet_names_and_words(hr_client, org, answered):
    book = openpyxl.load_workbook(io.BytesIO(_get(hr_client, org, answered, "xlsx").content))
    assert book.sheetnames == ["Resultaten"]
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    organisation = next(r for r in rows if r[0] == org.name)
    assert isinstance(organisation[2], int) and isinstance(organisation[4], float)
    assert organisation[-2] in ("goed", "aandacht", "zorg")


def test_a_team_hidden_to_protect_a_smaller_one_is_labelled_so(hr_client, org, answered):
    rows = list(
        openpyxl.load_workbook(io.BytesIO(_get(hr_client, org, answered, "xlsx").content)).active.values
    )
    klein = [r for r in rows if r[0] == "Klein"]
    midden = [r for r in rows if r[0] == "Midden"]
    assert all(r[2] == "< 7" and r[-1] == "minder dan 7 antwoorden" for r in klein)
    assert all(r[2] in (None, "") and r[-1] == "verborgen om een kleiner team te beschermen" for r in midden)
    assert not any("< 7" in str(v) for r in midden for v in r)


def test_one_rounding_rule_half_away_from_zero():
    assert str(rounded(0.999, 2)) == "1.00"
    assert str(rounded(0.125, 2)) == "0.13"
    assert str(rounded(-0.125, 2)) == "-0.13"
    with translation.override("nl"):
        assert signed(0.999) == "+1,00"
        assert signed(-0.996) == "−1,00"
        assert signed(0.004) == "0,00"
        assert decimal_text(2.675, 2) == "2,68"


def test_the_heat_map_says_which_team_is_hidden_to_protect_a_smaller_one(hr_client, org, answered):
    html = hr_client.get(
        reverse("measurements:pulse_results", kwargs={"org_slug": org.slug, "pulse_id": answered.pk})
    ).content.decode()
    midden = html[html.index(">Midden<") :].split("</tr>")[0]
    klein = html[html.index(">Klein<") :].split("</tr>")[0]
    assert "verborgen om een kleiner team te beschermen" in midden
    assert "verborgen om een kleiner team te beschermen" not in klein
