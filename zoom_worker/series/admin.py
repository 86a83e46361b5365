"""Weekly series in the admin: read-only, each with its sessions (links to their appointments)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin
from zoom_worker.models import Appointment, Series


class SessionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Appointment
    fk_name = "series"
    fields = ("series_index", "start", "status", "meeting_status", "moved_alone")
    ordering = ("series_index",)
    show_change_link = True  # each session is an appointment with a page of its own
    verbose_name = _("session")
    verbose_name_plural = _("sessions")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting")

    @admin.display(description=zoned(_("start time")))
    def start(self, obj):
        return local_time(obj.start_time)

    @admin.display(description=_("meeting status"))
    def meeting_status(self, obj):
        return obj.meeting.get_status_display()


@admin.register(Series)
class SeriesAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "expert", "client", "every_weeks", "count", "until", "cancelled")
    list_select_related = ("expert", "client")
    search_fields = ("=id", "expert__username", "client__username")
    fields = (
        "expert",
        "client",
        "timezone",
        "every_weeks",
        "count",
        "until",
        "cancelled",
        "rule_start",
        "anchor_index",
        "created",
    )
    readonly_fields = fields
    inlines = [SessionInline]

    @admin.display(description=zoned(_("rule's start")))
    def rule_start(self, obj):
        return local_time(obj.anchor_start)

    @admin.display(description=zoned(_("created at")))
    def created(self, obj):
        return local_time(obj.created_at)
