"""Meeting shapes of the API: the meeting inside an appointment, and the standalone endpoint's."""

from django.utils import timezone
from rest_framework import serializers

from zoom_worker.api.fields import RequestDateTimeField, UTCDateTimeField
from zoom_worker.models import DURATION_MAX, DURATION_MIN, Meeting

# Raw topics are cleaned and checked against Zoom's 200 characters by the service; this bound
# only keeps absurd payloads out before any work is done.
RAW_TOPIC_MAX = 1000


class DurationField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=DURATION_MIN, max_value=DURATION_MAX, **kwargs)


class MeetingOutput(serializers.Serializer):
    status = serializers.CharField()
    meeting_id = serializers.CharField(source="zoom_meeting_id", allow_null=True)
    join_url = serializers.SerializerMethodField()
    start_url = serializers.SerializerMethodField()
    password = serializers.SerializerMethodField()
    host_email = serializers.SerializerMethodField()
    last_error = serializers.SerializerMethodField()
    updated_at = UTCDateTimeField()

    def get_join_url(self, meeting: Meeting) -> str | None:
        return meeting.join_url if meeting.is_joinable else None

    def get_password(self, meeting: Meeting) -> str | None:
        return meeting.password if meeting.is_joinable else None

    def _is_owner(self, meeting: Meeting) -> bool:
        # Whom the answer is for: the caller of the request, or the person a data export is of.
        viewer = self.context.get("viewer") or self.context["request"].user
        return viewer.pk == meeting.owner_id

    # The host's address (maybe the expert's own Zoom login) and Zoom's raw error are the
    # expert's to see, not the client's.
    def get_host_email(self, meeting: Meeting) -> str | None:
        return (meeting.host_email or None) if self._is_owner(meeting) else None

    def get_last_error(self, meeting: Meeting) -> str | None:
        return meeting.last_error if self._is_owner(meeting) else None

    def get_start_url(self, meeting: Meeting) -> str | None:
        """Only the host sees it, and only while its host token still lives."""
        if not self._is_owner(meeting) or not meeting.is_joinable:
            return None
        return meeting.start_url if meeting.start_url_is_fresh(now=timezone.now()) else None


class StandaloneMeetingInput(serializers.Serializer):
    topic = serializers.CharField(max_length=RAW_TOPIC_MAX, trim_whitespace=False)
    start_time = RequestDateTimeField()
    duration = DurationField(required=False)


class StandaloneMeetingUpdateInput(serializers.Serializer):
    topic = serializers.CharField(required=False, max_length=RAW_TOPIC_MAX, trim_whitespace=False)
    start_time = RequestDateTimeField(required=False)
    duration = DurationField(required=False)


class StandaloneMeetingOutput(MeetingOutput):
    """The original `zoom` module's shape, plus `id`, `status` and `last_error`."""

    success = serializers.SerializerMethodField()
    id = serializers.IntegerField()
    topic = serializers.CharField()
    start_time = UTCDateTimeField()
    duration = serializers.IntegerField()

    def get_success(self, meeting: Meeting) -> bool:
        return meeting.status != Meeting.Status.FAILED


class StandaloneFailureOutput(serializers.Serializer):
    success = serializers.BooleanField(default=False)
    error = serializers.CharField()
