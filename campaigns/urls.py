"""Pages of the campaigns app inside an organisation, mounted under /o/<org_slug>/campaigns/."""

from django.urls import path

from werkstressweek.transfer import views as transfer

from . import item_views, signup_views, views, wizard

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<int:campaign_id>/", views.dashboard, name="dashboard"),
    path("<int:campaign_id>/edit/", views.campaign_edit, name="edit"),
    path("<int:campaign_id>/plan/", views.plan, name="plan"),
    path("<int:campaign_id>/plan/add/", views.step_add, name="step_add"),
    path("<int:campaign_id>/plan/restore/", views.plan_restore, name="plan_restore"),
    path("<int:campaign_id>/plan/<int:step_id>/", views.step_edit, name="step_edit"),
    path("<int:campaign_id>/plan/<int:step_id>/toggle/", views.step_toggle, name="step_toggle"),
    path("<int:campaign_id>/plan/<int:step_id>/remove/", views.step_remove, name="step_remove"),
    path("<int:campaign_id>/resources/", views.resources, name="resources"),
    path("<int:campaign_id>/agenda-link/", views.agenda_link, name="agenda_link"),
    path("<int:campaign_id>/signups/", signup_views.signup_overview, name="signups"),
    path("<int:campaign_id>/signups/mode/", signup_views.signup_mode, name="signup_mode"),
    path(
        "<int:campaign_id>/activities/<int:activity_id>/attendance/",
        signup_views.attendance,
        name="attendance",
    ),
    path("<int:campaign_id>/wizard/<slug:step>/", wizard.wizard, name="wizard"),
    path("<int:campaign_id>/goals/<int:item_id>/", item_views.goal_edit, name="goal_edit"),
    path("<int:campaign_id>/activities/<int:item_id>/", item_views.activity_edit, name="activity_edit"),
    path(
        "<int:campaign_id>/messages/<int:item_id>/", item_views.communication_edit, name="communication_edit"
    ),
    path("<int:campaign_id>/core-team/<int:item_id>/", item_views.member_edit, name="member_edit"),
    path("<int:campaign_id>/<slug:kind>/<int:item_id>/remove/", item_views.item_remove, name="item_remove"),
    # Files in and out go through the project's one registry of importers and exporters.
    path("<int:campaign_id>/export/<slug:identifier>.<slug:fmt>", transfer.export_view, name="export"),
    path(
        "<int:campaign_id>/import/agenda/",
        transfer.import_view,
        {"identifier": "agenda"},
        name="agenda_import",
    ),
]
