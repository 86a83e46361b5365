"""Nothing lost, nothing doubled, under everything at once.

Appointments are booked, rescheduled and cancelled through the API while the stand-in fails 15%
of calls, drops 5% and loses 10% of create answers; a worker is SIGKILLed mid-task; Redis dies and
comes back empty. Celery beat's reconciler must bring every meeting home.
"""

import contextlib
import random
import signal
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest
from django.db.models import Count
from django_celery_results.models import TaskResult

from lunova.users.services import user_create
from tests.conftest import future, wait_until
from tests.factories import related
from tests.integration.conftest import (
    fresh,
    kill_worker,
    report_figures,
    wait_until_ready,
    zoom_time,
)
from tests.integration.events.conftest import events_on, receiver  # noqa: F401 - fixtures
from zoom_worker.meetings.payloads import marker_in
from zoom_worker.models import Appointment, Meeting, PlatformEvent, SyncAttempt

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/appointments/"
APPOINTMENTS = 40
SEED = 20261128
FAULT_RATES = {"error_rate": 0.15, "drop_rate": 0.05, "lose_create_rate": 0.10}
# Everything sped up so the run converges in about a minute: retries within 1 s, a dead worker's
# lease gone in 10 s, pending meetings republished after 3 s, orphans swept every 2 s.
FAST = {
    "LUNOVA_RETRY_BACKOFF_MAX": 1,
    "LUNOVA_SYNC_LEASE": 10,
    "LUNOVA_RECONCILE_INTERVAL": 1,
    "LUNOVA_RECONCILE_STALE_AFTER": 3,
    "LUNOVA_ORPHAN_SWEEP_INTERVAL": 2,
    "ZOOM_CONNECT_TIMEOUT": 1,
    "ZOOM_READ_TIMEOUT": 2,
    # Daily caps are the rate-limit test's subject; here they would only park meetings.
    "ZOOM_DAILY_CAP": 100_000,
}


class Churn:
    """People rescheduling and cancelling through the API, at random but reproducibly."""

    def __init__(self, api, booked: list[tuple], rng: random.Random):
        self.api = api
        self.live = list(booked)  # (user, appointment id)
        self.rng = rng
        self.statuses = Counter()

    def run(self, changes: int) -> Counter:
        statuses = Counter()
        for _change in range(changes):
            user, pk = self.rng.choice(self.live)
            if self.rng.random() < 0.3:
                self.live.remove((user, pk))
                response = self.api(user).delete(f"{URL}{pk}/")
            else:
                start = future(days=self.rng.randint(2, 9), hours=self.rng.randint(0, 23))
                duration = self.rng.choice([30, 45, 60, 90])
                response = self.api(user).patch(
                    f"{URL}{pk}/", {"start_time": start, "duration": duration}, format="json"
                )
            statuses[response.status_code] += 1
        self.statuses.update(statuses)
        return statuses


def task_running_on(worker: str) -> TaskResult | None:
    return TaskResult.objects.filter(
        task_name="lunova.sync_meeting", status="STARTED", worker__startswith=f"{worker}@"
    ).first()


def kill_mid_task(process, worker: str) -> TaskResult:
    """Freeze the worker, and SIGKILL it if one of its tasks is running (frozen, a task cannot
    finish in between); otherwise let it go on and look again."""
    family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]

    def caught() -> TaskResult | None:
        if task_running_on(worker) is None:
            return None
        for member in family:
            member.send_signal(signal.SIGSTOP)
        running = task_running_on(worker)
        if running is None:
            for member in family:
                member.send_signal(signal.SIGCONT)
            return None
        kill_worker(process)
        return running

    return wait_until(caught, timeout=60, interval=0.02, message=f"{worker} never ran a task")


def zoom_view(sandbox) -> tuple[list[dict], list[dict]]:
    every = sandbox.meetings(include_deleted=True)
    return every, [meeting for meeting in every if not meeting["deleted"]]


