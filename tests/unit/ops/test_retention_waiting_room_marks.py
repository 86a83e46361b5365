"""records_prune: waiting-room marks go with the stays, after LUNOVA_PERSONAL_DATA_DAYS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.unit.ops.test_retention_personal_data import session
from zoom_worker.models import WaitingRoomMark
from zoom_worker.ops.retention import records_prune


@pytest.mark.django_db
def test_old_waiting_room_marks_go_and_recent_ones_stay(expert, client_user):
    # given a mark of a session 731 days ago and one of a session 729 days ago
    for days_ago in (731, 729):
        meeting_id = session(expert, client_user, days_ago=days_ago).meeting_id
        WaitingRoomMark.objects.create(
            meeting_id=meeting_id,
            participant=f"key-{days_ago}",
            at=timezone.now() - timedelta(days=days_ago),
            entered=True,
        )
    # when pruning runs
    done = records_prune()
    # then only the old one went
    assert done["zoom_worker.WaitingRoomMark"] == 1
    assert list(WaitingRoomMark.objects.values_list("participant", flat=True)) == ["key-729"]
