"""The sync task's retry countdown, as each broker can carry it."""

import pytest
from celery.exceptions import Retry

from zoom_worker import tasks
from zoom_worker.services.sync import RetryLater


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


@pytest.mark.parametrize(("amqp", "expected"), [(True, 1), (False, 0.3)])
def test_a_countdown_under_a_second_is_a_whole_second_on_rabbitmq_only(
    settings, retried_with, amqp, expected
):
    # given a backoff of 0.3 s, and RabbitMQ (whose native delayed delivery refuses less than
    # a second) or Redis as the broker
    settings.BROKER_IS_AMQP = amqp
    # when a sync fails transiently
    with pytest.raises(Retry):
        tasks.sync_meeting.run(1)
    # then the retry waits a whole second on RabbitMQ, the backoff as it is on Redis
    assert retried_with == [expected]
