"""Series shapes of the API. Output serializers only read; services write."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zoom_worker.api.fields import UTCDateTimeField
from zoom_worker.appointments.serializers import (
    AppointmentCreateInput,
    AppointmentUpdateInput,
    PersonOutput,
)
from zoom_worker.models import Appointment, Meeting, Series
from zoom_worker.series.models import (
    EVERY_WEEKS_MAX,
    EVERY_WEEKS_MIN,
    SESSIONS_MAX,
    SESSIONS_MIN,
)
from zoom_worker.series.selectors import series_status, series_summary


class SeriesCreateInput(AppointmentCreateInput):
    """A booking's fields, plus the rule: exactly one of `count` and `until`."""

    every_weeks = serializers.IntegerField(
        min_value=EVERY_WEEKS_MIN, max_value=EVERY_WEEKS_MAX, required=False
    )
    count = serializers.IntegerField(min_value=SESSIONS_MIN, max_value=SESSIONS_MAX, required=False)
    until = serializers.DateField(
        required=False, help_text=_("The last local date a session may fall on.")
    )


class SeriesUpdateInput(AppointmentUpdateInput):
    """The time, length and topic of every session ahead; notes stay each session's own."""

    notes = None


class SeriesExtendInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=SESSIONS_MAX)


class SessionOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The session's appointment."))
    index = serializers.IntegerField(source="series_index", help_text=_("Counted from 1."))
    start_time = UTCDateTimeField()
    status = serializers.ChoiceField(choices=Appointment.Status.values)
    meeting_status = serializers.ChoiceField(source="meeting.status", choices=Meeting.Status.values)


class SummaryOutput(serializers.Serializer):
    held = serializers.IntegerField()
    no_show = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    ahead = serializers.IntegerField()

    def to_representation(self, series: Series):
        return series_summary(series)


class SeriesOutput(serializers.Serializer):
    id = serializers.IntegerField()
    expert = PersonOutput()
    client = PersonOutput()
    timezone = serializers.CharField()
    every_weeks = serializers.IntegerField()
    count = serializers.IntegerField()
    until = serializers.DateField(allow_null=True)
    status = serializers.SerializerMethodField()
    sessions = SessionOutput(many=True)
    summary = SummaryOutput(source="*")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()

    @extend_schema_field(serializers.ChoiceField(choices=["active", "cancelled", "finished"]))
    def get_status(self, series: Series) -> str:
        return series_status(series, series_summary(series))
