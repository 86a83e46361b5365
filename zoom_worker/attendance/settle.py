"""Settling a meeting's attendance once: the figures, the appointment's end status and the
`appointment.ended` event, in one transaction."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zoom_worker.appointments.services import appointment_mark_ended
from zoom_worker.attendance.figures import Interval, attendance_figures
from zoom_worker.attendance.report import Stay, participant_report
from zoom_worker.attendance.selectors import meeting_ended_at
from zoom_worker.core.retry import RetryLater
from zoom_worker.events.outbox import platform_event_appointment_ended
from zoom_worker.models import (
    Appointment,
    Attendance,
    AttendanceOutcome,
    Meeting,
    ParticipantInterval,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)

# The host's stays are told apart from the guests' by this key in the figures.
_HOST = "host"


def attendance_settle(*, meeting_id: int, task_id: str = "") -> str | None:
    """Settle the meeting's attendance once: the figures, the appointment's end status and the
    `appointment.ended` event, in one transaction. Returns the outcome (None: nothing to settle).

    When no participant webhook came, Zoom's participant report is asked first, outside any
    transaction. A refusal or a 404 settles with what is known; a transient failure raises
    RetryLater until REPORT_ATTEMPTS_MAX calls failed so, then it settles as unknown.
    """
    # A meeting Zoom never held has nothing to settle (and the API relies on that).
    meeting = (
        Meeting.objects.filter(pk=meeting_id, zoom_meeting_id__isnull=False)
        .filter(appointment__isnull=False)
        .exclude(appointment__status=Appointment.Status.CANCELLED)
        .first()
    )
    if meeting is None:
        return None
    settled = Attendance.objects.filter(meeting=meeting).values_list("outcome", flat=True).first()
    if settled is not None:
        return settled
    if _participant_events_in_flight(meeting):
        # meeting.ended can overtake the last participant events in the queue: let them land.
        raise RetryLater(retry_after=1)
    report = None
    if not meeting.intervals.exists():
        report = participant_report(meeting, task_id=task_id)
    return _settle(meeting_id=meeting_id, report=report)


# A participant delivery still unprocessed after this long waits for the reconciler, not us.
IN_FLIGHT_WAIT = timedelta(minutes=2)


def _participant_events_in_flight(meeting: Meeting) -> bool:
    return WebhookDelivery.objects.filter(
        zoom_meeting_id=meeting.zoom_meeting_id,
        event__startswith="meeting.participant_",
        processed_at__isnull=True,
        received_at__gte=timezone.now() - IN_FLIGHT_WAIT,
    ).exists()


@transaction.atomic
def _settle(*, meeting_id: int, report: list[Stay] | None) -> str:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("appointment")
        .get(pk=meeting_id)
    )
    settled = Attendance.objects.filter(meeting=meeting).values_list("outcome", flat=True).first()
    if settled is not None:
        return settled  # a settle running beside this one was first
    stays = [
        Stay(i.participant, i.is_host, i.joined_at, i.left_at) for i in meeting.intervals.all()
    ]
    source = Attendance.Source.WEBHOOKS if stays else Attendance.Source.NONE
    if not stays and report is not None:
        stays, source = _report_kept(meeting, report), Attendance.Source.REPORT
    now = timezone.now()
    figures = attendance_figures(
        intervals=_intervals(stays),
        host_id=_HOST,
        ended_at=meeting_ended_at(meeting) or now,
        min_minutes=settings.LUNOVA_ATTENDANCE_MIN_MINUTES,
        participant_data=source != Attendance.Source.NONE,
    )
    attendance = Attendance.objects.create(
        meeting=meeting,
        outcome=figures.outcome,
        expert_joined_at=figures.expert_joined_at,
        client_joined_at=figures.client_joined_at,
        together_minutes=figures.together_minutes,
        source=source,
        settled_at=now,
    )
    appointment = meeting.appointment
    appointment_mark_ended(appointment=appointment, status=_status_after(figures.outcome))
    appointment.refresh_from_db(fields=["status"])
    platform_event_appointment_ended(appointment=appointment, figures=attendance)
    logger.info(
        "meeting %s attendance settled: %s, %s min together (from %s)",
        meeting.pk,
        figures.outcome,
        figures.together_minutes,
        source,
    )
    return figures.outcome


def _report_kept(meeting: Meeting, report: list[Stay]) -> list[Stay]:
    """The report's stays, kept as the meeting's intervals (the admin shows them)."""
    unique = {(stay.participant, stay.joined_at): stay for stay in report}
    ParticipantInterval.objects.bulk_create(
        ParticipantInterval(
            meeting=meeting,
            participant=stay.participant,
            is_host=stay.is_host,
            joined_at=stay.joined_at,
            left_at=stay.left_at,
        )
        for stay in unique.values()
    )
    return list(unique.values())


def _intervals(stays: list[Stay]) -> list[Interval]:
    """The stays for the figures.

    A stay whose leave never came ends at the participant's next join (nobody joins twice
    without leaving), or with the meeting. A leave whose join never came (Zoom lost or never
    sent it) proves the participant was there, not since when: it counts as present at the
    leave instant, with no minutes, so it tells who came without inventing time together.
    """
    intervals = []
    by_participant: dict[str, list[Stay]] = {}
    for stay in stays:
        by_participant.setdefault(stay.participant, []).append(stay)
    for own in by_participant.values():
        joins = sorted(stay.joined_at for stay in own if stay.joined_at is not None)
        for stay in own:
            key = _HOST if stay.is_host else f"guest:{stay.participant}"
            if stay.joined_at is None:
                intervals.append(Interval(key, stay.left_at, stay.left_at))
                continue
            left_at = stay.left_at or next((j for j in joins if j > stay.joined_at), None)
            intervals.append(Interval(key, stay.joined_at, left_at))
    return intervals


def _status_after(outcome: str) -> str:
    held = outcome in (AttendanceOutcome.HELD, AttendanceOutcome.UNKNOWN)
    return Appointment.Status.COMPLETED if held else Appointment.Status.NO_SHOW
