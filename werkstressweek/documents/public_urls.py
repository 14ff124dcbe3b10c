"""Public pages of the documents app (no login, reached through an unguessable link)."""

from django.urls import path

from . import feedback_views

urlpatterns = [
    path("feedback/<str:token>/", feedback_views.public_feedback, name="public_feedback"),
]
