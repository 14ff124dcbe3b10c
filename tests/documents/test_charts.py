"""Charts are self-contained SVG that works under the strict Content-Security-Policy."""

from __future__ import annotations

from werkstressweek.documents import charts


def test_charts_have_no_scripts_no_external_resources_and_an_accessible_name():
    svgs = [
        charts.comparison_chart(
            labels=["Herstel"], before=[3.1], after=[None], before_label="Voor", after_label="Na"
        ),
        charts.trend_chart(labels=["Puls 1", "Puls 2"], series={"Herstel": [2.9, 3.4]}),
        charts.participation_chart(labels=["Team"], percentages=[55.0]),
        charts.distribution_chart(
            labels=["Herstel"], distributions=[(1, 2, 3, 4, 5)], scale_labels=list("12345")
        ),
    ]
    for svg in svgs:
        assert svg.startswith("<svg")
        assert "<script" not in svg.lower()
        assert 'role="img" aria-label="' in svg
        assert "href=" not in svg and "@import" not in svg


def test_chart_labels_are_escaped():
    svg = charts.comparison_chart(
        labels=["<script>alert(1)</script>"], before=[3.0], after=[3.5], before_label="<b>", after_label="Na"
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_chart_is_drawn_once_per_inputs_and_language(monkeypatch):
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    drawn = []
    real_svg = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda chart, label: drawn.append(label) or real_svg(chart, label))
    args = {
        "labels": ["Herstel"],
        "before": [3.25],
        "after": [3.5],
        "before_label": "Voor",
        "after_label": "Na",
    }
    with translation.override("nl"):
        first = charts.comparison_chart(**args)
        again = charts.comparison_chart(**args)
    assert again == first and len(drawn) == 1
    with translation.override("en"):
        english = charts.comparison_chart(**args)
    assert len(drawn) == 2 and "3,3" in first and "3.3" in english  # each language its own numbers
    with translation.override("nl"):
        charts.comparison_chart(**{**args, "after": [3.75]})
    assert len(drawn) == 3
