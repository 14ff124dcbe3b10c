"""The micro-intervention library and programmes, mounted under /o/<org_slug>/interventions/."""

from django.urls import path

from . import message_views, programme_views, views

app_name = "interventions"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.intervention_edit, name="create"),
    path("<int:intervention_id>/", views.intervention_edit, name="edit"),
    path("<int:intervention_id>/remove/", views.intervention_delete, name="delete"),
    path("messages/", message_views.message_list, name="messages"),
    path("messages/<int:item_id>/approve/", message_views.message_approve, name="message_approve"),
    path("messages/pulse/", message_views.message_pulse, name="message_pulse"),
    path("programmes/", programme_views.programme_list, name="programmes"),
    path("programmes/<int:programme_id>/", programme_views.programme_detail, name="programme"),
    path(
        "programmes/<int:programme_id>/moments/<int:moment_id>/remove/",
        programme_views.moment_remove,
        name="moment_remove",
    ),
    path(
        "programmes/<int:programme_id>/teams/<int:assignment_id>/remove/",
        programme_views.assignment_remove,
        name="assignment_remove",
    ),
]
