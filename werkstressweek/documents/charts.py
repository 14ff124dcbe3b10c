"""Charts as self-contained SVG strings, shared by web pages and PDF reports.

pygal draws them server-side. The result has no scripts (pygal's tooltip JavaScript and its config
script are removed, so the SVG can be inlined under the strict Content-Security-Policy), no links
to external resources, and values printed on the chart, so it reads the same in a PDF.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Sequence

import pygal
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

from werkstressweek.numbers import decimal_text

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)

# Blue and orange stay distinguishable for the common kinds of colour blindness.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0b5ed7", "#e07b00", "#198754", "#6f42c1", "#b02a37", "#495057"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=11,
    legend_font_size=12,
    title_font_size=14,
)


CHART_TIMEOUT_SECONDS = 24 * 3600


def _plain(value):
    """The value as JSON-able data in its order (labels may be lazy translations)."""
    if isinstance(value, dict):
        return [[str(k), _plain(v)] for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _kept(draw: Callable[..., SafeString]) -> Callable[..., SafeString]:
    """Keep a drawn chart in the cache under its inputs and the language (numbers and titles).

    A chart is a pure function of its arguments; drawing one with pygal takes 10–40 ms, and the
    pages of closed pulses draw the same charts on every request.
    """

    @functools.wraps(draw)
    def kept(**kwargs) -> SafeString:
        data = json.dumps([draw.__name__, get_language(), _plain(kwargs)], ensure_ascii=False)
        key = f"chart:1:{draw.__name__}:{hashlib.sha256(data.encode()).hexdigest()}"
        svg = cache.get(key)
        if svg is None:
            svg = draw(**kwargs)
            cache.set(key, str(svg), timeout=CHART_TIMEOUT_SECONDS)
        return mark_safe(svg)  # noqa: S308 - drawn by _svg above, or kept from it

    return kept


def _config(**extra) -> dict:
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "print_values": True,
        "show_y_guides": True,
        "legend_at_bottom": True,
        "truncate_legend": -1,
        "truncate_label": 28,
        **extra,
    }


def _svg(chart, label: str) -> SafeString:
    """The chart as inline SVG with an accessible name (pages show the figures as a table too)."""
    svg = chart.render(is_unicode=True)
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - pygal escapes every label; scripts are removed above


def _fmt(value: float | None) -> str:
    return "" if value is None else decimal_text(value, 1)


@_kept
def comparison_chart(
    *,
    labels: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
    before_label: str,
    after_label: str,
    title: str = "",
) -> SafeString:
    """Mean per dimension before and after (1–5, higher is better); hidden values are left out."""
    chart = pygal.HorizontalBar(
        **_config(
            width=720,
            height=max(220, 70 * len(labels) + 90),
            range=(1, 5),
            title=str(title) if title else None,
        ),
        value_formatter=_fmt,
    )
    # Horizontal bars are drawn bottom-up: reverse, so the chart reads in the table's order.
    chart.x_labels = [str(label) for label in reversed(labels)]
    chart.add(str(before_label), list(reversed(before)))
    chart.add(str(after_label), list(reversed(after)))
    return _svg(
        chart,
        str(title)
        or _("Average per theme: %(before)s and %(after)s") % {"before": before_label, "after": after_label},
    )


@_kept
def trend_chart(
    *, labels: Sequence[str], series: dict[str, Sequence[float | None]], title: str = ""
) -> SafeString:
    """Mean per dimension over time; gaps where a pulse had too few answers."""
    # Side by side, labels of 28 characters fit three to a chart; more of them would overlap.
    tilted = len(labels) > 3
    chart = pygal.Line(
        **_config(
            width=720,
            height=420 if tilted else 360,
            range=(1, 5),
            title=str(title) if title else None,
            allow_interruptions=True,
        ),
        value_formatter=_fmt,
        x_label_rotation=30 if tilted else 0,
    )
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _svg(chart, str(title) or _("Average per theme over time"))


@_kept
def participation_chart(
    *, labels: Sequence[str], percentages: Sequence[float | None], title: str = ""
) -> SafeString:
    """Participation per group in percent of headcount."""
    chart = pygal.HorizontalBar(
        **_config(
            width=720,
            height=max(200, 36 * len(labels) + 90),
            range=(0, 100),
            title=str(title) if title else None,
            show_legend=False,
        ),
        value_formatter=lambda v: "" if v is None else f"{v:.0f}%",
    )
    chart.x_labels = [str(label) for label in labels]
    chart.add(str(title) or "%", list(percentages))
    return _svg(chart, str(title) or _("Participation per group"))


@_kept
def distribution_chart(
    *,
    labels: Sequence[str],
    distributions: Sequence[Sequence[int]],
    scale_labels: Sequence[str],
    title: str = "",
) -> SafeString:
    """Share of answers 1–5 per dimension as stacked percentages."""
    chart = pygal.StackedBar(
        **_config(width=720, height=360, range=(0, 100), title=str(title) if title else None),
        value_formatter=lambda v: "" if not v else f"{v:.0f}%",
    )
    chart.style = Style(
        **{**STYLE.to_dict(), "colors": ("#b02a37", "#e07b00", "#adb5bd", "#6ea8fe", "#0b5ed7")}
    )
    chart.x_labels = [str(label) for label in labels]
    totals = [sum(d) or 1 for d in distributions]
    for i, name in enumerate(scale_labels):
        chart.add(
            str(name), [100.0 * d[i] / t if d else None for d, t in zip(distributions, totals, strict=True)]
        )
    return _svg(chart, str(title) or _("Share of answers per score, per theme"))
