"""One place that decides who may see which organisation's pages.

Every organisation-scoped URL starts with `/o/<org_slug>/`. `OrganisationMiddleware` resolves the
slug once per request into `request.org` and `request.membership`; anyone who is not a member gets
a 404, whether or not the organisation exists. Views then state the roles they allow with
`org_role_required`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership, Organisation, Role

if TYPE_CHECKING:
    from .models import User

ORG_URL_KWARG = "org_slug"

# Roles that may change a campaign and its plan; everyone with a membership may read.
EDITOR_ROLES = (Role.HR, Role.CORE_TEAM)
ALL_ROLES = tuple(Role.values)


class OrgRequest(HttpRequest):
    """Type of a request that passed `OrganisationMiddleware` for an organisation URL."""

    user: User
    org: Organisation
    membership: Membership


def membership_for(user: Any, slug: str) -> Membership:
    """The user's membership of the organisation with this slug, or Http404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    try:
        return (
            Membership.objects.select_related("organisation")
            .prefetch_related("teams")
            .get(user=user, organisation__slug=slug)
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def has_role(request: HttpRequest, *roles: str) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role in roles


def can_open(request: HttpRequest, view: Callable) -> bool:
    """Whether the request's member may open `view`, by the roles the view itself declares.

    Views hand templates `can_*` flags made with this, instead of templates comparing role names:
    a link is shown exactly when its page would let the member in, and the two cannot drift apart.
    """
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role in getattr(view, "org_roles", ())


def org_role_required(*roles: str) -> Callable:
    """Allow a view only for members of the URL's organisation who have one of `roles`.

    With no roles every member may enter. Members without the role get 403: they already know the
    organisation exists. Strangers never reach this point (the middleware answers 404).
    """
    allowed: Iterable[str] = roles or ALL_ROLES

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = getattr(request, "membership", None)
            if membership is None:
                raise Http404
            if membership.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.org_roles = tuple(allowed)  # type: ignore[attr-defined]
        return wrapper

    return decorator
