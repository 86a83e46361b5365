"""The reconciler's query is served by the partial out-of-sync index, and the unused `LIKE`
indexes are gone (PostgreSQL: where the plans matter)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from zoom_worker.models import Meeting

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans"),
]


def test_due_for_reconcile_can_use_the_partial_out_of_sync_index():
    # given the reconciler's query
    now = timezone.now()
    due = Meeting.objects.due_for_reconcile(now=now, stale_before=now - timedelta(minutes=2))
    # when PostgreSQL plans it with sequential scans ruled out (the test table is tiny)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = due.explain()
    # then the partial index serves it: its predicate matches the query's
    assert "meeting_out_of_sync" in plan


def test_the_unused_like_indexes_are_dropped():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename IN "
            "('zoom_worker_meeting', 'zoom_worker_webhookdelivery') AND indexname LIKE '%%_like'"
        )
        assert cursor.fetchall() == []
