"""Platform events in the admin: deliveries by state, each attempt, and "deliver again"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, titled, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin
from zoom_worker.events.resend import platform_event_redeliver
from zoom_worker.models import EventDeliveryAttempt, PlatformEvent


class DeliveryAttemptInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = EventDeliveryAttempt
    fields = ("started", "http_status", "duration_ms", "reason")
    ordering = ("-started_at",)
    verbose_name_plural = _("event delivery attempts")

    @admin.display(description=zoned(_("started at")))
    def started(self, obj):
        return local_time(obj.started_at)


@admin.register(PlatformEvent)
class PlatformEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created", "type", "meeting", "sequence", "state", "attempts", "last_error")
    list_filter = (("state", titled(_("state"))), ("type", titled(_("type"))))
    search_fields = ("=meeting__id", "=appointment_id")
    fields = (
        "id",
        "type",
        "meeting",
        "appointment_id",
        "sequence",
        "state",
        "attempts",
        "last_error",
        "data",
    )
    readonly_fields = fields
    inlines = [DeliveryAttemptInline]
    actions = ["deliver_again"]
    ordering = ("-created_at",)  # its ids are random (UUIDs): the newest by its own index

    @admin.display(description=zoned(_("created at")), ordering="created_at")
    def created(self, obj):
        return local_time(obj.created_at)

    @admin.action(description=_("Deliver again"))
    def deliver_again(self, request, queryset):
        events = list(queryset)
        for event in events:
            platform_event_redeliver(event=event)
        self.message_user(request, _("%(n)d events queued for delivery.") % {"n": len(events)})
