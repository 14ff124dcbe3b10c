"""Team channels, mounted under /o/<org_slug>/channels/."""

from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("", views.channels, name="channels"),
    path("new/", views.channel_edit, name="channel_create"),
    path("<int:channel_id>/", views.channel_detail, name="channel_detail"),
    path("<int:channel_id>/edit/", views.channel_edit, name="channel_edit"),
    path("<int:channel_id>/test/", views.channel_test, name="channel_test"),
    path("<int:channel_id>/delete/", views.channel_delete, name="channel_delete"),
    path(
        "<int:channel_id>/messages/<int:notification_id>/retry/",
        views.notification_retry_view,
        name="notification_retry",
    ),
]
