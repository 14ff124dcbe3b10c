"""Pages of the measurements app inside an organisation, mounted under /o/<org_slug>/measurements/."""

from django.urls import path

from . import exports, views

app_name = "measurements"

urlpatterns = [
    path("", views.pulse_list, name="pulses"),
    path("new/", views.pulse_create, name="pulse_create"),
    path("compare/", views.comparison, name="comparison"),
    path("questions/new/", views.question_create, name="question_create"),
    path("<int:pulse_id>/", views.pulse_detail, name="pulse_detail"),
    path("<int:pulse_id>/edit/", views.pulse_edit, name="pulse_edit"),
    path("<int:pulse_id>/close/", views.pulse_close, name="pulse_close"),
    path("<int:pulse_id>/delete/", views.pulse_delete, name="pulse_delete"),
    path("<int:pulse_id>/participation/", views.pulse_participation, name="pulse_participation"),
    path("<int:pulse_id>/invitations/", views.pulse_invitations, name="pulse_invitations"),
    path("<int:pulse_id>/results/", views.pulse_results, name="pulse_results"),
    path("<int:pulse_id>/teams/<int:team_id>/", views.team_results, name="team_results"),
    path("<int:pulse_id>/export.csv", exports.results_csv, name="export_csv"),
    path("<int:pulse_id>/export.xlsx", exports.results_xlsx, name="export_xlsx"),
    path("<int:pulse_id>/codes.csv", exports.codes_csv, name="codes_csv"),
    path("<int:pulse_id>/codes/print/", exports.codes_print, name="codes_print"),
]
