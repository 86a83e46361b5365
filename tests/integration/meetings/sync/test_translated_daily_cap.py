"""Zoom's daily 429 in the account's language, even bare (no type header, no Retry-After):
the work is parked until 00:00 UTC, as with the English one, not retried every few seconds."""

import pytest
from django.utils import translation

from tests.integration.conftest import fresh, next_midnight_utc, sync
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "tr", "fr"])
@pytest.mark.parametrize("fault", ["daily_cap", "daily_cap_bare"])
def test_a_translated_daily_429_defers_the_create_until_midnight_utc(
    language, fault, new_meeting, sandbox
):
    # given Zoom speaking the account's language and answering a create with its daily 429
    sandbox.set_language(language)
    sandbox.set_faults(script=[{"op": "create", "fault": fault}])
    meeting = new_meeting()
    # when the worker syncs it
    with translation.override("en"):
        outcome = sync(meeting)
    # then it is deferred to 00:00 UTC with the daily reason, as an English one is
    deferred = fresh(meeting)
    assert outcome == "deferred"
    assert deferred.status == Meeting.Status.PENDING
    assert abs((deferred.not_before - next_midnight_utc()).total_seconds()) < 2
    assert "daily limit" in deferred.last_error


@pytest.mark.parametrize("language", ["tr", "fr"])
def test_a_translated_per_second_429_is_still_retried_soon(language, new_meeting, sandbox):
    # given a translated per-second 429 (the same text as the daily one, its QPS type apart)
    sandbox.set_language(language)
    sandbox.set_faults(script=[{"op": "create", "fault": "429", "retry_after": "1"}])
    meeting = new_meeting()
    # when the worker syncs it
    with pytest.raises(Exception) as retried:
        sync(meeting)
    # then it is retried within a second, not parked
    assert type(retried.value).__name__ == "RetryLater"
    assert retried.value.retry_after == pytest.approx(1.0)
    assert fresh(meeting).not_before is None
