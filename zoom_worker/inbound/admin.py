"""Zoom's webhook deliveries in the admin: what came, what it changed, and why not if nothing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, masked_json, titled, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin
from zoom_worker.models import WebhookDelivery


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("received", "event", "zoom_meeting_id", "outcome", "reason")
    list_filter = (("outcome", titled(_("outcome"))),)
    search_fields = ("=zoom_meeting_id", "=event")
    # The payload as stored (only the fields the service reads, inbound.kept_fields), with any
    # link or passcode hidden all the same.
    fields = (
        "event",
        "zoom_meeting_id",
        "event_ts",
        "received",
        "processed",
        "outcome",
        "reason",
        "payload_shown",
    )
    readonly_fields = fields

    @admin.display(description=zoned(_("received at")), ordering="received_at")
    def received(self, obj):
        return local_time(obj.received_at)

    @admin.display(description=_("payload"))
    def payload_shown(self, obj):
        return masked_json(obj.payload)

    @admin.display(description=zoned(_("processed at")))
    def processed(self, obj):
        return local_time(obj.processed_at)
