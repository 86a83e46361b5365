"""Scheduled sessions: never synced, never re-published by the reconciler; the beat brings in
those within the horizon, earliest first and a bounded batch a pass, and leaves the rest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings import horizon
from zoom_worker.meetings.horizon import meetings_bring_in
from zoom_worker.meetings.reconcile import meetings_reconcile
from zoom_worker.meetings.sync import SyncResult, meeting_sync
from zoom_worker.models import Meeting
from zoom_worker.series.services import series_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def series_of_six(expert, client_user, settings):
    """Six weekly sessions from tomorrow; a horizon of ten days takes in the first two."""
    settings.LUNOVA_SERIES_HORIZON_DAYS = 10
    start = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    series_create(expert=expert, client=client_user, start_time=start, count=6)
    return Meeting.objects.order_by("start_time")


@pytest.fixture
def published(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "zoom_worker.core.dispatch.dispatch_now", lambda task, **ids: sent.append(ids) or True
    )
    return sent


def test_a_scheduled_meeting_is_in_sync_so_no_worker_and_no_reconciler_takes_it(
    series_of_six, published
):
    # given two pending sessions and four scheduled ones, all long idle
    scheduled = list(series_of_six.filter(status=Meeting.Status.SCHEDULED))
    pending = list(series_of_six.filter(status=Meeting.Status.PENDING))
    assert (len(pending), len(scheduled)) == (2, 4)
    Meeting.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    # when the reconciler passes and a stray sync task runs for a scheduled one
    reconciled = meetings_reconcile()
    result = meeting_sync(meeting_id=scheduled[0].pk, worker_id="w")
    # then only the pending ones are published again, and the scheduled one is not claimed
    assert reconciled == 2
    assert {sent["object_id"] for sent in published} == {m.pk for m in pending}
    assert result is SyncResult.NOTHING
    assert Meeting.objects.get(pk=scheduled[0].pk).status == Meeting.Status.SCHEDULED


def test_the_beat_brings_in_a_bounded_batch_earliest_first(
    series_of_six, published, settings, monkeypatch
):
    # given a horizon moved to take in every session, and a batch of two a pass
    settings.LUNOVA_SERIES_HORIZON_DAYS = 60
    monkeypatch.setattr(horizon, "BRING_IN_BATCH", 2)
    # when the beat passes once
    brought = meetings_bring_in()
    # then the two earliest scheduled ones are pending and sent to the workers, out of sync
    statuses = list(series_of_six.values_list("status", flat=True))
    assert brought == 2
    assert statuses == ["pending"] * 4 + ["scheduled"] * 2
    ids = [m.pk for m in series_of_six[2:4]]
    assert [sent["object_id"] for sent in published] == ids
    assert all(not m.in_sync for m in Meeting.objects.filter(pk__in=ids))
    # and the next pass takes the rest
    assert meetings_bring_in() == 2
    assert not Meeting.objects.filter(status=Meeting.Status.SCHEDULED).exists()
