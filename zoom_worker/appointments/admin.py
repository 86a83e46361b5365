"""Appointments in the admin, with their meeting's state; resync and cancel go through the
services."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import dash, inline_table, local_time, titled, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin, holds
from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.attendance.admin import AttendanceInline, ParticipantIntervalInline
from zoom_worker.meetings.admin import SyncAttemptInline, resync_meetings
from zoom_worker.models import Appointment

# The appointment page shows the latest calls; the meeting page (and its list) shows them all.
APPOINTMENT_ATTEMPTS_SHOWN = 20


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "expert",
        "client",
        "start",
        "status",
        "meeting_status",
        "meeting_last_error",
    )
    list_filter = (
        ("status", titled(_("appointment status"))),
        ("meeting__status", titled(_("meeting status"))),
    )
    list_select_related = ("meeting", "meeting__attendance", "expert", "client", "series")
    search_fields = ("=id", "expert__username", "client__username")
    fields = (
        "expert",
        "client",
        "status",
        "start",
        "duration",
        "topic",
        "host",
        "has_join_link",
        "notes",
        "topic_generated",
        "series_place",
        "meeting",
        "meeting_status",
        "meeting_last_error",
        "created",
        "attendance",
        "participant_intervals",
        "sync_attempts",
    )
    readonly_fields = fields
    actions = ["resync", "cancel"]

    @admin.display(description=zoned(_("start time")), ordering="start_time")
    def start(self, obj):
        return local_time(obj.start_time)

    @admin.display(description=_("series"))
    def series_place(self, obj):
        if obj.series_id is None:
            return _("booked alone")
        place = _("session %(index)d of %(count)d") % {
            "index": obj.series_index,
            "count": obj.series.count,
        }
        if obj.moved_alone:
            place = _("%(place)s, moved on its own") % {"place": place}
        url = reverse("admin:zoom_worker_series_change", args=[obj.series_id])
        return format_html('<a href="{}">{}</a> · {}', url, obj.series, place)

    @admin.display(description=_("duration (minutes)"))
    def duration(self, obj):
        return obj.meeting.duration

    @admin.display(description=_("topic"))
    def topic(self, obj):
        return obj.meeting.topic

    @admin.display(description=_("Zoom host"))
    def host(self, obj):
        return obj.meeting.host

    # Whether one exists only: the link itself and the passcode are not shown here.
    @admin.display(description=_("join link exists"), boolean=True)
    def has_join_link(self, obj):
        return bool(obj.meeting.join_url)

    @admin.display(description=_("meeting status"), ordering="meeting__status")
    def meeting_status(self, obj):
        return obj.meeting.get_status_display()

    @admin.display(description=_("last error"))
    def meeting_last_error(self, obj):
        return dash(obj.meeting.last_error[:120])

    @admin.display(description=zoned(_("created at")))
    def created(self, obj):
        return local_time(obj.created_at)

    @admin.display(description=_("attendance"))
    def attendance(self, obj):
        attendance = getattr(obj.meeting, "attendance", None)
        if attendance is None:
            return _("not settled yet")
        return inline_table(AttendanceInline, [attendance])

    @admin.display(description=_("participant intervals"))
    def participant_intervals(self, obj):
        return inline_table(ParticipantIntervalInline, obj.meeting.intervals.all())

    @admin.display(description=_("Zoom calls (latest first)"))
    def sync_attempts(self, obj):
        # SyncAttempt belongs to the meeting, not the appointment, so no inline can show it here.
        attempts = obj.meeting.attempts.all()[:APPOINTMENT_ATTEMPTS_SHOWN]
        return inline_table(SyncAttemptInline, attempts)

    has_resync_permission = holds("resync_meeting")
    has_cancel_permission = holds("cancel_appointment")

    @admin.action(description=_("Resync meeting with Zoom"), permissions=["resync"])
    def resync(self, request, queryset):
        resync_meetings(self, request, [a.meeting for a in queryset.select_related("meeting")])

    @admin.action(description=_("Cancel (deletes the Zoom meeting)"), permissions=["cancel"])
    def cancel(self, request, queryset):
        for appointment in queryset:
            appointment_cancel(appointment=appointment)
        self.message_user(request, _("%(n)d appointments cancelled.") % {"n": len(queryset)})
