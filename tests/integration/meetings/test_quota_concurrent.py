"""Concurrent creates of one expert's standalone meetings never pass the daily allowance: on
PostgreSQL, ten at once with room for three leave three meetings and seven 409s."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from zoom_worker.meetings.quota import DailyQuotaReached
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
]
CREATES = 10


def test_ten_concurrent_creates_with_room_for_three_make_three(expert, settings):
    settings.LUNOVA_EXPERT_DAILY_MEETINGS = 3
    start = timezone.now() + timedelta(days=1)
    ready = threading.Barrier(CREATES)
    outcomes = []

    def create():
        try:
            ready.wait()
            standalone_meeting_create(owner=expert, topic="Ön görüşme", start_time=start)
            outcomes.append("made")
        except DailyQuotaReached as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(CREATES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["daily_quota"] * 7 + ["made"] * 3
    assert Meeting.objects.filter(owner=expert, standalone=True).count() == 3
