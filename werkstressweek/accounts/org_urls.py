"""HR pages of one organisation, mounted under /o/<org_slug>/."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.org_settings, name="org_settings"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.team_edit, name="team_create"),
    path("teams/<int:team_id>/", views.team_edit, name="team_edit"),
    path("teams/<int:team_id>/delete/", views.team_delete, name="team_delete"),
    path("people/", views.members, name="members"),
    path("people/<int:membership_id>/", views.member_edit, name="member_edit"),
    path("people/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
]
