"""Dates read as people write them: Dutch months in lower case, the year only outside this year."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import timezone, translation

from werkstressweek.templatetags.dates import day, with_year


def test_the_year_is_added_only_for_a_date_in_another_year():
    this_year = timezone.localdate().year
    with translation.override("nl"):
        assert day(dt.date(this_year, 3, 2), "j F") == "2 maart"
        assert day(dt.date(this_year + 1, 1, 2), "j F") == f"2 januari {this_year + 1}"
        assert day(dt.date(this_year - 1, 12, 1), "j M") == f"1 dec {this_year - 1}"
        assert day(dt.datetime(this_year + 1, 11, 16, 9, 30), "j M H:i") == f"16 nov {this_year + 1} 09:30"


def test_the_year_goes_after_the_month_and_before_the_time():
    assert with_year("j M H:i") == "j M Y H:i"
    assert with_year("l j F") == "l j F Y"
    assert with_year("j F Y") == "j F Y"


def test_the_filter_works_in_templates():
    this_year = timezone.localdate().year
    with translation.override("nl"):
        html = Template('{% load dates %}{{ d|day:"j F" }}').render(
            Context({"d": dt.date(this_year + 2, 5, 4)})
        )
    assert html == f"4 mei {this_year + 2}"


def test_english_keeps_its_capital_short_month():
    this_year = timezone.localdate().year
    with translation.override("en"):
        assert day(dt.date(this_year, 11, 16), "j M") == "16 Nov"
