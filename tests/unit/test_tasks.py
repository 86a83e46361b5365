"""The sync task's retry countdown, as each broker can carry it."""

import pytest
from celery.exceptions import Retry

from zoom_worker import tasks
from zoom_worker.core.retry import RetryLater


@pytest.fixture
def retried_with(monkeypatch) -> list[float]:
    """The countdowns sync_meeting asks Celery to retry after (the retry itself not sent)."""
    countdowns: list[float] = []

    def fail(**_kwargs):
        raise RetryLater(retry_after=None)

    def retry(*, countdown):
        countdowns.append(countdown)
        return Retry()

    monkeypatch.setattr(tasks, "meeting_sync", fail)
    monkeypatch.setattr(tasks, "backoff_seconds", lambda **_kwargs: 0.3)
    monkeypatch.setattr(tasks.sync_meeting, "retry", retry)
    return countdowns


@pytest.mark.parametrize(
    ("amqp", "backoff", "expected", "slept"),
    [(True, 0.3, 0, 0.3), (True, 2.25, 2, 0.25), (False, 0.3, 0.3, 0), (False, 2.25, 2.25, 0)],
)
def test_rabbitmq_holds_whole_seconds_and_the_task_waits_out_the_fraction(
    settings, retried_with, monkeypatch, amqp, backoff, expected, slept
):
    # given a backoff of `backoff` seconds, and RabbitMQ (whose native delayed delivery counts
    # whole seconds) or Redis as the broker
    settings.BROKER_IS_AMQP = amqp
    monkeypatch.setattr(tasks, "backoff_seconds", lambda **_kwargs: backoff)
    sleeps: list[float] = []
    monkeypatch.setattr(tasks.time, "sleep", sleeps.append)
    # when a sync fails transiently
    with pytest.raises(Retry):
        tasks.sync_meeting.run(1)
    # then the broker is asked for the whole seconds, the fraction is slept here, and the
    # retry waits the backoff exactly on either broker
    assert retried_with == [expected]
    assert sum(sleeps) == pytest.approx(slept)
    assert retried_with[0] + sum(sleeps) == pytest.approx(backoff)
