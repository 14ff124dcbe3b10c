from django.contrib import admin

from .models import Activity, ActivityKind, Campaign, CommunicationItem, PlanStep, PlanStepTemplate, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "order"]


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "default_minutes", "order"]


@admin.register(PlanStepTemplate)
class PlanStepTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "title_nl", "offset_days"]


class PlanStepInline(admin.TabularInline):
    model = PlanStep
    extra = 0
    fields = ["custom_title", "template", "due_on", "done_at"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "week_start", "status"]
    list_filter = ["status"]
    inlines = [PlanStepInline]


admin.site.register(Activity)
admin.site.register(CommunicationItem)
