"""Public pages of the measurements app (no login, reached through an unguessable link)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
