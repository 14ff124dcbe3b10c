"""Middleware of the project core (not tied to one app)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
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
