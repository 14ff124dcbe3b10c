"""Organisation-wide imports and exports, mounted under /o/<org_slug>/data/.

Campaign-scoped ones are mounted by the campaigns app under its own URLs (same views).
"""

from django.urls import path

from . import views

app_name = "transfer"

urlpatterns = [
    path("import/<slug:identifier>/", views.import_view, name="import"),
    path("export/<slug:identifier>.<slug:fmt>", views.export_view, name="export"),
]
