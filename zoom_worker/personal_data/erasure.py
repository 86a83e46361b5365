"""Erasure of one person's data, once an operator has verified the request.

The person's user row stays (appointments that took place are accounting records and point at
it) but names no one; what they wrote or Zoom said about them is emptied or deleted; what is
still ahead is cancelled through the normal cancel path, so the workers delete the Zoom
meetings, retried as any delete. Each step changes only what is not erased yet and says how
many records it changed, so a second run changes nothing. A domain that comes to hold someone's
data adds its step to STEPS.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from lunova.users.models import ERASED_USERNAME_PREFIX
from zoom_worker.appointments.services import appointment_cancel, appointment_topic
from zoom_worker.care.services import care_relation_end
from zoom_worker.inbound.kept_fields import name_and_time
from zoom_worker.meetings.services import meeting_apply_changes, standalone_meeting_delete
from zoom_worker.models import (
    Appointment,
    Attendance,
    CareRelation,
    FormerZoomMeeting,
    Meeting,
    ParticipantInterval,
    PersonalDataRequest,
    PlatformEvent,
    Series,
    WaitingRoomMark,
    WebhookDelivery,
)
from zoom_worker.personal_data.audit import personal_data_request_record
from zoom_worker.series.services import series_cancel


def _appointments(user):
    return Appointment.objects.filter(Q(expert=user) | Q(client=user))


def _meetings(user):
    """Every meeting the person took part in: their appointments' and their standalone ones."""
    return Meeting.objects.filter(
        Q(appointment__expert=user) | Q(appointment__client=user) | Q(owner=user, standalone=True)
    )


def _revoke_refresh_tokens(user) -> int:
    live = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    return len(BlacklistedToken.objects.bulk_create(BlacklistedToken(token=t) for t in live))


def _anonymise(user) -> int:
    personal = {"first_name": "", "last_name": "", "email": "", "zoom_user": ""}
    powers = {"is_active": False, "is_staff": False, "is_superuser": False}
    erased = (
        user.username.startswith(ERASED_USERNAME_PREFIX)
        and not user.has_usable_password()
        and all(getattr(user, key) == value for key, value in {**personal, **powers}.items())
        and not user.groups.exists()
        and not user.user_permissions.exists()
    )
    if erased:
        return 0
    if not user.username.startswith(ERASED_USERNAME_PREFIX):
        user.username = ERASED_USERNAME_PREFIX + secrets.token_hex(8)
    for key, value in {**personal, **powers}.items():
        setattr(user, key, value)
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return 1


def _end_care_relations(user) -> int:
    active = CareRelation.objects.of_participant(user).active()
    for relation in active:
        care_relation_end(relation=relation)
    return len(active)


def _cancel_series(user) -> int:
    live = Series.objects.of_participant(user).filter(cancelled=False)
    for series in live:
        series_cancel(series=series)
    return len(live)


def _cancel_appointments_ahead(user) -> int:
    ahead = _appointments(user).filter(
        status__in=(Appointment.Status.PENDING, Appointment.Status.APPROVED),
        start_time__gt=timezone.now(),
    )
    for appointment in ahead:
        appointment_cancel(appointment=appointment)
    return len(ahead)


def _delete_standalone_meetings_ahead(user) -> int:
    ahead = Meeting.objects.filter(owner=user, standalone=True).ahead(now=timezone.now())
    for meeting in ahead:
        standalone_meeting_delete(meeting=meeting)
    return len(ahead)


def _retitle(user) -> int:
    """A title given by hand, and any title naming the person (a generated one names the
    expert), becomes the generated one; a meeting Zoom still holds is re-synced with it."""
    changed = 0
    for meeting in _meetings(user).select_for_update(of=("self",)).select_related("owner"):
        appointment = Appointment.objects.filter(meeting=meeting).select_related("expert").first()
        expert = appointment.expert if appointment else meeting.owner
        names_them = appointment is None or not appointment.topic_generated or expert == user
        title = appointment_topic(expert=expert, start_time=meeting.start_time)
        if not names_them or meeting.topic == title:
            continue
        if meeting.wanted == Meeting.Wanted.EXISTS:
            meeting_apply_changes(meeting=meeting, changes={"topic": title})
        else:
            Meeting.objects.filter(pk=meeting.pk).update(topic=title)
        if appointment is not None:
            Appointment.objects.filter(pk=appointment.pk).update(topic_generated=True)
        changed += 1
    return changed


