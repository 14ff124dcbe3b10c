"""The project's URLs plus a minimal view that does the answer endpoint's inserts and nothing else."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils import timezone

from measurements.models import Answer, Response
from werkstressweek.urls import urlpatterns as project_urlpatterns

# Filled in by bench/answering.py through the environment: pulse id, team id, question:dimension pairs.
_QUESTIONS: list[tuple[int, str]] = []


@transaction.atomic
def minimal(request: HttpRequest, pulse_id: int, team_id: int) -> HttpResponse:
    """Store one response with its answers in one transaction, like pulse_submit, without any checks."""
    response = Response.objects.create(
        id=uuid.uuid4(), pulse_id=pulse_id, team_id=team_id, submitted_on=timezone.localdate()
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            pulse_id=pulse_id,
            team_id=team_id,
            question_id=int(key[1:]),
            dimension=request.POST.get(f"d{key[1:]}", "workload"),
            score=int(value),
        )
        for key, value in request.POST.items()
        if key.startswith("q")
    )
    return HttpResponseRedirect("/p/done/")


urlpatterns = [
    path("bench/minimal/<int:pulse_id>/<int:team_id>/", minimal),
    *project_urlpatterns,
]
