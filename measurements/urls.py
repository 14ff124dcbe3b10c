"""Pages of the measurements app inside an organisation, mounted under /o/<org_slug>/measurements/."""

from django.urls import path  # noqa: F401

app_name = "measurements"

urlpatterns: list = []
