from __future__ import annotations

import html
from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from werkstressweek.numbers import decimal_text, signed_text

register = template.Library()


@register.filter
def signed(value: float | None, decimals: int = 2) -> str:
    """A change with its sign, in the current language's number format: +0,35 / −0,12."""
    if value is None:
        return ""
    return signed_text(value, int(decimals))


LIGHT_WORDS = {
    "green": gettext_lazy("good"),
    "amber": gettext_lazy("attention"),
    "red": gettext_lazy("concern"),
}


def hidden_html(k: int) -> str:
    return format_html(
        '<span class="text-body-secondary" title="{}">{}<span class="visually-hidden"> ({})</span></span>',
        _(
            "Hidden: fewer than %(k)s answers, or hidden so that a small team cannot be worked out from the total."
        )
        % {"k": k},
        _("hidden"),
        _("fewer than %(k)s answers, or hidden to protect a small team") % {"k": k},
    )


def protecting_html() -> str:
    """A team with enough answers of its own, hidden so that a smaller team cannot be worked out."""
    return format_html(
        '<span class="text-body-secondary" title="{}">{}</span>',
        _(
            "This team has enough answers, but is hidden so that a smaller team cannot be worked out "
            "from the total."
        ),
        _("hidden to protect a smaller team"),
    )


def _protects_others(context, group) -> bool:
    """Only for the results of a closed pulse: a hidden team with at least k answers."""
    return (
        group is not None
        and getattr(group, "team", None) is not None
        and context.get("results_closed", False)
        and group.respondents >= _k(context)
    )


def padded_html() -> str:
    return format_html(
        '<span class="text-body-secondary" title="{}">{}</span>',
        _(
            "More answers than people in the team: someone added answers. This team is not shown and "
            "its answers are left out of every total."
        ),
        _("more answers than employees"),
    )


def _k(context) -> int:
    """The k of the pulse on the page (recorded on the pulse, never the organisation's current one)."""
    k = context.get("k")
    if k is None:
        k = (context.get("results") or context.get("comparison")).k
    return k


@lru_cache(maxsize=64)
def _cell_texts(language: str | None) -> dict[str, str]:
    """The fixed words of a heat-map cell, escaped, per language (the map has teams × themes cells)."""
    return {
        "words": {light: html.escape(str(word)) for light, word in LIGHT_WORDS.items()},
        "positive": html.escape(_("positive")),
        "start": html.escape(_("Start an action")),
        "padded": f'<td class="cell-hidden text-center">{padded_html()}</td>',
        "protecting": f'<td class="cell-hidden text-center">{protecting_html()}</td>',
    }


@lru_cache(maxsize=64)
def _hidden_cell(language: str | None, k: int) -> str:
    return f'<td class="cell-hidden text-center">{hidden_html(k)}</td>'


@register.simple_tag(takes_context=True)
def heat_cell(context, cell, group=None, dimension: str = "") -> str:
    """One heat-map cell: the mean, the traffic light in words, the share positive, and the action link.

    A simple tag instead of an include: the heat map has teams × dimensions cells. The markup is put
    together with f-strings from escaped parts, as format_html would (and at a fraction of its cost).
    """
    language = get_language()
    texts = _cell_texts(language)
    if group is not None and getattr(group, "padded", False):
        return mark_safe(texts["padded"])  # noqa: S308 - escaped parts only
    if cell.mean is None:
        if _protects_others(context, group):
            return mark_safe(texts["protecting"])  # noqa: S308 - escaped parts only
        return mark_safe(_hidden_cell(language, _k(context)))  # noqa: S308 - escaped parts only
    action = ""
    action_url = context.get("action_url")
    if context.get("can_act") and action_url and cell.light != "green" and group is not None and group.team:
        action = (
            f'<br><a class="small" href="{html.escape(str(action_url))}?team={html.escape(str(group.team.pk))}'
            f'&amp;dimension={html.escape(str(dimension))}">{texts["start"]}</a>'
        )
    return mark_safe(  # noqa: S308 - every part escaped above or here
        f'<td class="cell-{html.escape(str(cell.light))} text-center"><span class="fw-semibold">'
        f"{html.escape(decimal_text(cell.mean, 1))}</span><br>"
        f'<span class="small">{texts["words"][cell.light]} · {html.escape(decimal_text(cell.favourable, 0))}% '
        f"{texts['positive']}</span>{action}</td>"
    )


@register.simple_tag(takes_context=True)
def hidden_mark(context, group=None) -> str:
    if group is not None and getattr(group, "padded", False):
        return padded_html()
    if _protects_others(context, group):
        return protecting_html()
    return hidden_html(_k(context))


@register.simple_tag
def comparison_rows(rows) -> str:
    """The rows of one team's before/after table (from the view's `_comparison_tables`).

    A simple tag instead of a loop in the template: the page has teams × themes rows. Put together
    from escaped parts, as in `heat_cell`.
    """
    texts = _comparison_texts(get_language())
    out = []
    for label, before, after, difference, low, high, direction in rows:
        change = (
            f'{html.escape(difference)} <span class="small text-body-secondary">({html.escape(low)} '
            f"{texts['to']} {html.escape(high)})</span>"
            if difference is not None
            else "–"
        )
        out.append(
            f'\n    <tr><th scope="row">{html.escape(str(label))}</th>\n'
            f'      <td class="text-end">{html.escape(before)}</td>\n'
            f'      <td class="text-end">{html.escape(after)}</td>\n'
            f'      <td class="text-end">{change}</td>\n'
            f"      <td>{texts.get(direction, texts['unclear'])}</td></tr>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308 - every part escaped above


@lru_cache(maxsize=16)
def _comparison_texts(language: str | None) -> dict[str, str]:
    return {
        "to": html.escape(_("to")),
        "up": f'<span class="text-success fw-semibold">↑ {html.escape(_("clearly better"))}</span>',
        "down": f'<span class="text-danger fw-semibold">↓ {html.escape(_("clearly worse"))}</span>',
        "unclear": html.escape(_("no clear change")),
    }
