"""meeting_sync decides from the row it claimed what Zoom is asked: a create for a new meeting, a
PATCH of what changed, a delete for a meeting no longer wanted, nothing when Zoom holds it all."""

import pytest
from django.db.models import F

from tests.integration.conftest import fresh, in_days, sync, zoom_time
from zoom_worker.meetings.services import standalone_meeting_delete, standalone_meeting_update
from zoom_worker.meetings.sync import SyncResult
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db


def test_a_new_meeting_is_created_without_a_look_up(new_meeting, sandbox, zoom_requests):
    # given a meeting Zoom does not hold, and no create tried before
    meeting = new_meeting()
    # when the worker syncs it
    result = sync(meeting)
    # then one create made it, no listing was read, and the row holds Zoom's id
    assert result == SyncResult.READY
    [held] = sandbox.meetings()
    assert fresh(meeting).zoom_meeting_id == str(held["id"])
    assert (zoom_requests("create"), zoom_requests("list")) == (1, 0)


def test_a_reschedule_is_one_patch_and_no_create(ready_meeting, sandbox, zoom_requests):
    # given a meeting Zoom holds, then rescheduled
    meeting = ready_meeting()
    standalone_meeting_update(meeting=meeting, changes={"start_time": in_days(5)})
    # when the worker syncs it
    result = sync(meeting)
    # then Zoom's meeting was patched to the new time, and no other was made
    assert result == SyncResult.READY
    [held] = sandbox.meetings()
    assert held["start_time"] == zoom_time(fresh(meeting).start_time)
    assert (zoom_requests("create"), zoom_requests("patch")) == (1, 1)


def test_a_meeting_no_longer_wanted_is_deleted(ready_meeting, sandbox, zoom_requests):
    # given a meeting Zoom holds, then cancelled
    meeting = standalone_meeting_delete(meeting=ready_meeting())
    # when the worker syncs it
    result = sync(meeting)
    # then Zoom's meeting is deleted
    assert result == SyncResult.DELETED
    assert sandbox.meetings() == []
    assert zoom_requests("delete") == 1


def test_a_meeting_zoom_never_made_is_deleted_without_asking_zoom(new_meeting, zoom_requests):
    # given a meeting cancelled before any create was tried
    meeting = standalone_meeting_delete(meeting=new_meeting())
    # when the worker syncs it
    result = sync(meeting)
    # then it is done, and Zoom was asked nothing
    assert result == SyncResult.DELETED
    assert zoom_requests() == 0


def test_a_new_version_zoom_already_holds_asks_zoom_nothing(ready_meeting, zoom_requests):
    # given a meeting Zoom holds, whose version moved on without a change Zoom would see
    meeting = ready_meeting()
    asked = zoom_requests()
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    # when the worker syncs it
    result = sync(meeting)
    # then it is marked synced at the new version, and Zoom was asked nothing
    assert result == SyncResult.READY
    assert fresh(meeting).in_sync
    assert zoom_requests() == asked


def test_a_meeting_in_sync_is_left_alone(ready_meeting, zoom_requests):
    # given a meeting Zoom holds at the row's version
    meeting = ready_meeting()
    asked = zoom_requests()
    # when an event for it reaches a worker again
    result = sync(meeting)
    # then the worker does not claim it, and Zoom is asked nothing
    assert result == SyncResult.NOTHING
    assert zoom_requests() == asked
