"""Writes to appointments. Each runs in one transaction and changes the meeting's desired state
with it; the meeting event is published only once that transaction commits."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zoom_worker.meetings.services import (
    MeetingConflict,
    meeting_add,
    meeting_apply_changes,
    meeting_mark_gone,
    meeting_resync,
)
from zoom_worker.meetings.titles import build_topic
from zoom_worker.meetings.validation import cleaned_topic, validate_start_time
from zoom_worker.models import Appointment, CareRelation

_UNSET = object()
# What the client may change of their appointment: its time. The title and the notes are the
# expert's (the title goes to Zoom, the platform and the invite).
CLIENT_MAY_CHANGE = frozenset({"start_time", "duration"})


def appointment_topic(*, expert, start_time: datetime) -> str:
    return build_topic(
        template=settings.LUNOVA_TOPIC_TEMPLATE,
        expert_name=expert.display_name,
        start_time=start_time,
        timezone=settings.ZOOM_TIMEZONE,
    )


def _refuse_unless_own_client(*, expert, client) -> None:
    """Only a client who chose this expert. One message whatever the reason (no such user, not
    a client, inactive, no relation), so the answer never tells whether an id is someone's."""
    if client is None or not CareRelation.objects.bookable(expert=expert, client=client):
        raise ValidationError({"client": _("Choose one of your clients.")})


@transaction.atomic
def appointment_create(
    *,
    expert,
    client,
    start_time: datetime,
    duration: int | None = None,
    topic: str | None = None,
    notes: str = "",
) -> Appointment:
    if not expert.is_expert:
        raise PermissionDenied(_("Only experts can create appointments."))
    _refuse_unless_own_client(expert=expert, client=client)
    # Before the title is built from it: an absurd date must be a 400, not an overflow.
    validate_start_time(start_time)
    given = cleaned_topic(topic or "")
    meeting = meeting_add(
        owner=expert,
        topic=given or appointment_topic(expert=expert, start_time=start_time),
        start_time=start_time,
        duration=duration,
    )
    return Appointment.objects.create(
        expert=expert, client=client, meeting=meeting, notes=notes, topic_generated=not given
    )


def _locked(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self", "meeting"))
        .select_related("meeting", "meeting__attendance", "expert", "client")
        .get(pk=appointment.pk)
    )


def _refuse_if_cancelled(appointment: Appointment, message: str) -> None:
    if appointment.status == Appointment.Status.CANCELLED:
        raise MeetingConflict(message, code="cancelled")


def _refuse_what_the_client_may_not_change(appointment: Appointment, by, asked: set) -> None:
    refused = sorted(asked - CLIENT_MAY_CHANGE)
    if by is not None and by.pk == appointment.client_id and refused:
        raise PermissionDenied(
            _("Only the appointment's expert can change: %(fields)s.")
            % {"fields": ", ".join(refused)}
        )


@transaction.atomic
def appointment_update(
    *,
    appointment: Appointment,
    by=None,
    start_time: datetime | object = _UNSET,
    duration: int | object = _UNSET,
    topic: str | object | None = _UNSET,
    notes: str | object = _UNSET,
) -> Appointment:
    """Reschedule or retitle: the same Zoom meeting is PATCHed, its join_url keeps working.

    `by` is who asks (None: the system): the client may only reschedule, and their reschedule
    of an approved appointment waits for the expert's approval again."""
    asked = {
        name
        for name, value in (
            ("start_time", start_time),
            ("duration", duration),
            ("topic", topic),
            ("notes", notes),
        )
        if value is not _UNSET
    }
    _refuse_what_the_client_may_not_change(appointment, by, asked)
    appointment = _locked(appointment)
    _refuse_if_cancelled(appointment, _("A cancelled appointment cannot be changed."))
    meeting = appointment.meeting
    changes = {}
    if start_time is not _UNSET:
        validate_start_time(start_time)
        changes["start_time"] = start_time
    if duration is not _UNSET:
        changes["duration"] = duration
    if topic is not _UNSET:
        given = cleaned_topic(topic or "")
        appointment.topic_generated = not given
        if given:
            changes["topic"] = given
    if appointment.topic_generated:
        # A generated title follows the new date and time to Zoom.
        changes["topic"] = appointment_topic(
            expert=appointment.expert, start_time=changes.get("start_time", meeting.start_time)
        )
    rescheduled = meeting_apply_changes(meeting=meeting, changes=changes)
    if (
        rescheduled
        and by is not None
        and by.pk == appointment.client_id
        and appointment.status == Appointment.Status.APPROVED
    ):
        appointment.status = Appointment.Status.PENDING
    if notes is not _UNSET:
        appointment.notes = notes
    appointment.save()
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    """Cancel: the Zoom meeting is deleted by the worker; the record stays readable."""
    appointment = _locked(appointment)
    if appointment.status == Appointment.Status.CANCELLED:
        return appointment
    appointment.status = Appointment.Status.CANCELLED
    appointment.save(update_fields=["status", "updated_at"])
    meeting_mark_gone(meeting=appointment.meeting)
    return appointment


@transaction.atomic
def appointment_approve(*, appointment: Appointment) -> Appointment:
    appointment = _locked(appointment)
    _refuse_if_cancelled(appointment, _("A cancelled appointment cannot be approved."))
    if appointment.status == Appointment.Status.PENDING:
        appointment.status = Appointment.Status.APPROVED
        appointment.save(update_fields=["status", "updated_at"])
    return appointment


def appointment_resync(*, appointment: Appointment) -> Appointment:
    """Put the appointment's failed meeting back in the worker's hands (a failed delete too)."""
    meeting_resync(meeting=appointment.meeting)
    return appointment


def _advance(appointment: Appointment, *, to: str, allowed_from: tuple[str, ...]) -> bool:
    """Move the appointment forward; False when it is already there or past it."""
    appointment = _locked(appointment)
    if appointment.status not in allowed_from:
        return False
    appointment.status = to
    appointment.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def appointment_mark_started(*, appointment: Appointment) -> bool:
    """The host started the Zoom meeting."""
    return _advance(
        appointment,
        to=Appointment.Status.IN_PROGRESS,
        allowed_from=(Appointment.Status.PENDING, Appointment.Status.APPROVED),
    )


@transaction.atomic
def appointment_mark_ended(
    *, appointment: Appointment, status: str = Appointment.Status.COMPLETED
) -> bool:
    """The Zoom meeting ended and its attendance is settled: `completed` or `no_show`. A late
    `started` cannot reopen it: an ended appointment stays ended."""
    if status not in Appointment.ENDED_STATUSES:
        raise ValueError(status)
    return _advance(
        appointment,
        to=status,
        allowed_from=(
            Appointment.Status.PENDING,
            Appointment.Status.APPROVED,
            Appointment.Status.IN_PROGRESS,
        ),
    )
