"""Each thing the worker does to a meeting (create, PATCH, delete) against each way Zoom fails.

Transient failures (5xx, timeout, dropped connection, 429) are retried until Zoom holds the row;
the daily cap parks the work until 00:00 UTC; other 4xx fail at once with Zoom's reason; a
refused token is renewed once. Every call is recorded as a SyncAttempt.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tests.integration.conftest import fresh, next_midnight_utc, sync, zoom_time
from tests.integration.meetings.sync.conftest import ACTIONS, LATE_ANSWER_SECONDS, assert_converged
from zoom_worker.core.connections import reset_connections
from zoom_worker.core.retry import RetryLater
from zoom_worker.models import Meeting, SyncAttempt

pytestmark = pytest.mark.django_db

# What the Zoom client calls the stand-in's operation, as recorded in SyncAttempt.action.
CLIENT_ACTION = {"create": "create", "patch": "update", "delete": "delete"}
DONE = (Meeting.Status.READY, Meeting.Status.DELETED)

TRANSIENT = [
    pytest.param({"fault": "500"}, ("transient", 500), None, id="500"),
    pytest.param(
        {"fault": "timeout", "seconds": LATE_ANSWER_SECONDS},
        ("transient", None),
        None,
        id="timeout",
    ),
    pytest.param({"fault": "drop"}, ("transient", None), None, id="dropped-connection"),
    pytest.param(
        {"fault": "429", "retry_after": "1"}, ("rate_limited", 429), 1.0, id="429-retry-after"
    ),
    pytest.param({"fault": "429"}, ("rate_limited", 429), None, id="429-no-retry-after"),
]


@pytest.fixture(autouse=True)
def _english():
    """The worker's reasons read in English here (Turkish is the service's default)."""
    with translation.override("en"):
        yield


def requests_for(sandbox, op: str) -> int:
    return sandbox.state()["counters"]["requests"][op]


def last_attempt(meeting: Meeting, action: str) -> SyncAttempt:
    return meeting.attempts.filter(action=CLIENT_ACTION[action]).order_by("-id").first()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(("fault", "recorded", "retry_after"), TRANSIENT)
def test_transient_failure_is_retried_until_zoom_holds_the_row(
    action, fault, recorded, retry_after, meeting_for, sandbox
):
    # given a meeting about to be created, rescheduled or deleted, and Zoom failing that call once
    meeting = meeting_for(action)
    sandbox.set_faults(script=[{"op": action, **fault}])
    # when the worker syncs it
    with pytest.raises(RetryLater) as retry:
        sync(meeting)
    # then it stays pending with the reason, let go for the retry, no sooner than Zoom asked
    waiting = fresh(meeting)
    assert waiting.status == Meeting.Status.PENDING
    assert not waiting.in_sync
    assert waiting.last_error.startswith("Zoom is unavailable for now")
    assert waiting.lease_owner == ""
    assert retry.value.retry_after == retry_after
    attempt = last_attempt(waiting, action)
    assert (attempt.outcome, attempt.http_status) == recorded
    assert attempt.task_id == "worker-1"
    # when the retry runs, then Zoom holds exactly the row: one meeting, or none after delete
    assert sync(meeting) in DONE
    assert_converged(action, meeting, sandbox)
    assert fresh(meeting).last_error == ""


@pytest.mark.parametrize("action", ACTIONS)
def test_zoom_daily_cap_parks_the_work_until_midnight_utc(action, meeting_for, sandbox):
    # given Zoom answers that the host's daily create/update cap is spent
    meeting = meeting_for(action)
    sandbox.set_faults(script=[{"op": action, "fault": "daily_cap"}])
    # when the worker syncs it
    outcome = sync(meeting)
    # then the work is deferred to 00:00 UTC, still pending, with the reason and the time
    deferred = fresh(meeting)
    assert outcome == "deferred"
    assert deferred.status == Meeting.Status.PENDING
    assert abs((deferred.not_before - next_midnight_utc()).total_seconds()) < 2
    assert "daily limit" in deferred.last_error
    assert next_midnight_utc().strftime("%Y-%m-%d 00:00") in deferred.last_error
    attempt = last_attempt(deferred, action)
    assert (attempt.outcome, attempt.http_status, attempt.zoom_code) == ("rate_limited", 429, 429)
    # and an event before then finds nothing to do and asks Zoom nothing
    calls = sum(sandbox.state()["counters"]["requests"].values())
    assert sync(meeting) == "nothing"
    assert sum(sandbox.state()["counters"]["requests"].values()) == calls


def test_once_zoom_reports_the_daily_cap_the_host_gets_no_more_requests_today(new_meeting, sandbox):
    # given Zoom refused a create for the host with its daily cap
    sandbox.set_faults(script=[{"op": "create", "fault": "daily_cap"}])
    assert sync(new_meeting()) == "deferred"
    # when another meeting of the same host is synced
    creates = requests_for(sandbox, "create")
    second = new_meeting()
    # then it is deferred by the fleet's own counter, without a request to Zoom
    assert sync(second) == "deferred"
    assert requests_for(sandbox, "create") == creates
    assert fresh(second).not_before is not None


def test_per_second_429_does_not_use_up_the_host_daily_cap(new_meeting, sandbox, settings):
    # given a host allowed two creates a day, and Zoom's per-second gate turning one away
    settings.ZOOM_DAILY_CAP = 2
    reset_connections()
    first, second = new_meeting(), new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "429"}])
    with pytest.raises(RetryLater):
        sync(first)
    # when both are synced, then both are made: the request Zoom turned away did not count
    assert sync(first) == Meeting.Status.READY
    assert sync(second) == Meeting.Status.READY
    assert len(sandbox.meetings()) == 2


@pytest.mark.parametrize("action", ACTIONS)
def test_bad_request_fails_at_once_with_zoom_reason(action, meeting_for, sandbox):
    # given Zoom refuses the call as invalid
    meeting = meeting_for(action)
    calls = requests_for(sandbox, action)
    sandbox.set_faults(script=[{"op": action, "fault": "400"}])
    # when the worker syncs it
    assert sync(meeting) == Meeting.Status.FAILED
    # then it failed for good after one call, with Zoom's status and code in the reason
    failed = fresh(meeting)
    assert failed.status == Meeting.Status.FAILED
    assert failed.in_sync  # nothing left for the reconciler to retry
    assert "HTTP 400, code 300" in failed.last_error
    assert "Invalid field (injected)" in failed.last_error
    assert requests_for(sandbox, action) == calls + 1
    attempt = last_attempt(failed, action)
    assert (attempt.outcome, attempt.http_status, attempt.zoom_code) == ("permanent", 400, 300)


def test_create_for_an_unknown_zoom_user_fails_at_once(meeting_for, sandbox):
    # given Zoom answers 404 "user does not exist" to the create
    meeting = meeting_for("create")
    sandbox.set_faults(script=[{"op": "create", "fault": "404"}])
    # when synced, then it failed with Zoom's code, without a retry
    assert sync(meeting) == Meeting.Status.FAILED
    failed = fresh(meeting)
    assert "HTTP 404, code 1001" in failed.last_error
    assert requests_for(sandbox, "create") == 1
    assert sandbox.meetings() == []


def test_patch_of_a_meeting_gone_from_zoom_makes_it_again(meeting_for, sandbox):
    # given a rescheduled meeting that Zoom no longer has (404 on the PATCH)
    meeting = meeting_for("patch")
    old_id = meeting.zoom_meeting_id
    sandbox.delete_outside(old_id)
    # when synced
    assert sync(meeting) == Meeting.Status.READY
    # then a new Zoom meeting holds the new time, and it is the only one
    assert_converged("patch", meeting, sandbox)
    assert fresh(meeting).zoom_meeting_id != old_id
    attempt = last_attempt(fresh(meeting), "patch")
    assert (attempt.outcome, attempt.zoom_code) == ("not_found", 3001)


def test_delete_of_a_meeting_already_gone_is_done(meeting_for, sandbox):
    # given Zoom answers 404 to the delete
    meeting = meeting_for("delete")
    sandbox.set_faults(script=[{"op": "delete", "fault": "404"}])
    # when synced, then the meeting counts as deleted: that was the goal
    assert sync(meeting) == Meeting.Status.DELETED
    assert fresh(meeting).status == Meeting.Status.DELETED
    assert last_attempt(fresh(meeting), "delete").outcome == "not_found"


@pytest.mark.parametrize("action", ACTIONS)
def test_refused_token_is_renewed_once_and_the_call_repeated(action, meeting_for, sandbox):
    # given Zoom answers 401 / code 124 (token expired) to the call
    meeting = meeting_for(action)
    sandbox.set_faults(script=[{"op": action, "fault": "401"}])
    # when synced
    assert sync(meeting) in DONE
    # then the token was renewed and the call repeated once, in the same sync
    assert_converged(action, meeting, sandbox)
    called = CLIENT_ACTION[action]
    tail = [
        (a.action, a.outcome, a.http_status, a.zoom_code)
        for a in fresh(meeting).attempts.order_by("id")
    ][-3:]
    assert [row[:2] for row in tail] == [(called, "permanent"), ("token", "ok"), (called, "ok")]
    assert tail[0][2:] == (401, 124)


def test_token_endpoint_outage_is_transient(new_meeting, sandbox):
    # given the OAuth endpoint answers 500 once
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "token", "fault": "500"}])
    # when synced, then it is retried like any Zoom outage, not failed as a configuration error
    with pytest.raises(RetryLater):
        sync(meeting)
    assert fresh(meeting).status == Meeting.Status.PENDING
    assert sync(meeting) == Meeting.Status.READY


def test_retry_after_given_as_an_instant_is_honoured(new_meeting, sandbox):
    # given a 429 whose Retry-After is an ISO-8601 instant two seconds ahead
    instant = (timezone.now() + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "429", "retry_after": instant}])
    # when synced, then the retry waits until that instant
    with pytest.raises(RetryLater) as retry:
        sync(meeting)
    assert 0.9 < retry.value.retry_after <= 2


def test_retry_after_beyond_the_backoff_cap_parks_the_meeting(new_meeting, sandbox):
    # given a 429 asking for two minutes, longer than the backoff cap (2 s here)
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "429", "retry_after": "120"}])
    # when synced
    assert sync(meeting) == "deferred"
    # then the meeting waits out the two minutes for the reconciler, instead of a long countdown
    deferred = fresh(meeting)
    assert deferred.status == Meeting.Status.PENDING
    wait = (deferred.not_before - timezone.now()).total_seconds()
    assert 110 < wait <= 120
    assert "pause" in deferred.last_error
    assert sync(meeting) == "nothing"


def test_outage_fails_a_meeting_only_once_its_time_has_passed(meeting_for, sandbox):
    # given a reschedule that Zoom could not take (500) until the appointment's time had passed
    meeting = meeting_for("patch")
    sandbox.set_faults(script=[{"op": "patch", "fault": "500"}])
    Meeting.objects.filter(pk=meeting.pk).update(start_time=timezone.now() - timedelta(hours=2))
    # when synced, then it fails, naming both the passed time and Zoom's failure
    assert sync(meeting) == Meeting.Status.FAILED
    failed = fresh(meeting)
    assert "passed" in failed.last_error
    assert "HTTP 500" in failed.last_error


def test_daily_cap_that_outlasts_the_appointment_fails_it_at_once(new_meeting, sandbox):
    # given an appointment that ends before Zoom's daily reset (placed an hour ahead, whatever
    # the hour the test runs at), and the host's cap spent
    meeting = new_meeting()
    Meeting.objects.filter(pk=meeting.pk).update(
        start_time=timezone.now() + timedelta(minutes=2), duration=5
    )
    reset = zoom_time(timezone.now() + timedelta(hours=1))
    sandbox.set_faults(script=[{"op": "create", "fault": "daily_cap", "retry_after": reset}])
    # when synced, then it fails now with the reason, rather than waiting past its own end
    assert sync(meeting) == Meeting.Status.FAILED
    failed = fresh(meeting)
    assert "daily limit" in failed.last_error
    assert "after the appointment ends" in failed.last_error
