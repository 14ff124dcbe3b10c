from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification, State
from .services import notification_retry


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "recipient", "channel", "state", "attempts", "due_at", "sent_at")
    list_filter = ("state", "channel", "kind", "organisation")
    search_fields = ("recipient", "key", "subject", "last_error")
    readonly_fields = ("key", "attempts", "last_error", "claimed_at", "sent_at", "created_at")
    actions = ["retry"]
    # Who got a pulse invitation or reminder would tell who had not answered yet (DESIGN.md §5.2).
    HIDDEN_KINDS = ("pulse_invitation", "pulse_reminder")

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(kind__in=self.HIDDEN_KINDS)

    @admin.action(description=_("Retry the selected failed notifications"))
    def retry(self, request, queryset):
        for notification in queryset.filter(state=State.FAILED):
            notification_retry(notification=notification)
