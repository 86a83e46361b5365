"""services/platform_events.py: a write-back that leaves Zoom holding what the platform was last
told (the worker putting back a change someone made in Zoom) sends no `meeting.updated`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.events.outbox import platform_events_after_sync
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting, PlatformEvent

READY, FAILED = Meeting.Status.READY, Meeting.Status.FAILED


@pytest.fixture
def meeting(expert, settings):
    settings.LUNOVA_EVENTS_URL = "https://platform.example/hooks"
    settings.LUNOVA_EVENTS_SECRET = "s3cret"
    meeting = standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        zoom_meeting_id="812", join_url="https://zoom.example/j/812", password="p", status=READY
    )
    return meeting


def write_back(meeting, status, **facts):
    Meeting.objects.filter(pk=meeting.pk).update(status=status, **facts)
    platform_events_after_sync(meeting_id=meeting.pk, status=status)


def types(meeting):
    return list(meeting.platform_events.order_by("sequence").values_list("type", flat=True))


@pytest.mark.django_db
def test_zoom_holding_the_same_meeting_again_sends_nothing(meeting):
    # Given the platform was told the meeting is ready
    write_back(meeting, READY)
    # When a later write-back leaves Zoom with the same meeting
    write_back(meeting, READY)
    # Then no second event is recorded
    assert types(meeting) == [PlatformEvent.Type.MEETING_READY]


@pytest.mark.django_db
def test_a_changed_meeting_is_still_an_update(meeting):
    # Given the platform was told the meeting is ready
    write_back(meeting, READY)
    # When Zoom holds it with another topic
    write_back(meeting, READY, topic="Yeni konu")
    # Then an update is recorded, its link unchanged
    assert types(meeting) == ["meeting.ready", "meeting.updated"]
    assert meeting.platform_events.get(sequence=2).data["join_url_changed"] is False


@pytest.mark.django_db
def test_the_same_meeting_after_a_failure_is_an_update(meeting):
    # Given the platform was told the meeting is ready, then that it failed
    write_back(meeting, READY)
    write_back(meeting, FAILED, last_error="Zoom refused")
    # When Zoom holds the same meeting again
    write_back(meeting, READY)
    # Then the platform hears it is held again
    assert types(meeting) == ["meeting.ready", "meeting.failed", "meeting.updated"]
