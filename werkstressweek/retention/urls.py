"""HR's data settings of one organisation, mounted under /o/<org_slug>/settings/data/."""

from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.data_settings, name="data_settings"),
    path("export/", views.data_export, name="data_export"),
    path("delete/", views.organisation_delete, name="organisation_delete"),
]
