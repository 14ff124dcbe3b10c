from django.contrib import admin

from .models import Action, CheckIn, CouncilAdvice


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    readonly_fields = ("recorded_by", "recorded_at", "escalated_at")


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "level", "team", "status", "deadline")
    list_filter = ("status", "level", "risk", "organisation")
    search_fields = ("title", "rie_reference")
    list_select_related = ("organisation", "team")
    raw_id_fields = ("campaign", "team", "owner_membership", "source_pulse", "created_by")
    inlines = [CheckInInline]


@admin.register(CouncilAdvice)
class CouncilAdviceAdmin(admin.ModelAdmin):
    list_display = ("organisation", "kind", "position", "given_on", "recorded_at")
    list_filter = ("kind", "position")
