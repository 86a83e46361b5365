"""The operators' view: appointments with their meeting's state and every Zoom call made.

No start_url, passcode or secret is ever shown here.
"""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from zoom_worker.models import Appointment, Meeting, SyncAttempt
from zoom_worker.services.appointments import appointment_cancel
from zoom_worker.services.meetings import MeetingConflict, meeting_resync

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
# The appointment page shows the latest calls; the meeting page (and its list) shows them all.
APPOINTMENT_ATTEMPTS_SHOWN = 20


class SyncAttemptInline(admin.TabularInline):
    model = SyncAttempt
    fields = SYNC_ATTEMPT_FIELDS
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-started_at",)
    show_change_link = False


MEETING_SAFE_FIELDS = (
    "owner",
    "host",
    "topic",
    "start_time",
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
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("id", "topic", "start_time", "status", "host", "zoom_meeting_id", "updated_at")
    list_filter = ("status", "wanted")
    show_full_result_count = False  # no second COUNT(*) over the whole table on every page
    search_fields = ("=id", "=zoom_meeting_id")
    fields = MEETING_SAFE_FIELDS
    readonly_fields = MEETING_SAFE_FIELDS
    inlines = [SyncAttemptInline]
    actions = ["resync"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resync meeting with Zoom"))
    def resync(self, request, queryset):
        _resync_meetings(self, request, queryset)


def _resync_meetings(model_admin, request, meetings):
    done = 0
    for meeting in meetings:
        try:
            meeting_resync(meeting=meeting)
            done += 1
        except MeetingConflict as exc:
            model_admin.message_user(request, f"{meeting}: {exc}", messages.WARNING)
    model_admin.message_user(request, _("%(n)d meetings put back to pending.") % {"n": done})


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "expert",
        "client",
        "start_time",
        "status",
        "meeting_status",
        "meeting_last_error",
    )
    list_filter = ("status", "meeting__status")
    show_full_result_count = False
    list_select_related = ("meeting", "expert", "client")
    search_fields = ("=id", "expert__username", "client__username")
    fields = (
        "expert",
        "client",
        "status",
        "notes",
        "topic_generated",
        "meeting",
        "meeting_status",
        "meeting_last_error",
        "created_at",
        "sync_attempts",
    )
    readonly_fields = fields
    actions = ["resync", "cancel"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("start time"), ordering="meeting__start_time")
    def start_time(self, obj):
        return obj.meeting.start_time

    @admin.display(description=_("meeting"), ordering="meeting__status")
    def meeting_status(self, obj):
        return obj.meeting.status

    @admin.display(description=_("last error"))
    def meeting_last_error(self, obj):
        return obj.meeting.last_error[:120]

    @admin.display(description=_("Zoom calls (latest first)"))
    def sync_attempts(self, obj):
        # SyncAttempt belongs to the meeting, not the appointment, so no inline can show it here.
        attempts = obj.meeting.attempts.all()[:APPOINTMENT_ATTEMPTS_SHOWN]
        if not attempts:
            return _("none yet")
        header = _row(
            "th", (SyncAttempt._meta.get_field(n).verbose_name for n in SYNC_ATTEMPT_FIELDS)
        )
        rows = format_html_join(
            "",
            "{}",
            ((_row("td", (getattr(a, n) for n in SYNC_ATTEMPT_FIELDS)),) for a in attempts),
        )
        return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", header, rows)

    @admin.action(description=_("Resync meeting with Zoom"))
    def resync(self, request, queryset):
        _resync_meetings(self, request, [a.meeting for a in queryset.select_related("meeting")])

    @admin.action(description=_("Cancel (deletes the Zoom meeting)"))
    def cancel(self, request, queryset):
        for appointment in queryset:
            appointment_cancel(appointment=appointment)
        self.message_user(request, _("%(n)d appointments cancelled.") % {"n": len(queryset)})


def _row(cell: str, values) -> str:
    return format_html(
        "<tr>{}</tr>", format_html_join("", f"<{cell}>{{}}</{cell}>", ((v,) for v in values))
    )


@admin.register(SyncAttempt)
class SyncAttemptAdmin(admin.ModelAdmin):
    """Every Zoom call across meetings: where operators look for a pattern of failures."""

    list_display = ("started_at", "meeting", *SYNC_ATTEMPT_FIELDS[1:])
    # Filters from fixed choices: a filter on a field without them reads DISTINCT values over
    # the whole table on every page, as a date hierarchy does.
    list_filter = ("outcome", "action")
    show_full_result_count = False
    list_select_related = ("meeting",)
    search_fields = ("=meeting__id", "=task_id")
    fields = ("meeting", *SYNC_ATTEMPT_FIELDS)
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
