"""Every model of the app, re-exported: each lives in its domain's `models` module.

Django finds the app's models here (`zoom_worker.models`); code and tests import them from
here too, so a model can move between domain modules without its users noticing.
"""

from zoom_worker.appointments.models import Appointment, AppointmentQuerySet
from zoom_worker.attendance.models import Attendance, AttendanceOutcome, ParticipantInterval
from zoom_worker.care.models import CareRelation, CareRelationQuerySet
from zoom_worker.events.models import EventDeliveryAttempt, PlatformEvent
from zoom_worker.inbound.models import WebhookDelivery, WebhookOutcome
from zoom_worker.meetings.models import (
    DURATION_MAX,
    DURATION_MIN,
    NOTES_MAX_LENGTH,
    START_URL_LIFETIME,
    ZOOM_FACT_FIELDS,
    FormerZoomMeeting,
    Meeting,
    MeetingQuerySet,
    SyncAttempt,
    ZoomCallOutcome,
)
from zoom_worker.personal_data.models import PersonalDataRequest
from zoom_worker.pool.models import (
    HOST_CONCURRENCY_MAX,
    HOST_CONCURRENCY_MIN,
    HostSeat,
    ZoomHost,
)
from zoom_worker.presence.models import Presence, WaitingRoomMark
from zoom_worker.series.models import Series

__all__ = [
    "DURATION_MAX",
    "DURATION_MIN",
    "HOST_CONCURRENCY_MAX",
    "HOST_CONCURRENCY_MIN",
    "NOTES_MAX_LENGTH",
    "START_URL_LIFETIME",
    "ZOOM_FACT_FIELDS",
    "Appointment",
    "AppointmentQuerySet",
    "Attendance",
    "AttendanceOutcome",
    "CareRelation",
    "CareRelationQuerySet",
    "EventDeliveryAttempt",
    "FormerZoomMeeting",
    "HostSeat",
    "Meeting",
    "MeetingQuerySet",
    "ParticipantInterval",
    "PersonalDataRequest",
    "PlatformEvent",
    "Presence",
    "Series",
    "SyncAttempt",
    "WaitingRoomMark",
    "WebhookDelivery",
    "WebhookOutcome",
    "ZoomCallOutcome",
    "ZoomHost",
]
