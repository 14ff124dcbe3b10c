"""The communication toolkit of one organisation, mounted under /o/<org_slug>/toolkit/."""

from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("branding/", views.branding, name="branding"),
    path("branding/logo/", views.branding_logo, name="logo"),
    path("<int:campaign_id>/", views.toolkit_page, name="page"),
    path("<int:campaign_id>/build/", views.toolkit_build, name="build"),
    path("<int:campaign_id>/status/", views.toolkit_status, name="status"),
    path("<int:campaign_id>/download/", views.toolkit_download, name="download"),
    path("<int:campaign_id>/shares/", views.share_add, name="share_add"),
    path("<int:campaign_id>/texts/", views.toolkit_texts, name="texts"),
    path("<int:campaign_id>/texts/<slug:text_key>/", views.toolkit_text_edit, name="text_edit"),
]
