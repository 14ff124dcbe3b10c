"""Pages of the actions app inside an organisation, mounted under /o/<org_slug>/actions/."""

from django.urls import path

from . import agreement_views, evaluation_views, precondition_views, retro_views, views

app_name = "actions"

urlpatterns = [
    path("", views.action_board, name="board"),
    path("new/", views.action_create, name="action_create"),
    path("check-ins/", views.checkins_due, name="checkins_due"),
    path("works-council/", views.advice, name="advice"),
    path("works-council/add/", views.advice_add, name="advice_add"),
    path("preconditions/", precondition_views.preconditions, name="preconditions"),
    path(
        "preconditions/<slug:precondition_kind>/",
        precondition_views.precondition_edit,
        name="precondition_edit",
    ),
    path("agreements/", agreement_views.agreements, name="agreements"),
    path("agreements/<int:team_id>/", agreement_views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:team_id>/new/", agreement_views.agreement_edit, name="agreement_edit"),
    path(
        "agreements/<int:team_id>/v<int:version>/print/",
        agreement_views.agreement_print,
        name="agreement_print",
    ),
    path("evaluations/", evaluation_views.evaluations, name="evaluations"),
    path("evaluations/quarter/", evaluation_views.evaluation_add, name="evaluation_add"),
    path("evaluations/year/", evaluation_views.yearly_add, name="yearly_add"),
    path("retro/", retro_views.retro_index, name="retro_index"),
    path("retro/<int:campaign_id>/", retro_views.retro, name="retro"),
    path("retro/<int:campaign_id>/add/", retro_views.retro_add, name="retro_add"),
    path(
        "retro/<int:campaign_id>/items/<int:item_id>/action/",
        retro_views.retro_to_action,
        name="retro_to_action",
    ),
    path("<int:action_id>/", views.action_detail, name="action_detail"),
    path("<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("<int:action_id>/status/", views.action_status, name="action_status"),
    path("<int:action_id>/check-ins/<int:checkin_id>/", views.checkin_record, name="checkin_record"),
]
