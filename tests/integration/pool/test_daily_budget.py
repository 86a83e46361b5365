"""The daily budget across the pool: a create not yet sent whose host has spent today's
requests moves to a free host with requests left; deferred to 00:00 UTC only when none has."""

import pytest

from tests.integration.conftest import fresh, next_midnight_utc, sync
from tests.integration.pool.conftest import HOSTS, next_hour
from zoom_worker.appointments.services import appointment_create
from zoom_worker.core.connections import zoom_limiter
from zoom_worker.models import FormerZoomMeeting, HostSeat, Meeting

pytestmark = pytest.mark.django_db


def test_zoom_refusing_the_day_moves_the_create_to_a_host_with_requests_left(
    expert, client_user, pool, sandbox
):
    # given two free hosts; Zoom says the first spent today's 100 (our own count does not know)
    pool({HOSTS[0]: 1, HOSTS[1]: 1})
    sandbox.set_daily(HOSTS[0], 100)
    meeting = appointment_create(expert=expert, client=client_user, start_time=next_hour()).meeting
    assert meeting.host == HOSTS[0]
    # when the worker sends the create
    assert sync(meeting) == Meeting.Status.READY
    # then it was made on the second host, which holds the seat
    [held] = sandbox.meetings()
    assert held["host_email"] == fresh(meeting).host == HOSTS[1]
    assert HostSeat.objects.get(meeting=meeting).host.user == HOSTS[1]
    assert not FormerZoomMeeting.objects.exists()


def test_the_limiter_count_moves_it_before_anything_is_sent(expert, client_user, pool, sandbox):
    # given the first host at today's cap by our own count
    pool({HOSTS[0]: 1, HOSTS[1]: 1})
    meeting = appointment_create(expert=expert, client=client_user, start_time=next_hour()).meeting
    limiter = zoom_limiter()
    for _ in range(limiter.daily_cap):
        limiter.take_daily(HOSTS[0])
    # when the worker sends the create, then it goes to the second host
    assert sync(meeting) == Meeting.Status.READY
    assert fresh(meeting).host == HOSTS[1]
    assert sandbox.state()["counters"]["requests"]["create"] == 1


def test_with_every_host_spent_the_create_waits_for_midnight(expert, client_user, pool, sandbox):
    # given both hosts spent for today in Zoom
    pool({HOSTS[0]: 1, HOSTS[1]: 1})
    sandbox.set_daily(HOSTS[0], 100)
    sandbox.set_daily(HOSTS[1], 100)
    meeting = appointment_create(expert=expert, client=client_user, start_time=next_hour()).meeting
    # when the worker sends it, then it is deferred to 00:00 UTC and Zoom holds nothing
    assert sync(meeting) == "deferred"
    assert fresh(meeting).not_before >= next_midnight_utc()
    assert sandbox.meetings() == []
