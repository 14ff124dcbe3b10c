"""Admin for the question bank and pulses. Responses, answers and codes are deliberately not
registered: nobody browses individual answers or sees which code was used, not even staff
(DESIGN.md §5). Pulses are changed through the app's services, so the admin only reads them."""

from __future__ import annotations

from django.contrib import admin

from .models import Pulse, Question, ResultSettings


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text_nl", "dimension", "reverse_coded", "organisation", "is_active")
    list_filter = ("dimension", "reverse_coded", "is_active")
    search_fields = ("text_nl", "text_en")


@admin.register(Pulse)
class PulseAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "kind", "opens_at", "closes_at", "closed_at", "distribution")
    list_filter = ("kind", "distribution")
    search_fields = ("title",)
    exclude = ("questions", "teams")
    readonly_fields = ("closed_at", "min_group_size")

    # Dates, teams and codes follow the rules of the services (a closed pulse stays closed).
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ResultSettings)
class ResultSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "red_below", "amber_below")

    def save_model(self, request, obj, form, change) -> None:
        """Through the service, so the change is validated and lands in the audit log."""
        from .services.thresholds import result_thresholds_update

        result_thresholds_update(
            org=obj.organisation, red_below=obj.red_below, amber_below=obj.amber_below, by=request.user
        )
