"""services/meetings.py: desired-state writes bump the version and publish once; a meeting Zoom
lost forgets everything Zoom told us about it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.services import (
    MeetingConflict,
    meeting_apply_changes,
    meeting_mark_for_recreation,
    standalone_meeting_create,
    standalone_meeting_delete,
)
from zoom_worker.models import ZOOM_FACT_FIELDS, Meeting


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, int]]:
    """What the services hand the dispatch port after commit."""
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(
        "zoom_worker.meetings.services.dispatch_on_commit",
        lambda task, *, object_id, **ids: calls.append((task, object_id)),
    )
    return calls


def a_meeting(owner) -> Meeting:
    return standalone_meeting_create(
        owner=owner, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )


@pytest.mark.django_db
def test_a_new_meeting_is_pending_and_published_once(expert, sent):
    # given nothing
    # when a standalone meeting is created
    meeting = a_meeting(expert)
    # then it waits for the worker at version 1, and one sync was handed to the port
    assert (meeting.status, meeting.version, meeting.synced_version) == ("pending", 1, 0)
    assert sent == [("lunova.sync_meeting", meeting.pk)]


@pytest.mark.django_db
def test_a_change_bumps_the_version_and_no_change_does_nothing(expert, sent):
    # given a meeting the worker has synced
    meeting = a_meeting(expert)
    Meeting.objects.filter(pk=meeting.pk).update(synced_version=1, status="ready")
    meeting.refresh_from_db()
    sent.clear()
    # when the same values are applied, then nothing changes
    assert meeting_apply_changes(meeting=meeting, changes={"duration": 45}) is False
    assert sent == []
    # when a new duration is applied, then the version moves on and the worker is told
    assert meeting_apply_changes(meeting=meeting, changes={"duration": 60}) is True
    meeting.refresh_from_db()
    assert (meeting.version, meeting.status, meeting.duration) == (2, "pending", 60)
    assert sent == [("lunova.sync_meeting", meeting.pk)]


@pytest.mark.django_db
def test_a_deleted_meeting_cannot_change(expert, sent):
    # given a meeting whose deletion was asked for
    meeting = standalone_meeting_delete(meeting=a_meeting(expert))
    # when it is changed, then the change is refused
    with pytest.raises(MeetingConflict):
        meeting_apply_changes(meeting=meeting, changes={"duration": 60})


@pytest.mark.django_db
def test_recreation_forgets_every_fact_zoom_gave(expert, sent):
    # given a meeting holding everything Zoom answered, the host's e-mail included
    meeting = a_meeting(expert)
    Meeting.objects.filter(pk=meeting.pk).update(
        zoom_meeting_id="81234567890",
        zoom_uuid="uuid==",
        join_url="https://zoom.us/j/81234567890?pwd=x",
        start_url="https://zoom.us/s/81234567890?zak=secret",
        start_url_issued_at=timezone.now(),
        password="abc123",
        host_email="host@example.com",
        zoom_host_id="z8yCxjabcd",
        zoom_state={"topic": "Terapi"},
        synced_version=1,
        status="ready",
    )
    meeting.refresh_from_db()
    # when Zoom reports the meeting gone
    assert meeting_mark_for_recreation(meeting=meeting, zoom_meeting_id="81234567890")
    # then none of Zoom's facts remains, and the worker is asked to make it again
    meeting.refresh_from_db()
    for name in ZOOM_FACT_FIELDS:
        assert getattr(meeting, name) in (None, "", {}), name
    assert meeting.status == "pending"
    assert meeting.create_attempted_at is None
