"""The same webhook delivered three times, or all of them in reverse order, gives the same
figures; a guest who leaves and comes back counts once per stay; settling twice changes nothing
and tells the platform once."""

import copy
from datetime import datetime, timedelta

import pytest

from tests.unit.attendance.conftest import deliver, scenario_webhooks
from zoom_sandbox.meetings import zoom_time
from zoom_worker.attendance.settle import attendance_settle
from zoom_worker.models import Appointment, Attendance, ParticipantInterval, PlatformEvent


def figures_of(meeting_id: int) -> tuple:
    attendance_settle(meeting_id=meeting_id)
    a = Attendance.objects.get(meeting_id=meeting_id)
    return a.outcome, a.expert_joined_at, a.client_joined_at, a.together_minutes


@pytest.mark.django_db
@pytest.mark.parametrize(
    "order",
    [
        pytest.param(lambda bodies: bodies, id="as sent"),
        pytest.param(lambda bodies: [b for b in bodies for _ in range(3)], id="each three times"),
        pytest.param(lambda bodies: bodies[::-1], id="reverse order"),
        pytest.param(lambda bodies: bodies[::-1] * 3, id="reverse order, three times"),
    ],
)
def test_repeated_or_reordered_webhooks_give_the_same_figures(booked, in_zoom, order):
    # given the held scenario, delivered as Zoom may deliver it
    bodies = scenario_webhooks(in_zoom(booked.meeting), "held")
    deliver(order(copy.deepcopy(bodies)))
    # when settled
    figures = figures_of(booked.meeting_id)
    # then the figures are those of the scenario, and each stay is one interval
    start = booked.meeting.start_time.replace(microsecond=0)
    assert figures == ("held", start + timedelta(minutes=1), start + timedelta(minutes=3), 37)
    assert ParticipantInterval.objects.count() == 2


def _rejoin(bodies: list[dict], zoom_meeting: dict) -> list[dict]:
    """The held scenario with the guest away from +20 to +25."""
    guest_join = next(
        b
        for b in bodies
        if b["event"] == "meeting.participant_joined"
        and not b["payload"]["object"]["participant"]["id"]
    )
    start = booked_start(zoom_meeting)
    left, back = copy.deepcopy(guest_join), copy.deepcopy(guest_join)
    left["event"] = "meeting.participant_left"
    participant = left["payload"]["object"]["participant"]
    participant["leave_time"] = zoom_time(start + timedelta(minutes=20))
    del participant["join_time"]
    back["payload"]["object"]["participant"]["join_time"] = zoom_time(start + timedelta(minutes=25))
    left["event_ts"], back["event_ts"] = guest_join["event_ts"] + 1, guest_join["event_ts"] + 2
    return [*bodies, left, back]


def booked_start(zoom_meeting: dict) -> datetime:
    return datetime.fromisoformat(zoom_meeting["start_time"])


@pytest.mark.django_db
@pytest.mark.parametrize("reverse", [False, True], ids=["in order", "reversed"])
def test_a_guest_who_leaves_and_comes_back_counts_once_per_stay(booked, in_zoom, reverse):
    # given the guest away from +20 to +25 of a held meeting
    zoom_meeting = in_zoom(booked.meeting)
    bodies = _rejoin(scenario_webhooks(zoom_meeting, "held"), zoom_meeting)
    deliver(bodies[::-1] if reverse else bodies)
    # when settled
    outcome, _expert, _client, minutes = figures_of(booked.meeting_id)
    # then two stays of the guest: 17 + 15 minutes with the host
    assert (outcome, minutes) == ("held", 32)
    assert ParticipantInterval.objects.filter(is_host=False).count() == 2


@pytest.mark.django_db
def test_settling_twice_changes_nothing_and_tells_once(booked, in_zoom):
    # given a settled held meeting
    deliver(scenario_webhooks(in_zoom(booked.meeting), "held"))
    first = figures_of(booked.meeting_id)
    settled = Attendance.objects.get()
    # when it is settled again, and meeting.ended comes once more
    second = figures_of(booked.meeting_id)
    # then nothing changed and one appointment.ended was recorded
    assert first == second
    assert Attendance.objects.get().settled_at == settled.settled_at
    ended = PlatformEvent.objects.filter(type=PlatformEvent.Type.APPOINTMENT_ENDED)
    assert ended.count() == 1
    assert Appointment.objects.get(pk=booked.pk).status == Appointment.Status.COMPLETED


@pytest.mark.django_db
def test_a_leave_without_its_join_tells_who_came_without_minutes(booked, in_zoom):
    # given only the guest's leave and the host's whole stay (the guest's join was lost)
    bodies = scenario_webhooks(in_zoom(booked.meeting), "held")
    guest_join = [
        b
        for b in bodies
        if b["event"] == "meeting.participant_joined"
        and not b["payload"]["object"]["participant"]["id"]
    ]
    deliver([b for b in bodies if b not in guest_join])
    # when settled
    outcome, _expert, client_joined_at, minutes = figures_of(booked.meeting_id)
    # then the guest is known to have been there at +40, but no time together is invented
    # (under the minimum, which is the client's no-show by the rules)
    assert (outcome, minutes) == ("client_no_show", 0)
    start = booked.meeting.start_time.replace(microsecond=0)
    assert client_joined_at == start + timedelta(minutes=40)
