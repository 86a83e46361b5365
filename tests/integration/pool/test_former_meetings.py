"""A move leaves the old Zoom meeting recorded for deletion: when the worker dies before
deleting it, the reconciler does; a delete Zoom answers 404 to is done."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.integration.conftest import fresh, sync
from tests.integration.pool.conftest import HOSTS, next_hour
from zoom_worker.appointments.services import appointment_create, appointment_update
from zoom_worker.meetings.former_meetings import former_meetings_sweep
from zoom_worker.models import FormerZoomMeeting, Meeting, ZoomHost

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_and_left_behind(expert, client_user, pool, sandbox, monkeypatch):
    """A meeting moved to the second host whose worker died before deleting the old one."""
    pool({HOSTS[0]: 1})
    start = next_hour()
    meetings = [
        appointment_create(expert=expert, client=client_user, start_time=when).meeting
        for when in (start, start + timedelta(hours=3))
    ]
    for meeting in meetings:
        assert sync(meeting) == Meeting.Status.READY
    old = fresh(meetings[0])
    ZoomHost.objects.create(user=HOSTS[1], email=HOSTS[1])
    appointment_update(appointment=old.appointment, start_time=start + timedelta(hours=3))
    monkeypatch.setattr("zoom_worker.meetings.sync.former_meetings_delete", lambda **_: 0)
    assert sync(old) == Meeting.Status.READY
    monkeypatch.undo()
    # Old enough for the reconciler, which leaves a fresh record to the worker.
    FormerZoomMeeting.objects.update(created_at=timezone.now() - timedelta(hours=1))
    return old


def held_ids(sandbox) -> set[str]:
    return {str(m["id"]) for m in sandbox.meetings()}


def test_the_reconciler_deletes_what_a_dead_worker_left(moved_and_left_behind, sandbox):
    # given the old meeting still in Zoom after the move
    old_id = moved_and_left_behind.zoom_meeting_id
    assert old_id in held_ids(sandbox)
    # when the reconciler runs
    assert former_meetings_sweep() == 1
    # then it is gone from Zoom and from the records; the moved meeting stays
    assert old_id not in held_ids(sandbox)
    assert fresh(moved_and_left_behind).zoom_meeting_id in held_ids(sandbox)
    assert not FormerZoomMeeting.objects.exists()


def test_a_meeting_already_gone_from_zoom_is_settled(moved_and_left_behind, sandbox):
    # given the old meeting deleted from Zoom already (a delete whose answer was lost)
    sandbox.delete_outside(moved_and_left_behind.zoom_meeting_id)
    # when the reconciler runs, then Zoom's 404 settles it
    assert former_meetings_sweep() == 1
    assert not FormerZoomMeeting.objects.exists()
