"""Public pages of the actions app (no login, reached through an unguessable link)."""

from django.urls import path

from . import precondition_views

urlpatterns = [
    path("signals/<str:token>/", precondition_views.signals, name="signals"),
]
