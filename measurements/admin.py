"""Admin for the question bank and pulses. Responses and answers are deliberately not registered:
nobody browses individual answers, not even staff (DESIGN.md §5)."""

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
    list_display = ("title", "organisation", "kind", "opens_at", "closes_at", "distribution")
    list_filter = ("kind", "distribution")
    search_fields = ("title",)
    exclude = ("questions", "teams")

    def get_readonly_fields(self, request, obj=None):
        """Dates of a pulse that has opened stay as they are (a closed pulse never opens again)."""
        fixed = ("min_group_size",)
        if obj is not None and obj.state() != "planned":
            fixed += ("opens_at", "closes_at")
        return fixed


@admin.register(ResultSettings)
class ResultSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "red_below", "amber_below")