def settled(sandbox) -> bool:
    """Every row reached its final state and Zoom holds exactly the live rows' meetings."""
    live_ids = set()
    for appointment in Appointment.objects.select_related("meeting"):
        meeting = appointment.meeting
        cancelled = appointment.status == Appointment.Status.CANCELLED
        wanted = Meeting.Status.DELETED if cancelled else Meeting.Status.READY
        if meeting.status != wanted or not meeting.in_sync:
            return False
        if not cancelled:
            live_ids.add(meeting.zoom_meeting_id)
    _every, live = zoom_view(sandbox)
    return {str(held["id"]) for held in live} == live_ids


def outcome_figures(sandbox) -> dict:
    every, live = zoom_view(sandbox)
    held_by_id = {str(held["id"]): held for held in live}
    rows = list(Appointment.objects.select_related("meeting"))
    live_rows = [a.meeting for a in rows if a.status != Appointment.Status.CANCELLED]
    made_per_marker = Counter(marker_in(held["agenda"]) for held in every)
    live_markers = {row.marker for row in live_rows}
    return {
        "meetings_lost": sum(1 for row in live_rows if row.zoom_meeting_id not in held_by_id),
        "meetings_out_of_date": sum(
            1
            for row in live_rows
            if row.zoom_meeting_id in held_by_id
            and (
                held_by_id[row.zoom_meeting_id]["start_time"],
                held_by_id[row.zoom_meeting_id]["duration"],
                held_by_id[row.zoom_meeting_id]["topic"],
            )
            != (zoom_time(row.start_time), row.duration, row.topic)
        ),
        "duplicates_ever_made": sum(count - 1 for count in made_per_marker.values() if count > 1),
        "orphans_left": sum(1 for held in live if marker_in(held["agenda"]) not in live_markers),
        "zoom_meetings_made": len(every),
        "zoom_meetings_live": len(live),
        "meeting_status": dict(
            Meeting.objects.values_list("status").annotate(n=Count("id")).order_by()
        ),
    }


def event_figures(events_receiver, churn) -> dict:
    """Platform events recorded against those the receiver got, once none is left pending."""
    with contextlib.suppress(AssertionError):  # what stays pending is counted below as lost
        wait_until(lambda: not PlatformEvent.objects.filter(state="pending").exists(), timeout=60)
    received = events_receiver.events()
    got = {event["id"] for event in received}
    recorded = {str(pk) for pk in PlatformEvent.objects.values_list("pk", flat=True)}
    live = {pk for _user, pk in churn.live}
    types = {(event["appointment"], event["type"]) for event in received}
    cancelled = set(Appointment.objects.filter(status="cancelled").values_list("pk", flat=True))
    private = ("start_url", "zak=", "Mehmet", "Demir", "mehmet@example.com")
    return {
        "events_recorded": len(recorded),
        "events_received": len(received),
        "events_received_twice": len(received) - len(got),
        "events_lost": len(recorded - got),
        "live_without_ready": sum((pk, "meeting.ready") not in types for pk in live),
        "cancelled_without_deleted": sum((pk, "meeting.deleted") not in types for pk in cancelled),
        "bodies_with_private_data": sum(
            any(word in body.decode() for word in private) for _h, body in events_receiver.received
        ),
    }


def test_event_of_a_pool_process_killed_mid_create_is_handed_back(new_meeting, workers, sandbox):
    # given one worker process with one pool process, and Zoom slow to answer a create it made
    process = workers.start(concurrency=1)
    wait_until_ready(workers)
    sandbox.set_faults(script=[{"op": "create", "fault": "timeout", "seconds": 3}])
    meeting = new_meeting()
    wait_until(lambda: sandbox.state()["counters"]["requests"]["create"] == 1, timeout=30)
    # when the pool process is SIGKILLed while it waits for the answer
    [pool_process] = psutil.Process(process.pid).children()
    pool_process.send_signal(signal.SIGKILL)
    # then the event goes back to the queue (acks_late, reject_on_worker_lost), and the next
    # attempt adopts the meeting Zoom made: ready, with no second create
    wait_until(lambda: fresh(meeting).status == Meeting.Status.READY, timeout=30)
    [held] = sandbox.meetings()
    assert str(held["id"]) == fresh(meeting).zoom_meeting_id
    assert sandbox.state()["counters"]["requests"]["create"] == 1
    assert "WorkerLostError" in Path(process.log.name).read_text(errors="replace")


