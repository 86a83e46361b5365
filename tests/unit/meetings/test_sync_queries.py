"""meetings/sync.py: what a create costs the database, statement by statement."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Meeting


def test_a_create_costs_six_statements_and_no_look_for_former_meetings(
    expert, client_user, sandbox
):
    # given a booked appointment, its meeting never on another host
    made = appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    # when the worker syncs it (the first call of the process also fetches the token)
    with CaptureQueriesContext(connection) as captured:
        assert meeting_sync(meeting_id=made.meeting_id, worker_id="t") == Meeting.Status.READY
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    # then: the claim (one UPDATE, returning the row and whether former meetings await), the
    # lease held before the create, a record of each Zoom call (token, create), the write-back
    # (the answer, then synced): nothing else, and no savepoint inside the write-back's
    # transaction
    assert [q.split()[0] for q in statements] == [
        "UPDATE",
        "UPDATE",
        "INSERT",
        "INSERT",
        "UPDATE",
        "UPDATE",
    ], statements
    assert sum("SAVEPOINT" in q["sql"] for q in captured.captured_queries) == 2
