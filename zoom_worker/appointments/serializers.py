"""Appointment shapes of the API. Output serializers only read; services write."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zoom_worker.api.fields import RequestDateTimeField, UTCDateTimeField
from zoom_worker.meetings.serializers import RAW_TOPIC_MAX, DurationField, MeetingOutput
from zoom_worker.models import NOTES_MAX_LENGTH, Appointment, AttendanceOutcome, Meeting


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


class AttendanceOutput(serializers.Serializer):
    """Whether the session took place; every field null until the attendance is settled."""

    outcome = serializers.ChoiceField(
        choices=AttendanceOutcome.values,
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
