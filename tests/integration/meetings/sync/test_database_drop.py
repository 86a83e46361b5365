"""A PostgreSQL connection that drops in the middle of a sync does not leave the meeting's lease
held until it expires: the sync lets it go and is retried at once, and ends with the one meeting
Zoom made."""

import pytest
from django.db import connection

from tests.conftest import future, wait_until
from tests.integration.conftest import fresh
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

# Zoom makes the meeting at once and answers this late: the window to drop the worker's connection.
ZOOM_ANSWERS_AFTER = 2


def drop_other_connections() -> int:
    """Terminate every other session on the test database: the worker's connections."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_database_drop_mid_sync_releases_the_lease_and_the_meeting_converges(
    api, expert, client_user, worker, sandbox
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no server connection to drop")
    # given a worker waiting for Zoom's answer to a create Zoom has already carried out
    sandbox.set_faults(script=[{"op": "create", "fault": "timeout", "seconds": ZOOM_ANSWERS_AFTER}])
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
    )
    assert response.status_code == 201
    wait_until(lambda: sandbox.meetings(), timeout=15, message="the create never reached Zoom")
    # when the worker's database connection drops before the answer is written back
    assert drop_other_connections() >= 1
    # then the meeting is ready within seconds (not after the 90 s lease), on the one meeting
    meeting = wait_until(
        lambda: Meeting.objects.filter(status=Meeting.Status.READY).first(),
        timeout=ZOOM_ANSWERS_AFTER + 10,
        message="the meeting stayed held after the database connection dropped",
    )
    [held] = sandbox.meetings()
    assert fresh(meeting).zoom_meeting_id == str(held["id"])
    assert fresh(meeting).lease_owner == ""
