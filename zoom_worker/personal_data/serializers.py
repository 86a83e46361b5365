"""The shapes of a person's data export: each section's rows as the API shows them elsewhere,
with no host secret (a start link) and no password hash."""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from zoom_worker.api.auth_serializers import MeOutput
from zoom_worker.api.fields import UTCDateTimeField
from zoom_worker.appointments.serializers import AppointmentOutput
from zoom_worker.care.selectors import care_relation_list
from zoom_worker.care.serializers import CareRelationOutput
from zoom_worker.meetings.serializers import MeetingOutput, StandaloneMeetingOutput
from zoom_worker.models import Meeting, PlatformEvent
from zoom_worker.personal_data.selectors import (
    appointments_of,
    platform_events_about,
    standalone_meetings_of,
)


class UserRecordOutput(MeOutput):
    """The user as `me/` shows them, and what else their row holds but the password hash."""

    zoom_user = serializers.CharField()
    is_active = serializers.BooleanField()
    date_joined = UTCDateTimeField()
    last_login = UTCDateTimeField(allow_null=True)


class _NoStartUrl:
    """A file that may be kept for years carries no start link (it opens the meeting as its
    host); every other field is as the API shows it."""

    def get_start_url(self, meeting: Meeting) -> str | None:
        return None


class ExportedMeetingOutput(_NoStartUrl, MeetingOutput):
    pass


class ExportedStandaloneMeetingOutput(_NoStartUrl, StandaloneMeetingOutput):
    pass


class ExportedAppointmentOutput(AppointmentOutput):
    meeting = ExportedMeetingOutput()


class PlatformEventOutput(serializers.Serializer):
    """An event as it was sent to the platform, with its delivery state."""

    id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=PlatformEvent.Type.values)
    created_at = UTCDateTimeField()
    sequence = serializers.IntegerField()
    meeting = serializers.IntegerField(source="meeting_id")
    appointment = serializers.IntegerField(source="appointment_id", allow_null=True)
    data = serializers.DictField()
    state = serializers.ChoiceField(choices=PlatformEvent.State.values)
    delivered_at = UTCDateTimeField(allow_null=True)


@dataclass(frozen=True)
class Section:
    """One part of the export: its key, its shape, and the read of the person's rows. A domain
    that comes to hold someone's data adds its section to SECTIONS in one line; the document,
    the endpoint, the command and the API description follow."""

    name: str
    output: serializers.Field
    rows: Callable[[Any], Any]


SECTIONS = [
    Section("user", UserRecordOutput(), lambda user: user),
    # Every relation, ended ones too: each is the record of a consent the person gave.
    Section(
        "care_relations",
        CareRelationOutput(many=True),
        lambda user: care_relation_list(user=user, ended=True),
    ),
    Section("appointments", ExportedAppointmentOutput(many=True), appointments_of),
    Section("meetings", ExportedStandaloneMeetingOutput(many=True), standalone_meetings_of),
    Section("platform_events", PlatformEventOutput(many=True), platform_events_about),
]


class PersonalDataOutput(serializers.Serializer):
    """The export document: when it was made, then one key per section."""

    exported_at = UTCDateTimeField()

    def get_fields(self):
        sections = {section.name: copy.deepcopy(section.output) for section in SECTIONS}
        return {**super().get_fields(), **sections}
