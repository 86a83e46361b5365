"""The demo pool `make run` seeds shows assignment at work: four sessions fit at one hour (two
hosts of 1 seat, one of 2), the fifth is refused with 409 no_host_free."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from zoom_worker.models import HostSeat

pytestmark = pytest.mark.django_db


def test_four_bookings_at_one_hour_fit_and_the_fifth_is_refused(settings, api, expert, client_user):
    # given the demo pool, seeded as `make run` does
    settings.ZOOM_USE_SANDBOX = True
    call_command("demo_users", stdout=StringIO())
    hour = (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    body = {"client": client_user.pk, "start_time": hour.strftime("%Y-%m-%dT%H:%M:%SZ")}
    # when five sessions are booked at that hour
    answers = [api(expert).post("/api/v1/appointments/", body, format="json") for _ in range(5)]
    # then four take the pool's four seats and the fifth is refused
    assert [answer.status_code for answer in answers] == [201, 201, 201, 201, 409]
    assert answers[-1].json()["code"] == "no_host_free"
    assert sorted(HostSeat.objects.values_list("host__user", "seat")) == [
        ("host1@sandbox.lunova.test", 0),
        ("host2@sandbox.lunova.test", 0),
        ("host3@sandbox.lunova.test", 0),
        ("host3@sandbox.lunova.test", 1),
    ]
