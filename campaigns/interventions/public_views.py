"""Public micro-intervention pages for employees: no login, no cookie, nothing personal stored.

Reflection answers stay in the browser (localStorage); the only thing the server records is the
anonymous "was this helpful?" count per intervention per day.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..models import Intervention
from . import services

BREATH_IN_SECONDS = 4
BREATH_OUT_SECONDS = 6
EXERCISE_SECONDS = 120


def _language(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else translation.get_language()


@require_GET
def intervention_page(request: HttpRequest, code: str) -> HttpResponse:
    intervention = get_object_or_404(Intervention.objects.select_related("theme"), code=code)
    with translation.override(_language(request)):
        context = {
            "intervention": intervention,
            "thanks": request.GET.get("thanks") == "1",
            "breath_in": BREATH_IN_SECONDS,
            "breath_out": BREATH_OUT_SECONDS,
            "exercise_seconds": EXERCISE_SECONDS,
            "lang": translation.get_language(),
        }
        response = render(request, "campaigns/interventions/public.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "public, max-age=300"
    return response


@csrf_exempt  # a bare counter: no cookie (and so no CSRF token) on these pages
@require_POST
def intervention_helpful(request: HttpRequest, code: str) -> HttpResponse:
    intervention = get_object_or_404(Intervention, code=code)
    answer = request.POST.get("answer")
    if answer in ("yes", "no") and request.headers.get("Sec-Fetch-Site", "same-origin") != "cross-site":
        services.helpful_record(intervention=intervention, helpful=answer == "yes")
    url = reverse("intervention_page", kwargs={"code": code}) + "?thanks=1"
    if request.POST.get("lang") in dict(settings.LANGUAGES):
        url += "&lang=" + request.POST["lang"]
    return redirect(url)
