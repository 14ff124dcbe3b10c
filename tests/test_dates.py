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


# Templates another branch reworks at the same time (page speed); they move to |day there or later.
DATES_ELSEWHERE: set[str] = set()


def test_every_visible_date_with_a_month_goes_through_the_day_filter():
    import pathlib
    import re

    from django.conf import settings

    root = pathlib.Path(settings.BASE_DIR) / "templates"
    month = re.compile(r'\|date:"[^"]*(?<!\\)[MFNb][^"]*"')
    found = [
        f"{path.relative_to(root)}: {m.group(0)}"
        for path in root.rglob("*.html")
        if str(path.relative_to(root)) not in DATES_ELSEWHERE
        for m in month.finditer(path.read_text())
    ]
    assert not found, found


def test_a_short_month_in_a_page_is_lower_case_in_dutch_and_the_year_shows_only_for_another_year():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    this_year = timezone.localdate().year
    rows = [
        SimpleNamespace(
            due_on=dt.date(this_year, 11, 16), action_id=1, day=30, action=SimpleNamespace(title="A")
        ),
        SimpleNamespace(
            due_on=dt.date(this_year + 1, 1, 4), action_id=2, day=60, action=SimpleNamespace(title="B")
        ),
    ]
    with translation.override("nl"):
        html = render_to_string(
            "actions/_checkin_list.html",
            {"rows": rows, "today": dt.date(this_year, 1, 1), "org": SimpleNamespace(slug="demo")},
        )
    assert "16 nov<" in html and "16 Nov" not in html
    assert f"4 jan {this_year + 1}" in html
