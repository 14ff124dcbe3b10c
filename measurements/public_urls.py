"""Public pages of the measurements app (no login, reached through an unguessable link).

Every path starts with /p/ so the log filter (measurements.logging) can recognise and redact them.
"""

from django.urls import path

from . import public_views

urlpatterns = [
    path("p/code/", public_views.code_enter, name="pulse_code_enter"),
    path("p/done/", public_views.answer_done, name="pulse_done"),
    path("p/c/<str:code>/", public_views.answer_with_code, name="pulse_code"),
    path("p/<str:token>/", public_views.answer, name="pulse_answer"),
]
