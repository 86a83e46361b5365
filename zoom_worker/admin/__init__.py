"""The operators' view: appointments with their meeting's state and every Zoom call made.

No start_url, passcode or secret is ever shown here.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.pagination import EstimatedCountPaginator
from zoom_worker.models import (
    Appointment,
    Attendance,
    Meeting,
    ParticipantInterval,
    SyncAttempt,
    ZoomHost,
)
from zoom_worker.selectors import zoom_host_list, zoom_host_requests_today
from zoom_worker.services.appointments import appointment_cancel
from zoom_worker.services.meetings import MeetingConflict, meeting_resync
from zoom_worker.services.zoom_hosts import zoom_host_disable, zoom_host_enable

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

admin.site.site_header = admin.site.site_title = _("Lunova")
admin.site.index_title = _("Lunova administration")
admin.site.index_template = "admin/lunova_index.html"


class ReadOnlyInlineMixin:
    """Rows shown under their parent as a record of what happened: every field read-only, no
    blank form to add one, nothing to delete, no link away."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.readonly_fields = cls.fields


class ReadOnlyAdminMixin:
    """An admin page to read, not edit: no add, change (so no Save button) or delete. Actions
    (resync, cancel) still run: they go through the services.
    No COUNT(*) over the whole table on every page: these tables grow with every booking (no
    second count of all rows, and the filtered count is capped then estimated). For the same
    reason no date hierarchy, filters only from fixed choices (a filter on a field without them
    reads its DISTINCT values over the whole table), and newest first by an indexed column."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ("-pk",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def titled(title):
    """A choices filter with its own title: two filters on fields called `status` read apart."""

    class TitledFilter(admin.ChoicesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


def local_time(value) -> str:
    """A time in ZOOM_TIMEZONE to the second, or a dash."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i:s")


def zoned(label) -> str:
    return format_html("{} ({})", label, settings.ZOOM_TIMEZONE)


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
        return _dash(obj.http_status)

    @admin.display(description=_("Zoom code"))
    def code(self, obj):
        return _dash(obj.zoom_code)

    @admin.display(description=_("duration (ms)"))
    def duration(self, obj):
        return obj.duration_ms


class AttendanceInline(ReadOnlyInlineMixin, admin.StackedInline):
    model = Attendance
    fields = (
        "outcome",
        "together_minutes",
        "expert_joined",
        "client_joined",
        "source",
        "settled",
    )

    @admin.display(description=zoned(_("expert joined at")))
    def expert_joined(self, obj):
        return local_time(obj.expert_joined_at)

    @admin.display(description=zoned(_("client joined at")))
    def client_joined(self, obj):
        return local_time(obj.client_joined_at)

    @admin.display(description=zoned(_("settled at")))
    def settled(self, obj):
        return local_time(obj.settled_at)


class ParticipantIntervalInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Who was in the meeting and when: Zoom's per-meeting participant key, never a name."""

    model = ParticipantInterval
    fields = ("participant", "is_host", "joined", "left")
    ordering = ("joined_at",)

    @admin.display(description=zoned(_("joined at")))
    def joined(self, obj):
        return local_time(obj.joined_at)

    @admin.display(description=zoned(_("left at")))
    def left(self, obj):
        return local_time(obj.left_at)


def _dash(value):
    return "—" if value in (None, "") else value


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
    list_select_related = ("meeting", "meeting__attendance", "expert", "client")
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
        return _dash(obj.meeting.last_error[:120])

    @admin.display(description=zoned(_("created at")))
    def created(self, obj):
        return local_time(obj.created_at)

    @admin.display(description=_("attendance"))
    def attendance(self, obj):
        attendance = getattr(obj.meeting, "attendance", None)
        if attendance is None:
            return _("not settled yet")
        return _inline_table(AttendanceInline, [attendance])

    @admin.display(description=_("participant intervals"))
    def participant_intervals(self, obj):
        return _inline_table(ParticipantIntervalInline, obj.meeting.intervals.all())

    @admin.display(description=_("Zoom calls (latest first)"))
    def sync_attempts(self, obj):
        # SyncAttempt belongs to the meeting, not the appointment, so no inline can show it here.
        attempts = obj.meeting.attempts.all()[:APPOINTMENT_ATTEMPTS_SHOWN]
        return _inline_table(SyncAttemptInline, attempts)

    @admin.action(description=_("Resync meeting with Zoom"))
    def resync(self, request, queryset):
        _resync_meetings(self, request, [a.meeting for a in queryset.select_related("meeting")])

    @admin.action(description=_("Cancel (deletes the Zoom meeting)"))
    def cancel(self, request, queryset):
        for appointment in queryset:
            appointment_cancel(appointment=appointment)
        self.message_user(request, _("%(n)d appointments cancelled.") % {"n": len(queryset)})


