"""Zoom's create has no idempotency key: a create whose answer is lost must not make a second one.

The stand-in makes the meeting and drops the connection before answering; the worker finds the
meeting by the marker in its agenda and adopts it instead of creating again.
"""

import pytest

from tests.conftest import future, wait_until
from tests.integration.conftest import fresh, sync
from zoom_worker.core.retry import RetryLater
from zoom_worker.meetings.payloads import marker_in
from zoom_worker.meetings.services import standalone_meeting_delete
from zoom_worker.models import Meeting


def book(api, expert, client_user) -> None:
    response = api(expert).post(
        "/api/v1/appointments/",
        {"client": client_user.pk, "start_time": future(days=2)},
        format="json",
    )
    assert response.status_code == 201


def wait_until_one_ready() -> Meeting:
    return wait_until(
        lambda: Meeting.objects.filter(status=Meeting.Status.READY).first(),
        timeout=30,
        message="the meeting never became ready",
    )


def test_lost_answer_is_adopted_not_repeated(db, new_meeting, sandbox):
    # given Zoom makes the meeting but its answer never arrives
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "lose_answer"}])
    with pytest.raises(RetryLater):
        sync(meeting)
    [made] = sandbox.meetings()
    assert fresh(meeting).zoom_meeting_id is None
    # when the worker tries again
    assert sync(meeting) == Meeting.Status.READY
    # then it adopted that meeting, with its links, and made no other
    ready = fresh(meeting)
    assert ready.zoom_meeting_id == str(made["id"])
    assert ready.join_url == made["join_url"]
    assert ready.password == made["password"]
    assert ready.start_url.startswith(f"https://zoom.us/s/{made['id']}?zak=")
    assert marker_in(made["agenda"]) == ready.marker
    assert [held["id"] for held in sandbox.meetings()] == [made["id"]]
    assert sandbox.state()["counters"]["requests"]["create"] == 1


def test_lookup_that_fails_too_still_ends_with_one_meeting(db, new_meeting, sandbox):
    # given a lost create answer, then a failed marker lookup, then a dropped lookup
    meeting = new_meeting()
    sandbox.set_faults(
        script=[
            {"op": "create", "fault": "lose_answer"},
            {"op": "list", "fault": "503"},
            {"op": "list", "fault": "drop"},
        ]
    )
    # when the worker keeps retrying
    for _attempt in range(3):
        with pytest.raises(RetryLater):
            sync(meeting)
    assert sync(meeting) == Meeting.Status.READY
    # then Zoom still holds exactly one meeting, the row's
    [held] = sandbox.meetings()
    assert fresh(meeting).zoom_meeting_id == str(held["id"])
    assert sandbox.state()["counters"]["requests"]["create"] == 1


def test_cancel_after_a_lost_answer_deletes_the_meeting_zoom_made(db, new_meeting, sandbox):
    # given a create whose answer was lost, then the appointment is cancelled
    meeting = new_meeting()
    sandbox.set_faults(script=[{"op": "create", "fault": "lose_answer"}])
    with pytest.raises(RetryLater):
        sync(meeting)
    standalone_meeting_delete(meeting=meeting)
    # when the worker syncs the cancel
    assert sync(meeting) == Meeting.Status.DELETED
    # then the meeting it never heard of is found by its marker and deleted
    assert sandbox.meetings() == []


@pytest.mark.django_db(transaction=True)
def test_worker_process_makes_one_meeting_when_the_answer_is_lost(
    api, expert, client_user, worker, sandbox
):
    # given a real worker process, and Zoom losing the answer to the first create
    sandbox.set_faults(script=[{"op": "create", "fault": "lose_answer"}])
    # when an appointment is booked through the API
    book(api, expert, client_user)
    # then it becomes ready with the one meeting Zoom made
    meeting = wait_until_one_ready()
    [held] = sandbox.meetings()
    assert meeting.zoom_meeting_id == str(held["id"])
    assert sandbox.state()["counters"]["requests"]["create"] == 1
    assert sandbox.state()["counters"]["faults"] == {"lose_answer": 1}


# Zoom makes the first create this late, past the worker's read timeout below: the retry's look-up
# comes while Zoom is still at it, finds nothing, and creates again.
SLOW_CREATE_SECONDS = 4
READ_TIMEOUT_SECONDS = 1


@pytest.mark.django_db(transaction=True)
def test_a_create_slower_than_the_read_timeout_converges_to_one_meeting(
    api, expert, client_user, workers, sandbox
):
    # given real worker processes whose read timeout is shorter than Zoom's first create
    sandbox.set_faults(script=[{"op": "create", "fault": "slow", "seconds": SLOW_CREATE_SECONDS}])
    workers.start(ZOOM_READ_TIMEOUT=READ_TIMEOUT_SECONDS)
    # when an appointment is booked through the API
    book(api, expert, client_user)
    meeting = wait_until_one_ready()
    # and Zoom finishes the slow create after the retry made another
    wait_until(
        lambda: len(sandbox.meetings(include_deleted=True)) == 2,
        timeout=SLOW_CREATE_SECONDS + 5,
        message="the retry did not create again while Zoom was busy",
    )
    # then, within seconds, Zoom holds exactly the row's meeting
    wait_until(
        lambda: (
            [str(held["id"]) for held in sandbox.meetings()] == [fresh(meeting).zoom_meeting_id]
        ),
        timeout=10,
        interval=0.2,
        message=f"Zoom still holds {len(sandbox.meetings())} meetings for one appointment",
    )
    assert fresh(meeting).status == Meeting.Status.READY
