"""`meeting.deleted` done outside Lunova: a meeting still wanted is made again, exactly once."""

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting, WebhookDelivery, WebhookOutcome
from zoom_worker.tasks import process_webhook


def process_all(queued: list[int]) -> list[str]:
    return [process_webhook(delivery_id) for delivery_id in queued]


@pytest.mark.django_db
@pytest.mark.parametrize("as_sent", [int, str], ids=["id as number", "id as string"])
def test_a_meeting_deleted_in_zoom_is_made_again(
    deliver, queued, zoom_appointment, sandbox, as_sent
):
    # given a ready meeting that someone deletes in Zoom's portal
    meeting = zoom_appointment.meeting
    sandbox.delete_outside(meeting.zoom_meeting_id)
    # when Zoom reports it and the worker processes the report
    deliver(envelope("meeting.deleted", as_sent(meeting.zoom_meeting_id)))
    outcomes = process_all(queued)
    # then the meeting is marked for re-creation
    assert outcomes == [WebhookOutcome.APPLIED]
    marked = Meeting.objects.get(pk=meeting.pk)
    assert marked.zoom_meeting_id is None and marked.status == Meeting.Status.PENDING
    assert marked.version == meeting.version + 1
    # and the worker makes a new Zoom meeting, the only one there is
    assert meeting_sync(meeting_id=meeting.pk, worker_id="t") == Meeting.Status.READY
    remade = Meeting.objects.get(pk=meeting.pk)
    assert remade.zoom_meeting_id != meeting.zoom_meeting_id
    assert [str(m["id"]) for m in sandbox.meetings()] == [remade.zoom_meeting_id]


@pytest.mark.django_db
def test_the_same_deletion_delivered_twice_recreates_once(deliver, queued, zoom_appointment):
    # given Zoom's deletion report, delivered twice, and once more with another event time
    meeting = zoom_appointment.meeting
    report = envelope("meeting.deleted", meeting.zoom_meeting_id, event_ts=1767225600000)
    deliver(report)
    deliver(report)
    deliver(envelope("meeting.deleted", meeting.zoom_meeting_id, event_ts=1767225600999))
    # when the worker processes every queued delivery, the first one twice
    outcomes = process_all([queued[0], *queued])
    # then the meeting is marked once; the rest change nothing
    assert outcomes == ["applied", "applied", "applied", "ignored"]
    assert WebhookDelivery.objects.count() == 2
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version + 1


@pytest.mark.django_db
def test_a_deletion_lunova_asked_for_is_ignored(deliver, queued, zoom_appointment):
    # given an appointment cancelled in Lunova, whose meeting the worker then deletes in Zoom
    meeting = zoom_appointment.meeting
    appointment_cancel(appointment=zoom_appointment)
    meeting_sync(meeting_id=meeting.pk, worker_id="t")
    wanted_gone = Meeting.objects.get(pk=meeting.pk)
    # when Zoom reports the deletion
    deliver(envelope("meeting.deleted", meeting.zoom_meeting_id))
    # then nothing is made again
    assert process_all(queued) == [WebhookOutcome.IGNORED]
    after = Meeting.objects.get(pk=meeting.pk)
    assert (after.version, after.status) == (wanted_gone.version, Meeting.Status.DELETED)


@pytest.mark.django_db
def test_a_deletion_of_a_meeting_lunova_does_not_know_is_ignored(deliver, queued, db):
    deliver(envelope("meeting.deleted", 11122233344))
    assert process_all(queued) == [WebhookOutcome.IGNORED]
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_deletion_after_the_appointment_ended_is_ignored(deliver, queued, zoom_appointment):
    # given an appointment whose meeting has ended
    meeting = zoom_appointment.meeting
    deliver(envelope("meeting.ended", meeting.zoom_meeting_id, event_ts=1))
    # when the host then deletes the meeting in Zoom
    deliver(envelope("meeting.deleted", meeting.zoom_meeting_id, event_ts=2))
    # then nothing is made again
    assert process_all(queued) == [WebhookOutcome.APPLIED, WebhookOutcome.IGNORED]
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version
