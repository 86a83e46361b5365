"""Meetings and every Zoom call made for them, in the admin; a resync goes through the service."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import dash, local_time, titled, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin, ReadOnlyInlineMixin, holds
from zoom_worker.attendance.admin import AttendanceInline, ParticipantIntervalInline
from zoom_worker.meetings.services import MeetingConflict, meeting_resync
from zoom_worker.models import Meeting, SyncAttempt

SYNC_ATTEMPT_FIELDS = (
    "started_at",
    "action",
    "outcome",
    "http_status",
    "zoom_code",
    "duration_ms",
    "message",
    "task_id",
)


class SyncAttemptInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = SyncAttempt
    fields = ("started", "action", "outcome", "http", "code", "duration", "message", "task_id")
    ordering = ("-started_at",)
    verbose_name = _("Zoom call")
    verbose_name_plural = _("Zoom calls (latest first)")

    @admin.display(description=zoned(_("started at")))
    def started(self, obj):
        return local_time(obj.started_at)

    @admin.display(description=_("HTTP status"))
    def http(self, obj):
        return dash(obj.http_status)

    @admin.display(description=_("Zoom code"))
    def code(self, obj):
        return dash(obj.zoom_code)

    @admin.display(description=_("duration (ms)"))
    def duration(self, obj):
        return obj.duration_ms


MEETING_SAFE_FIELDS = (
    "owner",
    "host",
    "topic",
    "start",
    "duration",
    "timezone",
    "wanted",
    "status",
    "version",
    "synced_version",
    "last_error",
    "zoom_meeting_id",
    "host_email",
    "marker",
    "create_attempted_at",
    "lease_owner",
    "lease_expires_at",
    "not_before",
    "created_at",
    "updated_at",
)


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "topic", "start", "status", "host", "zoom_meeting_id", "updated_at")
    list_filter = (("status", titled(_("meeting status"))), ("wanted", titled(_("wanted in Zoom"))))
    search_fields = ("=id", "=zoom_meeting_id")
    fields = MEETING_SAFE_FIELDS
    readonly_fields = MEETING_SAFE_FIELDS
    inlines = [AttendanceInline, ParticipantIntervalInline, SyncAttemptInline]
    actions = ["resync"]

    @admin.display(description=zoned(_("start time")), ordering="start_time")
    def start(self, obj):
        return local_time(obj.start_time)

    has_resync_permission = holds("resync_meeting")

    @admin.action(description=_("Resync meeting with Zoom"), permissions=["resync"])
    def resync(self, request, queryset):
        resync_meetings(self, request, queryset)


def resync_meetings(model_admin, request, meetings):
    done = 0
    for meeting in meetings:
        try:
            meeting_resync(meeting=meeting)
            done += 1
        except MeetingConflict as exc:
            model_admin.message_user(request, f"{meeting}: {exc}", messages.WARNING)
    model_admin.message_user(request, _("%(n)d meetings put back to pending.") % {"n": done})


@admin.register(SyncAttempt)
class SyncAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every Zoom call across meetings: where operators look for a pattern of failures."""

    list_display = ("started_at", "meeting", *SYNC_ATTEMPT_FIELDS[1:])
    list_filter = (
        ("outcome", titled(_("outcome"))),
        "action",
    )
    list_select_related = ("meeting",)
    search_fields = ("=meeting__id", "=task_id")
    fields = ("meeting", *SYNC_ATTEMPT_FIELDS)
    readonly_fields = fields
