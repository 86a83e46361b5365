"""An expert whose Zoom user Zoom does not know: the booking fails, correctly; a cancel then is
complete at once, and once the Zoom user is fixed a resync makes the meeting on the new host."""

import pytest

from lunova.users.models import User
from tests.integration.conftest import fresh, sync
from zoom_worker.meetings.services import meeting_resync, standalone_meeting_delete
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db

# Not a user of the account: Zoom (and the stand-in) answers 404 code 1001, "User does not exist".
UNKNOWN_ZOOM_USER = "eski-kullanici"
FIXED_ZOOM_USER = "elif.kaya@lunova.test"


@pytest.fixture
def failed_meeting(expert, new_meeting):
    """A meeting Zoom refused to create: its expert's Zoom user does not exist in Zoom."""
    User.objects.filter(pk=expert.pk).update(zoom_user=UNKNOWN_ZOOM_USER)
    meeting = new_meeting(owner=User.objects.get(pk=expert.pk))
    assert sync(meeting) == Meeting.Status.FAILED
    assert "User does not exist" in fresh(meeting).last_error
    return fresh(meeting)


def test_cancel_of_a_meeting_zoom_refused_to_create_ends_deleted(failed_meeting, sandbox):
    # when the appointment is cancelled
    standalone_meeting_delete(meeting=failed_meeting)
    # then the cancel is complete: Zoom never held anything to delete
    assert sync(failed_meeting) == Meeting.Status.DELETED
    deleted = fresh(failed_meeting)
    assert deleted.status == Meeting.Status.DELETED
    assert deleted.last_error == ""
    assert sandbox.meetings(include_deleted=True) == []


def test_resync_after_fixing_the_zoom_user_makes_the_meeting_on_the_new_host(
    expert, failed_meeting, sandbox
):
    # given the expert's Zoom user is fixed (and is one of the account's users)
    sandbox.add_user(FIXED_ZOOM_USER)
    User.objects.filter(pk=expert.pk).update(zoom_user=FIXED_ZOOM_USER)
    # when the failed meeting is resynced
    meeting_resync(meeting=failed_meeting)
    # then it is made in Zoom under the expert's Zoom user now
    assert sync(failed_meeting) == Meeting.Status.READY
    ready = fresh(failed_meeting)
    [held] = sandbox.meetings()
    assert ready.host == FIXED_ZOOM_USER
    assert ready.host_email == held["host_email"] == FIXED_ZOOM_USER
