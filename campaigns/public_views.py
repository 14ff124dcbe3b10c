"""The public agenda for employees: no login, reached through an unguessable, revocable link."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors, signups
from .calendar import agenda_ics
from .models import Campaign


def _campaign(token: str) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("organisation"), public_token=token)


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@never_cache
def public_agenda(request: HttpRequest, token: str) -> HttpResponse:
    campaign = _campaign(token)
    agenda_days = selectors.agenda_by_day(campaign=campaign)
    counts = signups.signup_counts(campaign=campaign)
    now = timezone.now()
    for _day, activities in agenda_days:
        for activity in activities:
            activity.signup_counts = counts.get(activity.pk)
            activity.signup_open = activity.starts_at > now
    context = {
        "campaign": campaign,
        "org": None,
        "organisation": campaign.organisation,
        "agenda_days": agenda_days,
        "token": token,
    }
    response = render(request, "campaigns/public_agenda.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def public_agenda_ics(request: HttpRequest, token: str) -> HttpResponse:
    campaign = _campaign(token)
    data = agenda_ics(
        campaign=campaign, activities=selectors.agenda(campaign=campaign), domain=request.get_host()
    )
    return _ics_response(data, "week-van-de-werkstress.ics")


@require_GET
def public_activity_ics(request: HttpRequest, token: str, activity_id: int) -> HttpResponse:
    campaign = _campaign(token)
    activity = get_object_or_404(campaign.activities.all(), pk=activity_id)
    data = agenda_ics(campaign=campaign, activities=[activity], domain=request.get_host())
    return _ics_response(data, f"activiteit-{activity.pk}.ics")
