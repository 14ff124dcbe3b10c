from django.contrib import admin
from django.urls import include, path

from werkstressweek.accounts import views as account_views

from . import views

# Everything that shows an organisation's data lives under /o/<org_slug>/; OrganisationMiddleware
# resolves the slug and the membership for every one of these URLs.
organisation_patterns = [
    path("", views.org_home, name="org_home"),
    path("settings/data/", include("werkstressweek.retention.urls")),
    path("", include("werkstressweek.accounts.org_urls")),
    path("campaigns/", include("campaigns.urls")),
    path("measurements/", include("measurements.urls")),
    path("actions/", include("actions.urls")),
    path("reports/", include("werkstressweek.documents.urls")),
    path("data/", include("werkstressweek.transfer.urls")),
    path("channels/", include("werkstressweek.notify.urls")),
    path("interventions/", include("campaigns.interventions.urls")),
    path("toolkit/", include("campaigns.toolkit.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/<slug:slug>/", views.org_privacy, name="org_privacy"),
    path("accounts/", include("werkstressweek.accounts.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("o/<slug:org_slug>/", include(organisation_patterns)),
    path("", include("campaigns.public_urls")),
    path("", include("campaigns.interventions.public_urls")),
    path("", include("measurements.public_urls")),
    path("", include("actions.public_urls")),
]
