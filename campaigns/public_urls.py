"""Public pages of the campaigns app (no login, reached through an unguessable link)."""

from django.urls import path

from . import public_views, signup_views

urlpatterns = [
    path("agenda/<str:token>/", public_views.public_agenda, name="public_agenda"),
    path("agenda/<str:token>/agenda.ics", public_views.public_agenda_ics, name="public_agenda_ics"),
    path(
        "agenda/<str:token>/<int:activity_id>.ics",
        public_views.public_activity_ics,
        name="public_activity_ics",
    ),
    path(
        "agenda/<str:token>/<int:activity_id>/signup/",
        signup_views.signup_create,
        name="public_signup_create",
    ),
    path("signup/<str:token>/", signup_views.signup_detail, name="public_signup"),
    path("signup/<str:token>/calendar.ics", signup_views.signup_ics, name="public_signup_ics"),
]
