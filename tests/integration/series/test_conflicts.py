"""A pool too small for one session of a series: 409 listing that session's start, and
nothing of the series written."""

from datetime import timedelta

import pytest

from tests.factories import related
from tests.integration.pool.conftest import HOSTS, next_hour
from tests.integration.series.conftest import book, zulu
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import Appointment, HostSeat, Meeting, Series

pytestmark = pytest.mark.django_db


def test_every_start_without_a_free_host_is_listed_and_nothing_written(
    api, expert, client_user, other_client, pool
):
    # given a one-seat pool already holding a session at the third and fifth weeks' hour
    pool({HOSTS[0]: 1})
    related(expert=expert, client=other_client)
    first = next_hour()
    for week in (2, 4):
        start = first + timedelta(weeks=week)
        appointment_create(expert=expert, client=other_client, start_time=start)
    # when a five-session series at that hour is booked
    answer = book(api, expert, client_user, first, count=5)
    # then it is refused, naming exactly the two starts that found no host
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "no_host_free"
    assert body["conflicts"] == [
        zulu(Appointment.objects.get(client=other_client, start_time=start).start_time)
        for start in sorted(Appointment.objects.values_list("start_time", flat=True))
    ]
    assert body["detail"]
    # and nothing of it was written: no series, no session, no meeting, no seat
    assert not Series.objects.exists()
    assert Appointment.objects.count() == Meeting.objects.count() == HostSeat.objects.count() == 2
