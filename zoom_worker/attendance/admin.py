"""Attendance as the meeting and appointment pages show it: read-only, never a name."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, zoned
from zoom_worker.admin.mixins import ReadOnlyInlineMixin
from zoom_worker.models import Attendance, ParticipantInterval


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
