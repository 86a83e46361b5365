"""Cancel frees the seat at once: the same hour goes to the next booking, made in Zoom."""

import pytest

from tests.integration.conftest import fresh, sync
from tests.integration.pool.conftest import HOSTS, next_hour
from zoom_worker.appointments.services import appointment_cancel, appointment_create
from zoom_worker.models import HostSeat, Meeting

pytestmark = pytest.mark.django_db


def test_a_cancelled_meeting_gives_its_seat_to_the_next(expert, client_user, pool, sandbox):
    # given the pool's one seat taken at an hour, the meeting in Zoom
    pool({HOSTS[0]: 1})
    start = next_hour()
    first = appointment_create(expert=expert, client=client_user, start_time=start)
    assert sync(first.meeting) == Meeting.Status.READY
    # when it is cancelled
    appointment_cancel(appointment=first)
    # then its seat is free before the worker has even deleted it from Zoom
    assert not HostSeat.objects.filter(meeting=first.meeting).exists()
    second = appointment_create(expert=expert, client=client_user, start_time=start)
    assert sync(first.meeting) == Meeting.Status.DELETED
    assert sync(second.meeting) == Meeting.Status.READY
    # and Zoom holds only the new one, on that host
    [held] = sandbox.meetings()
    assert str(held["id"]) == fresh(second.meeting).zoom_meeting_id
    assert held["host_email"] == HOSTS[0]
