"""Pages of the actions app inside an organisation, mounted under /o/<org_slug>/actions/."""

from django.urls import path  # noqa: F401

app_name = "actions"

urlpatterns: list = []
