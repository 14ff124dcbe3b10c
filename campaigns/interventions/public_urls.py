from django.urls import include, path

from . import public_views

urlpatterns = [
    path("m/<slug:code>/", public_views.intervention_page, name="intervention_page"),
    path("m/<slug:code>/helpful/", public_views.intervention_helpful, name="intervention_helpful"),
    path("", include("campaigns.interventions.feed_urls")),
]
