"""The appointment and seed lists read one index in their order: no full count, no sort of all
the user's rows (PostgreSQL: the plans are what is tested)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ready_appointment
from zoom_worker.appointments.selectors import appointment_list
from zoom_worker.meetings.selectors import standalone_meeting_list

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        # A test table is tiny, so a scan and a sort would win; turned off, a Sort still shows
        # when no index gives the order.
        cursor.execute("SET enable_seqscan = off; SET enable_sort = off")
        try:
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan; RESET enable_sort")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["expert", "client"])
def test_a_users_page_reads_their_roles_index_in_order(expert, client_user, role):
    ready_appointment(expert=expert, client=client_user)
    user = expert if role == "expert" else client_user
    shown = plan(appointment_list(user=user)[:20])
    assert f"appointment_{role}_start" in shown
    assert "Sort" not in shown


@pytest.mark.django_db
def test_the_seed_list_reads_its_own_index_in_order(expert):
    shown = plan(standalone_meeting_list(owner=expert)[:20])
    assert "meeting_standalone_owner" in shown
    assert "Sort" not in shown


@pytest.mark.django_db
def test_the_lists_count_is_limited(api, expert, client_user):
    ready_appointment(expert=expert, client=client_user)
    with CaptureQueriesContext(connection) as captured:
        assert api(expert).get("/api/v1/appointments/").status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts), counts
