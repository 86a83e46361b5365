"""records_prune: Zoom-call records, processed webhook deliveries, task results and delivered or
failed platform events older than the retention go, in batches; newer ones and work still
waiting stay."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone
from django_celery_results.models import TaskResult

from zoom_worker.core.beat import beat_schedule
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import PlatformEvent, SyncAttempt, WebhookDelivery
from zoom_worker.ops.retention import records_prune
from zoom_worker.tasks import prune_records

OLD = timedelta(days=91)
RECENT = timedelta(days=89)


@pytest.fixture
def records(expert):
    """Five old and one recent Zoom call, old deliveries processed and waiting, old and recent
    task results."""
    now = timezone.now()
    meeting = standalone_meeting_create(
        owner=expert, topic="Ön görüşme", start_time=now + timedelta(days=1)
    )
    for age in (OLD,) * 5 + (RECENT,):
        SyncAttempt.objects.create(
            meeting=meeting, action="create", started_at=now - age, duration_ms=5, outcome="ok"
        )
    keys = count()
    for processed in (True, True, False):
        delivery = WebhookDelivery.objects.create(
            event="meeting.ended",
            dedupe_key=f"key-{next(keys)}",
            payload={},
            processed_at=now - OLD if processed else None,
            outcome="applied" if processed else "pending",
        )
        WebhookDelivery.objects.filter(pk=delivery.pk).update(received_at=now - OLD)
    for age in (OLD, RECENT):
        result = TaskResult.objects.create(task_id=f"task-{age.days}", status="SUCCESS")
        TaskResult.objects.filter(pk=result.pk).update(date_done=now - age)
    for sequence, state in enumerate(("delivered", "pending", "failed"), start=1):
        event = PlatformEvent.objects.create(
            type="meeting.ready", meeting=meeting, sequence=sequence, state=state
        )
        PlatformEvent.objects.filter(pk=event.pk).update(created_at=now - OLD)
    return meeting


@pytest.mark.django_db
def test_old_records_go_in_batches_and_the_rest_stays(records):
    # given records on both sides of 90 days
    # when they are pruned two rows at a time
    deleted = records_prune(batch_size=2)
    # then every old one went, and only those
    assert {label: n for label, n in deleted.items() if n} == {
        "zoom_worker.SyncAttempt": 5,
        "zoom_worker.WebhookDelivery": 2,
        "django_celery_results.TaskResult": 1,
        "zoom_worker.PlatformEvent": 2,
    }
    assert SyncAttempt.objects.count() == 1
    assert list(WebhookDelivery.objects.values_list("outcome", flat=True)) == ["pending"]
    assert list(TaskResult.objects.values_list("task_id", flat=True)) == ["task-89"]
    # and an event still to deliver is work, not history (a failed one is history)
    assert list(PlatformEvent.objects.values_list("state", flat=True)) == ["pending"]


@pytest.mark.django_db
def test_a_spent_time_budget_stops_the_run(records):
    # given a clock that has run past the budget after the first batch
    ticks = iter([0.0, 0.0, 100.0])

    def clock():
        return next(ticks, 100.0)

    # when pruning runs with a 10-second budget
    deleted = records_prune(batch_size=2, time_budget=10, clock=clock)
    # then it stopped after one batch; the next run takes the rest
    assert deleted["zoom_worker.SyncAttempt"] == 2
    assert SyncAttempt.objects.count() == 4


@pytest.mark.django_db
def test_the_retention_setting_is_the_default(records, settings):
    settings.LUNOVA_RETENTION_DAYS = 365
    assert sum(records_prune().values()) == 0


def test_beat_runs_the_prune_task_daily():
    # given the beat schedule
    entry = beat_schedule()["prune-records"]
    # then the prune task runs once a day
    assert entry["schedule"] == 24 * 3600
    assert entry["task"] == prune_records.name
