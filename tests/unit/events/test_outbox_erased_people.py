"""events/outbox.py: an event about a meeting of an erased person carries nothing that reached
them, whether the person's row came with the meeting (the write-back) or was looked up."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.events.outbox import platform_event_record, platform_events_after_sync
from zoom_worker.models import Meeting, PlatformEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased_clients_meeting(expert, client_user, settings):
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    appointment = appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    Meeting.objects.filter(pk=appointment.meeting_id).update(
        status=Meeting.Status.READY, join_url="https://zoom.example/j/1", password="abc"
    )
    get_user_model().objects.filter(pk=client_user.pk).update(
        username=f"erased-{client_user.pk}", is_active=False
    )
    return Meeting.objects.get(pk=appointment.meeting_id)


def test_the_write_back_tells_an_erased_clients_meeting_without_its_link(
    erased_clients_meeting,
):
    # given a meeting whose client was erased
    # when the worker's write-back records meeting.ready
    with transaction.atomic():
        platform_events_after_sync(
            meeting_id=erased_clients_meeting.pk, status=Meeting.Status.READY
        )
    # then the event keeps only impersonal facts
    data = PlatformEvent.objects.get().data
    assert "join_url" not in data
    assert "password" not in data
    assert data.keys() <= PlatformEvent.IMPERSONAL_DATA


def test_another_event_of_that_meeting_is_impersonal_too(erased_clients_meeting):
    # given the same meeting, read without its people
    meeting = Meeting.objects.get(pk=erased_clients_meeting.pk)
    # when an event is recorded about it with personal facts
    with transaction.atomic():
        platform_event_record(
            meeting=meeting,
            type=PlatformEvent.Type.MEETING_UPDATED,
            data={"join_url": "https://zoom.example/j/1", "duration": 45},
        )
    # then only the impersonal ones are kept
    assert PlatformEvent.objects.get().data == {"duration": 45}
