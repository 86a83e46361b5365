"""A series refused with a 400 naming the field: count and until (exactly one), the session
limits, and the client checked by the same rule as a single booking; nothing is written."""

import pytest

from tests.conftest import future
from zoom_worker.models import Appointment, Series

URL = "/api/v1/series/"
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({}, "count"),
        ({"count": 3, "until": "2099-01-01"}, "count"),
        ({"count": 1}, "count"),
        ({"count": 53}, "count"),
        ({"every_weeks": 5, "count": 3}, "every_weeks"),
        ({"every_weeks": 4, "count": 52}, "count"),  # 204 weeks: past 366 days
        ({"until": "2000-01-01"}, "until"),  # before the first: fewer than two
        ({"until": "2099-01-01"}, "until"),  # more than 52
    ],
)
def test_a_rule_out_of_bounds_is_a_400_naming_the_field(api, expert, client_user, rule, field):
    # given a series whose rule breaks a bound
    body = {"client": client_user.pk, "start_time": future(), **rule}
    # when the expert books it
    answer = api(expert).post(URL, body, format="json")
    # then it is refused naming the field, and nothing is written
    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert not Series.objects.exists() and not Appointment.objects.exists()


def test_the_client_is_checked_as_for_a_single_booking(api, expert, other_expert):
    # given a series for a user who is no client
    body = {"client": other_expert.pk, "start_time": future(), "count": 2}
    # when the expert books it
    answer = api(expert).post(URL, body, format="json")
    # then the same 400 as a single booking names the client
    single = api(expert).post("/api/v1/appointments/", body, format="json")
    assert answer.status_code == single.status_code == 400
    assert answer.json()["client"] == single.json()["client"]
    assert not Series.objects.exists()
