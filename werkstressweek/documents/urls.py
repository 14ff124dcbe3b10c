"""Report exports of one organisation, mounted under /o/<org_slug>/reports/."""

from django.urls import path

from . import feedback_views, portal, views

app_name = "documents"

urlpatterns = [
    path("", views.reports, name="reports"),
    path("audit/", portal.audit_log_page, name="audit_log"),
    path("export/<slug:report>/", views.export_start, name="export_start"),
    path("<int:export_id>/status/", views.export_status, name="export_status"),
    path("<int:export_id>/download/", views.export_download, name="export_download"),
    path("feedback/", feedback_views.feedback_pages, name="feedback_pages"),
    path("feedback/<int:pulse_id>/publish/", feedback_views.feedback_publish, name="feedback_publish"),
    path("feedback/<int:pulse_id>/unpublish/", feedback_views.feedback_unpublish, name="feedback_unpublish"),
]
