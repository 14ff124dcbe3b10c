"""Pages of the campaigns app inside an organisation, mounted under /o/<org_slug>/campaigns/."""

from django.urls import path  # noqa: F401

app_name = "campaigns"

urlpatterns: list = []