def _inline_table(inline, rows):
    """The meeting's rows as the meeting page's inline shows them (the appointment page has no
    inline of its own for them: they belong to the meeting)."""
    rows = list(rows)
    if not rows:
        return _("none yet")
    header = _row("th", (label_of(inline, name) for name in inline.fields))
    cells = ((_row("td", (value_of(inline, name, row) for name in inline.fields)),) for row in rows)
    body = format_html_join("", "{}", cells)
    return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", header, body)


def label_of(inline, name):
    method = getattr(inline, name, None)
    if method is not None:
        return method.short_description
    return inline.model._meta.get_field(name).verbose_name


def value_of(inline, name, row):
    method = getattr(inline, name, None)
    if method is not None:
        return method(inline, row)
    display = getattr(row, f"get_{name}_display", None)  # a field with choices: its label
    if display is not None:
        return display()
    value = getattr(row, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _dash(value)


def _row(cell: str, values) -> str:
    return format_html(
        "<tr>{}</tr>", format_html_join("", f"<{cell}>{{}}</{cell}>", ((v,) for v in values))
    )


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


class ZoomHostChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The page's hosts' counters in one Redis read, not one per row.
        used = zoom_host_requests_today(self.result_list)
        for host in self.result_list:
            host.requests_today = None if used is None else used.get(host.user, 0)


@admin.register(ZoomHost)
class ZoomHostAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Hosts are added with `manage.py zoom_hosts add | sync`, which ask Zoom first; here they
    are read, and disabled or enabled."""

    list_display = (
        "user",
        "email",
        "active",
        "concurrency",
        "meetings_now",
        "meetings_today",
        "requests_today",
        "created",
    )
    list_filter = ("active", "concurrency")
    search_fields = ("user", "email")
    actions = ("disable", "enable")

    def get_queryset(self, request):
        return zoom_host_list(now=timezone.now())

    def get_changelist(self, request, **kwargs):
        return ZoomHostChangeList

    @admin.display(description=_("meetings now"), ordering="seats_now")
    def meetings_now(self, host):
        return host.seats_now

    @admin.display(description=_("meetings today"), ordering="meetings_today")
    def meetings_today(self, host):
        return host.meetings_today

    @admin.display(description=_("requests used today (UTC)"))
    def requests_today(self, host):
        used = getattr(host, "requests_today", None)
        return "—" if used is None else f"{used} / {settings.ZOOM_DAILY_CAP}"

    @admin.display(description=zoned(_("created at")), ordering="created_at")
    def created(self, host):
        return local_time(host.created_at)

    @admin.action(description=_("Disable (takes no new meetings, keeps its own)"))
    def disable(self, request, queryset):
        kept = sum(zoom_host_disable(user=host.user)[1] for host in queryset)
        self.message_user(
            request,
            _("%(n)d host(s) disabled; they keep %(kept)d meeting(s) ahead.")
            % {"n": len(queryset), "kept": kept},
            messages.SUCCESS,
        )

    @admin.action(description=_("Enable"))
    def enable(self, request, queryset):
        for host in queryset:
            zoom_host_enable(user=host.user)
        self.message_user(
            request, _("%(n)d host(s) enabled.") % {"n": len(queryset)}, messages.SUCCESS
        )


# Registered from their own module, which builds on the helpers above.
from zoom_worker.admin import platform_events, webhooks  # noqa: E402, F401
