"""The orphan sweep reads the rows of a whole page of Zoom's listing in one query, and its hosts
from the small tables (pool hosts, experts' Zoom users), never from every meeting."""

from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.integration.meetings.test_reconcile import zoom_meeting
from zoom_worker.meetings.reconcile import zoom_orphans_sweep
from zoom_worker.models import ZoomHost


@pytest.mark.django_db
def test_a_page_of_listed_meetings_costs_one_lookup(ready_meeting, sandbox):
    # given ten of our meetings in Zoom, one of them an orphan
    for _ in range(9):
        ready_meeting()
    orphan = zoom_meeting(marker=uuid4())
    # when the sweep runs
    with CaptureQueriesContext(connection) as captured:
        deleted = zoom_orphans_sweep()
    # then the orphan is gone, after one query for the pool hosts, one for the experts' Zoom
    # users and one for the rows of the listed page
    assert deleted == 1
    assert orphan not in {m["id"] for m in sandbox.meetings()}
    sqls = [q["sql"] for q in captured.captured_queries]
    assert len(sqls) == 3, "\n".join(sqls)
    assert not any("DISTINCT" in sql.upper() for sql in sqls)


@pytest.mark.django_db
def test_a_pool_hosts_meetings_are_swept(sandbox):
    # given a pool host no expert names, holding an orphan
    ZoomHost.objects.create(user="host1@sandbox.lunova.test")
    orphan = zoom_meeting(host="host1@sandbox.lunova.test", marker=uuid4())
    # when the sweep runs, then it is deleted
    assert zoom_orphans_sweep() == 1
    assert orphan not in {m["id"] for m in sandbox.meetings()}
