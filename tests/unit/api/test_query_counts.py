"""Database queries per request: each endpoint's count is fixed here, so an extra round trip (an
N+1 in a list, a read-back after a write) fails the suite instead of slowing production.

Counted inside the test's transaction, so a service's own transaction shows as a SAVEPOINT and
its RELEASE; under gunicorn they are BEGIN and COMMIT, the same number of round trips.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import future
from tests.factories import ready_appointment
from zoom_worker.appointments.services import appointment_create

URL = "/api/v1/appointments/"


def queries(api, user, method: str, path: str, data=None):
    """The response to one request, and the SQL it ran (the caller's token is minted first)."""
    client = api(user)
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data, format="json")
    return response, [query["sql"] for query in captured.captured_queries]


def assert_count(sqls: list[str], expected: int) -> None:
    assert len(sqls) == expected, "\n".join(sqls)


@pytest.fixture
def appointments(expert, client_user):
    """One ready, two on their way: rows of each kind render with the same queries."""
    ready = ready_appointment(expert=expert, client=client_user)
    return [ready] + [
        appointment_create(expert=expert, client=client_user, start_time=start)
        for start in (timezone.now() + timedelta(days=4), timezone.now() + timedelta(days=5))
    ]


@pytest.mark.django_db
def test_no_op_profile_is_one_query(api, expert):
    response, sqls = queries(api, expert, "get", "/api/v1/auth/me/")
    assert response.status_code == 200
    assert_count(sqls, 1)  # the caller, for the token


@pytest.mark.django_db
def test_create_reads_the_caller_and_the_client_then_writes_two_rows(api, expert, client_user):
    payload = {"client": client_user.pk, "start_time": future()}
    response, sqls = queries(api, expert, "post", URL, payload)
    assert response.status_code == 201, response.content
    # caller, client, SAVEPOINT, the pair's active care relation, meeting, the pool's active
    # hosts (none: the pool is off), appointment, RELEASE: the answer is rendered from the rows
    # just written, never read back
    assert_count(sqls, 8)


@pytest.mark.django_db
def test_detail_is_one_joined_query(api, expert, appointments):
    response, sqls = queries(api, expert, "get", f"{URL}{appointments[0].pk}/")
    assert response.status_code == 200
    assert_count(sqls, 2)  # caller; appointment with meeting, expert and client


@pytest.mark.django_db
def test_list_costs_the_same_for_any_number_of_rows(api, expert, appointments):
    response, sqls = queries(api, expert, "get", URL)
    assert response.status_code == 200
    assert response.json()["count"] == len(appointments)
    assert_count(sqls, 3)  # caller, count, one joined page


@pytest.mark.django_db
def test_reschedule(api, expert, appointments):
    change = {"start_time": future(days=5)}
    response, sqls = queries(api, expert, "patch", f"{URL}{appointments[0].pk}/", change)
    assert response.status_code == 200, response.content
    assert_count(sqls, 8)  # no read-back: the locked read serves the answer


@pytest.mark.django_db
def test_seed_meeting_create(api, expert):
    payload = {"topic": "Görüşme", "start_time": future()}
    response, sqls = queries(api, expert, "post", "/api/v1/zoom/meetings/", payload)
    assert response.status_code == 202, response.content
    assert_count(sqls, 5)  # caller, SAVEPOINT, meeting, the pool's active hosts (none), RELEASE
