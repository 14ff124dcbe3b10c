from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .tenancy import ORG_URL_KWARG, membership_for


class OrganisationMiddleware:
    """Resolve `/o/<org_slug>/…` into `request.org` and `request.membership`, or answer 404.

    The slug is removed from the view's keyword arguments, so views receive only their own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        slug = kwargs.pop(ORG_URL_KWARG, None)
        if slug is None:
            return None
        if not request.user.is_authenticated:
            # Same answer whether or not the organisation exists.
            return redirect_to_login(request.get_full_path())
        membership = membership_for(request.user, slug)
        request.membership = membership  # type: ignore[attr-defined]
        request.org = membership.organisation  # type: ignore[attr-defined]
        return None


class UserLanguageMiddleware:
    """Use the language from a logged-in user's profile unless a language was chosen explicitly."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