def _empty_notes(user) -> int:
    return _appointments(user).exclude(notes="").update(notes="")


def _reduce_attendance(user) -> int:
    joined = Q(expert_joined_at__isnull=False) | Q(client_joined_at__isnull=False)
    return (
        Attendance.objects.filter(meeting__in=_meetings(user))
        .filter(joined)
        .update(expert_joined_at=None, client_joined_at=None)
    )


def _delete_intervals(user) -> int:
    ids = list(_meetings(user).values_list("pk", flat=True))
    return ParticipantInterval.objects.filter(meeting_id__in=ids).delete()[0]


def _delete_waiting_room_marks(user) -> int:
    ids = list(_meetings(user).values_list("pk", flat=True))
    return WaitingRoomMark.objects.filter(meeting_id__in=ids).delete()[0]


def _strip_webhook_deliveries(user) -> int:
    meetings = _meetings(user)
    zoom_ids = set(meetings.exclude(zoom_meeting_id=None).values_list("zoom_meeting_id", flat=True))
    zoom_ids |= set(
        FormerZoomMeeting.objects.filter(meeting__in=meetings)
        .exclude(zoom_meeting_id="")
        .values_list("zoom_meeting_id", flat=True)
    )
    kept = WebhookDelivery.objects.filter(zoom_meeting_id__in=zoom_ids, payload__has_key="payload")
    for delivery in kept:
        # Stored as an event this service does not handle: its name and time only.
        delivery.payload = name_and_time(event=delivery.event, envelope=delivery.payload)
        delivery.save(update_fields=["payload"])
    return len(kept)


def _strip_platform_events(user) -> int:
    changed = 0
    for event in PlatformEvent.objects.filter(meeting__in=_meetings(user)):
        data = PlatformEvent.impersonal(event.data)
        if data != event.data:
            PlatformEvent.objects.filter(pk=event.pk).update(data=data)
            changed += 1
    return changed


def _rename_admin_log(user) -> int:
    """The admin's history names a user by their username as it was."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
        )
        .exclude(object_repr=user.username)
        .update(object_repr=user.username)
    )


@dataclass(frozen=True)
class Step:
    label: Promise
    run: Callable[..., int]


# In this order: the tokens go before the password, the name before the titles built from it.
STEPS = [
    Step(_("refresh tokens revoked"), _revoke_refresh_tokens),
    Step(_("user anonymised"), _anonymise),
    Step(_("weekly series cancelled"), _cancel_series),
    Step(_("appointments ahead cancelled"), _cancel_appointments_ahead),
    # After the cancels above, so ending a relation has nothing of its own left to cancel.
    Step(_("care relations ended"), _end_care_relations),
    Step(_("standalone meetings ahead deleted"), _delete_standalone_meetings_ahead),
    Step(_("meeting titles replaced by the generated one"), _retitle),
    Step(_("appointment notes emptied"), _empty_notes),
    Step(_("attendance records reduced to outcome and minutes"), _reduce_attendance),
    Step(_("participant intervals deleted"), _delete_intervals),
    Step(_("waiting-room marks deleted"), _delete_waiting_room_marks),
    Step(_("webhook deliveries reduced to event name and time"), _strip_webhook_deliveries),
    Step(_("platform events stripped of personal fields"), _strip_platform_events),
    Step(_("admin history entries renamed"), _rename_admin_log),
]


@transaction.atomic
def personal_data_erase(*, subject, operator_id: int | None, via: str) -> list[tuple[Promise, int]]:
    """Erase the subject's data; each kind of record changed, with how many (none: nothing was
    left to erase). The erasure is recorded, whatever it changed."""
    user = get_user_model().objects.select_for_update().get(pk=subject.pk)
    personal_data_request_record(
        action=PersonalDataRequest.Action.ERASE,
        via=via,
        subject_id=user.pk,
        operator_id=operator_id,
    )
    changed = [(step.label, step.run(user)) for step in STEPS]
    return [(label, count) for label, count in changed if count]
