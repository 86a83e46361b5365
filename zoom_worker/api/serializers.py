"""Request and response shapes of the API. Output serializers only read; services write."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zoom_worker.api.fields import RequestDateTimeField, UTCDateTimeField
from zoom_worker.models import (
    DURATION_MAX,
    DURATION_MIN,
    NOTES_MAX_LENGTH,
    Appointment,
    Attendance,
    Meeting,
)

# Raw topics are cleaned and checked against Zoom's 200 characters by the service; this bound
# only keeps absurd payloads out before any work is done.
RAW_TOPIC_MAX = 1000


class DurationField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=DURATION_MIN, max_value=DURATION_MAX, **kwargs)


class AppointmentUpdateInput(serializers.Serializer):
    start_time = RequestDateTimeField(required=False)
    duration = DurationField(required=False)
    topic = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=RAW_TOPIC_MAX,
        trim_whitespace=False,
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=NOTES_MAX_LENGTH)


class AppointmentCreateInput(AppointmentUpdateInput):
    client = serializers.IntegerField(min_value=1, max_value=2**62)
    start_time = RequestDateTimeField()


class AppointmentFilterInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Appointment.Status.choices, required=False)

    def get_fields(self):
        # `from` and `to` are Python keywords, so they are declared here; errors name them as
        # sent, and the selector gets them as start_from / start_to.
        return {
            **super().get_fields(),
            "from": RequestDateTimeField(required=False, source="start_from"),
            "to": RequestDateTimeField(required=False, source="start_to"),
        }


class PersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")


class MeetingOutput(serializers.Serializer):
    status = serializers.CharField()
    meeting_id = serializers.CharField(source="zoom_meeting_id", allow_null=True)
    join_url = serializers.SerializerMethodField()
    start_url = serializers.SerializerMethodField()
    password = serializers.SerializerMethodField()
    host_email = serializers.SerializerMethodField()
    last_error = serializers.CharField()
    updated_at = UTCDateTimeField()

    def get_join_url(self, meeting: Meeting) -> str | None:
        return meeting.join_url if meeting.is_joinable else None

    def get_password(self, meeting: Meeting) -> str | None:
        return meeting.password if meeting.is_joinable else None

    def get_host_email(self, meeting: Meeting) -> str | None:
        return meeting.host_email or None

    def get_start_url(self, meeting: Meeting) -> str | None:
        """Only the host sees it, and only while its host token still lives."""
        user = self.context["request"].user
        if user.pk != meeting.owner_id or not meeting.is_joinable:
            return None
        return meeting.start_url if meeting.start_url_is_fresh(now=timezone.now()) else None


class AttendanceOutput(serializers.Serializer):
    """Whether the session took place; every field null until the attendance is settled."""

    outcome = serializers.ChoiceField(
        choices=Attendance.Outcome.values,
        allow_null=True,
        help_text=_(
            "held, client_no_show, expert_no_show, nobody_joined or unknown; null until settled."
        ),
    )
    expert_joined_at = UTCDateTimeField(
        allow_null=True, help_text=_("The host's first join (UTC).")
    )
    client_joined_at = UTCDateTimeField(
        allow_null=True, help_text=_("The first guest's first join (UTC).")
    )
    together_minutes = serializers.IntegerField(
        allow_null=True,
        help_text=_("Whole minutes the expert and a client were in the meeting at once."),
    )

    def to_representation(self, meeting: Meeting):
        # Only a meeting Zoom held is ever settled, so a new one costs no query; a reverse
        # one-to-one with no row raises an AttributeError subclass: not settled yet.
        attendance = getattr(meeting, "attendance", None) if meeting.zoom_meeting_id else None
        if attendance is None:
            return dict.fromkeys(self.fields)
        return super().to_representation(attendance)


class AppointmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    expert = PersonOutput()
    client = PersonOutput()
    topic = serializers.CharField(source="meeting.topic")
    start_time = UTCDateTimeField(source="meeting.start_time")
    duration = serializers.IntegerField(source="meeting.duration")
    timezone = serializers.CharField(source="meeting.timezone")
    notes = serializers.CharField()
    status = serializers.CharField()
    meeting = MeetingOutput()
    attendance = AttendanceOutput(source="meeting")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()


class StartUrlOutput(serializers.Serializer):
    start_url = serializers.URLField()


class SeedMeetingInput(serializers.Serializer):
    topic = serializers.CharField(max_length=RAW_TOPIC_MAX, trim_whitespace=False)
    start_time = RequestDateTimeField()
    duration = DurationField(required=False)


class SeedMeetingUpdateInput(serializers.Serializer):
    topic = serializers.CharField(required=False, max_length=RAW_TOPIC_MAX, trim_whitespace=False)
    start_time = RequestDateTimeField(required=False)
    duration = DurationField(required=False)


class SeedMeetingOutput(MeetingOutput):
    """The seed module's shape, plus `id`, `status` and `last_error`."""

    success = serializers.SerializerMethodField()
    id = serializers.IntegerField()
    topic = serializers.CharField()
    start_time = UTCDateTimeField()
    duration = serializers.IntegerField()

    def get_success(self, meeting: Meeting) -> bool:
        return meeting.status != Meeting.Status.FAILED


class SeedFailureOutput(serializers.Serializer):
    success = serializers.BooleanField(default=False)
    error = serializers.CharField()


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()


class LogoutInput(serializers.Serializer):
    refresh = serializers.CharField(help_text=_("The refresh token to revoke."))
