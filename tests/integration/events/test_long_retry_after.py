"""A receiver asking for longer than LUNOVA_EVENTS_BACKOFF_MAX gets the wait it asked for: the
worker schedules nothing, and the reconciler sends the event once it is due."""

import pytest

from tests.conftest import wait_until
from tests.integration.events.test_delivery_retries import book
from zoom_worker.events.resend import platform_events_resend
from zoom_worker.models import PlatformEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_retry_after_beyond_the_cap_is_waited_out_by_the_reconciler(
    api, expert, client_user, workers, sandbox, receiver, events_on, settings
):
    # given a receiver that asks for 3 s once, with a 1 s backoff cap
    receiver.script = [(429, {"Retry-After": "3"})]
    workers.start(**events_on)
    book(api, expert, client_user)
    event = wait_until(lambda: PlatformEvent.objects.filter(attempts=1).first(), timeout=30)
    # when the reconciler makes its passes
    settings.LUNOVA_RECONCILE_STALE_AFTER = 0
    wait_until(lambda: platform_events_resend() == 1, timeout=10)
    # then the event is delivered by the second attempt, no sooner than asked
    event = wait_until(
        lambda: PlatformEvent.objects.filter(pk=event.pk, state="delivered").first(), timeout=30
    )
    first, second = event.delivery_attempts.order_by("started_at")
    assert (first.http_status, second.http_status) == (429, 200)
    assert (second.started_at - first.started_at).total_seconds() >= 3
    assert len(receiver.received) == 2
