"""A create tried before (its answer lost) is looked for by the row's marker before another is
sent: the meeting that carries it is adopted, fetched whole; one carrying another marker is not."""

import pytest
from django.utils import timezone

from tests.integration.conftest import fresh, sync
from zoom_worker.meetings.sync import SyncResult
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db


def test_the_meeting_a_lost_create_made_is_adopted(
    new_meeting, lost_create, sandbox, zoom_requests
):
    # given a create Zoom carried out but whose answer never arrived
    meeting = new_meeting()
    lost_create(meeting)
    [made] = sandbox.meetings()
    # when the worker syncs it again
    result = sync(meeting)
    # then it read that meeting whole from Zoom and holds its links, with no second create
    assert result == SyncResult.READY
    adopted = fresh(meeting)
    assert (adopted.zoom_meeting_id, adopted.join_url) == (str(made["id"]), made["join_url"])
    assert (zoom_requests("create"), zoom_requests("get")) == (1, 1)


def test_a_meeting_with_another_marker_is_not_adopted(new_meeting, ready_meeting, sandbox):
    # given the host holds another row's meeting, and this row's create was tried but made
    # nothing in Zoom
    other = ready_meeting()
    meeting = new_meeting()
    Meeting.objects.filter(pk=meeting.pk).update(create_attempted_at=timezone.now())
    # when the worker syncs it
    result = sync(meeting)
    # then it made a meeting of its own beside the other row's
    assert result == SyncResult.READY
    held = {str(listed["id"]) for listed in sandbox.meetings()}
    assert held == {fresh(other).zoom_meeting_id, fresh(meeting).zoom_meeting_id}
    assert len(held) == 2
