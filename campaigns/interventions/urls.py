"""The micro-intervention library, mounted under /o/<org_slug>/interventions/."""

from django.urls import path

from . import views

app_name = "interventions"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.intervention_edit, name="create"),
    path("<int:intervention_id>/", views.intervention_edit, name="edit"),
    path("<int:intervention_id>/remove/", views.intervention_delete, name="delete"),
]