@pytest.mark.slow
def test_chaos_run_loses_nothing_and_doubles_nothing(
    api,
    expert,
    client_user,
    own_redis,
    workers,
    beat,
    sandbox,
    receiver,  # noqa: F811 - the fixture imported above
    events_on,  # noqa: F811
):
    # given two experts (one hosting on a Zoom user of their own), a faulty Zoom, two worker
    # processes and beat, all on a Redis of the test's own
    rng = random.Random(SEED)
    sandbox.set_limits(daily_per_host=0)
    sandbox.set_faults(seed=SEED, latency_ms=100, **FAULT_RATES)
    own_host = user_create(
        username="elif", role="expert", password="uzman-parola-3", zoom_user="elif@lunova.test"
    )
    sandbox.add_user(own_host.zoom_user)
    related(expert=own_host, client=client_user)
    # (and platform events pushed to a receiver, through all of it)
    fast = {**FAST, **events_on}
    victim = workers.start(name="w1", **fast)
    workers.start(name="w2", **fast)
    beat.start(**fast)
    wait_until_ready(workers)
    started = time.monotonic()

    # when appointments are booked, and changed while the workers are at them
    booked = []
    for hour in range(APPOINTMENTS):
        owner = (expert, own_host)[hour % 2]
        response = api(owner).post(
            URL,
            {"client": client_user.pk, "start_time": future(days=1, hours=hour), "duration": 45},
            format="json",
        )
        assert response.status_code == 201, response.content
        booked.append((rng.choice((owner, client_user)), response.json()["id"]))
    churn = Churn(api, booked, rng)
    churn.run(15)
    # and a worker is SIGKILLed mid-task, and a replacement started
    killed = kill_mid_task(victim, "w1")
    workers.start(name="w3", **fast)
    churn.run(10)
    # and Redis dies, its queue with it, while people keep changing appointments
    own_redis.kill()
    during_outage = churn.run(8)
    own_redis.start()
    restarted = time.monotonic()
    churn.run(7)
    last_change = time.monotonic()

    # then every meeting comes home: ready, or deleted when cancelled, and Zoom holds exactly that
    try:
        wait_until(lambda: settled(sandbox), timeout=120, interval=0.5)
        converged = True
    except AssertionError:
        converged = False
    done = time.monotonic()
    events = event_figures(receiver, churn)
    counters = sandbox.state()["counters"]
    outcome = outcome_figures(sandbox)
    report_figures(
        "chaos",
        {
            "appointments": APPOINTMENTS,
            "cancelled": APPOINTMENTS - len(churn.live),
            "api_changes": dict(churn.statuses),
            "api_changes_while_redis_was_down": dict(during_outage),
            "fault_rates": FAULT_RATES,
            "faults_injected": counters["faults"],
            "zoom_requests": counters["requests"],
            "zoom_answers": counters["status"],
            "sync_attempts_by_outcome": dict(
                SyncAttempt.objects.values_list("outcome").annotate(n=Count("id")).order_by()
            ),
            "worker_killed_mid_task": {"task": killed.task_id, "worker": killed.worker},
            "converged": converged,
            "seconds_to_converge_from_first_booking": round(done - started, 1),
            "seconds_to_converge_after_redis_restart": round(done - restarted, 1),
            "seconds_to_converge_after_last_change": round(done - last_change, 1),
            **outcome,
            **events,
        },
    )
    assert converged, "the meetings did not converge within 120 s"
    assert sum(churn.statuses.values()) == sum(churn.statuses[code] for code in (200, 204))
    assert outcome["meetings_lost"] == 0
    assert outcome["meetings_out_of_date"] == 0
    assert outcome["duplicates_ever_made"] == 0
    assert outcome["orphans_left"] == 0
    assert outcome["zoom_meetings_live"] == len(churn.live)
    # and every event recorded reached the receiver: each live meeting's ready, each
    # cancelled one's deleted, none carrying a start link or anything of the client's
    assert events["events_lost"] == 0
    assert events["live_without_ready"] == 0
    assert events["cancelled_without_deleted"] == 0
    assert events["bodies_with_private_data"] == 0
    # and the faults really happened
    faults = counters["faults"]
    assert faults.get("drop", 0) > 0 and faults.get("lose_answer", 0) > 0
    assert sum(faults.get(code, 0) for code in ("500", "502", "503")) > 0
