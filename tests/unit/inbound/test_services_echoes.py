"""`meeting.deleted` / `meeting.updated` reporting a change this service made itself (Zoom names
our app's user, ZOOM_API_OPERATOR, as the operator) change nothing, and the delivery says so.

Both tests fail without the echo check: the delete re-creates the meeting, the late update sends
an extra PATCH (and spends one of the host's 100 daily creates/updates)."""

import pytest
from django.utils.translation import gettext as _

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.appointments.services import appointment_update
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting, WebhookDelivery, WebhookOutcome
from zoom_worker.tasks import process_webhook

OUR_APP = "lunova-api@lunova.example"
ECHO = "An echo of a change this service made itself."


@pytest.fixture(autouse=True)
def our_operator(settings):
    settings.ZOOM_API_OPERATOR = frozenset({OUR_APP, "zoom-user-id-of-the-app"})


def echo(event: str, zoom_id, *, by: str = OUR_APP, **fields) -> dict:
    body = envelope(event, zoom_id, **fields)
    body["payload"]["operator"] = by
    body["payload"]["operator_id"] = "zoom-user-id-of-the-app" if by == OUR_APP else "other-id"
    return body


@pytest.mark.django_db
def test_the_echo_of_our_own_delete_does_not_recreate(deliver, queued, zoom_appointment):
    # given the row still holds and wants the meeting when our own delete's echo arrives (e.g. a
    # move to another host deletes the old one before the write-back)
    meeting = zoom_appointment.meeting
    deliver(echo("meeting.deleted", meeting.zoom_meeting_id))
    # when the worker processes it
    outcome = process_webhook(queued[0])
    # then nothing is re-created, and the delivery says why
    assert outcome == WebhookOutcome.IGNORED
    after = Meeting.objects.get(pk=meeting.pk)
    assert (after.zoom_meeting_id, after.version) == (meeting.zoom_meeting_id, meeting.version)
    assert WebhookDelivery.objects.get().reason == _(ECHO)


@pytest.mark.django_db
def test_a_delete_by_someone_else_still_recreates(deliver, queued, zoom_appointment):
    meeting = zoom_appointment.meeting
    deliver(echo("meeting.deleted", meeting.zoom_meeting_id, by="uzman@lunova.example"))
    assert process_webhook(queued[0]) == WebhookOutcome.APPLIED
    assert Meeting.objects.get(pk=meeting.pk).zoom_meeting_id is None
    assert WebhookDelivery.objects.get().reason == ""


@pytest.mark.django_db
def test_a_late_echo_of_an_earlier_update_sends_nothing_back(deliver, queued, zoom_appointment):
    # given we retitled the meeting twice; Zoom holds the second title
    meeting = zoom_appointment.meeting
    appointment_update(appointment=zoom_appointment, topic="Birinci başlık")
    meeting_sync(meeting_id=meeting.pk, worker_id="t")
    appointment_update(appointment=zoom_appointment, topic="İkinci başlık")
    meeting_sync(meeting_id=meeting.pk, worker_id="t")
    synced = Meeting.objects.get(pk=meeting.pk)
    # when the echo of the first PATCH arrives last
    deliver(echo("meeting.updated", meeting.zoom_meeting_id, topic="Birinci başlık"))
    outcome = process_webhook(queued[0])
    # then nothing is to be PATCHed again
    assert outcome == WebhookOutcome.IGNORED
    after = Meeting.objects.get(pk=meeting.pk)
    assert (after.version, after.zoom_state) == (synced.version, synced.zoom_state)
    assert WebhookDelivery.objects.get().reason == _(ECHO)
