"""Hosts per expert: an expert's own Zoom user hosts their meetings, so one host's daily cap of
100 creates/updates no longer caps the whole platform."""

import pytest
from django.core.management import call_command

from lunova.users.models import User
from tests.integration.conftest import fresh, sync
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db

OWN_ZOOM_USER = "elif.kaya@lunova.test"


@pytest.fixture
def expert_with_zoom_user(db, sandbox):
    sandbox.add_user(OWN_ZOOM_USER)
    call_command(
        "createuser",
        "elif",
        "--role",
        "expert",
        "--password",
        "uzman-parola-3",
        "--zoom-user",
        OWN_ZOOM_USER,
    )
    return User.objects.get(username="elif")


def test_meetings_are_hosted_by_the_expert_own_zoom_user(
    expert_with_zoom_user, new_meeting, sandbox
):
    # when an expert with a Zoom user of their own gets a meeting
    meeting = new_meeting(owner=expert_with_zoom_user)
    assert sync(meeting) == Meeting.Status.READY
    # then that user hosts it in Zoom
    ready = fresh(meeting)
    [held] = sandbox.meetings()
    assert ready.host == OWN_ZOOM_USER
    assert ready.host_email == held["host_email"] == OWN_ZOOM_USER


def test_own_zoom_user_keeps_booking_when_the_shared_host_cap_is_spent(
    expert, expert_with_zoom_user, new_meeting, settings, sandbox
):
    # given the shared host (ZOOM_HOST_USER) has spent today's 100 creates/updates in Zoom
    sandbox.set_daily(settings.ZOOM_HOST_USER, 100)
    shared = new_meeting(owner=expert)
    own = new_meeting(owner=expert_with_zoom_user)
    # when both are synced
    shared_outcome, own_outcome = sync(shared), sync(own)
    # then the shared host's meeting waits for 00:00 UTC while the expert's own goes through
    assert shared_outcome == "deferred"
    assert fresh(shared).host == settings.ZOOM_HOST_USER
    assert own_outcome == Meeting.Status.READY
    assert [held["host_email"] for held in sandbox.meetings()] == [OWN_ZOOM_USER]
