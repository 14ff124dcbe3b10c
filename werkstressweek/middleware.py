"""Middleware of the project core (not tied to one app)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _

# C0 control characters and DEL: no address of this site contains them, and a NUL reaching a
# PostgreSQL text lookup is an error (a 500) instead of "not found".
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """Answer 400 to a URL whose path or query string holds control characters (such as %00)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if CONTROL.search(request.path_info) or (
            ("%" in query or CONTROL.search(query))
            and any(
                CONTROL.search(k) or CONTROL.search(v) for k, values in request.GET.lists() for v in values
            )
        ):
            return HttpResponseBadRequest(
                _("This address contains characters that are not allowed. Check the link and try again."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class QueryLanguageMiddleware:
    """A `?lang=en` / `?lang=nl` on a GET chooses the language of that one page.

    Public pages for employees (the agenda, the signals page, the privacy page, …) switch language
    with such links instead of the language form, whose CSRF token would set a cookie for someone
    who only reads (templates/base_public.html). Nothing is remembered: the next page follows the
    browser's language again. Runs after the user's profile language, so the link wins.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.GET.get("lang", "") if request.method in ("GET", "HEAD") else ""
        if lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
