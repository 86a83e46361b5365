"""services/host_pool.py through the booking services: a pool meeting holds one seat of a free
host over [start, end + buffer); no seat is a NoHostFree with nothing written."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lunova.users.services import user_create
from tests.factories import related
from zoom_worker.appointments.services import (
    appointment_cancel,
    appointment_create,
    appointment_update,
)
from zoom_worker.core.connections import redis_connection, zoom_limiter
from zoom_worker.meetings.services import meeting_move_for_budget
from zoom_worker.models import Appointment, FormerZoomMeeting, HostSeat, Meeting, ZoomHost
from zoom_worker.pool.seats import NoHostFree

BUFFER = 15


@pytest.fixture(autouse=True)
def _buffer(settings):
    settings.ZOOM_HOST_BUFFER_MINUTES = BUFFER


@pytest.fixture
def hour():
    """A whole hour two days ahead: bookings are laid out from it."""
    return (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)


def host(user: str, concurrency: int = 1, **fields) -> ZoomHost:
    return ZoomHost.objects.create(user=user, email=user, concurrency=concurrency, **fields)


def book(expert, client, start, duration=45) -> Appointment:
    related(expert=expert, client=client)
    return appointment_create(expert=expert, client=client, start_time=start, duration=duration)


def spend(user: str, count: int) -> None:
    """`count` of today's create/update requests used by `user` (the limiter's own counter)."""
    for _ in range(count):
        zoom_limiter().take_daily(user)


@pytest.mark.django_db
def test_a_booking_takes_a_free_pool_host(expert, client_user, hour):
    # given a pool of one host
    one = host("host1@pool.test")
    # when the expert (no Zoom user of their own) books
    meeting = book(expert, client_user, hour).meeting
    # then the meeting is made under that host, holding seat 0 over [start, end + buffer)
    assert (meeting.host, meeting.pool_host) == ("host1@pool.test", one)
    seat = HostSeat.objects.get(meeting=meeting)
    assert (seat.host, seat.seat, seat.starts_at) == (one, 0, hour)
    assert seat.ends_at == hour + timedelta(minutes=45 + BUFFER)


@pytest.mark.django_db
def test_without_a_pool_the_meeting_goes_to_zoom_host_user(expert, client_user, hour, settings):
    # given no active host (one disabled)
    host("host1@pool.test", active=False)
    settings.ZOOM_HOST_USER = "service@lunova.test"
    # when three meetings are booked at the same hour
    meetings = [book(expert, client_user, hour).meeting for _ in range(3)]
    # then all go to ZOOM_HOST_USER, with no capacity check and no seat
    assert {m.host for m in meetings} == {"service@lunova.test"}
    assert not HostSeat.objects.exists()


@pytest.mark.django_db
def test_an_expert_with_an_own_zoom_user_keeps_it(client_user, hour):
    # given a full pool (its one seat taken) and an expert with a Zoom user of their own
    host("host1@pool.test")
    other = user_create(username="own", role="expert", password="x-parola-1")
    book(other, client_user, hour)
    own = user_create(username="zoomlu", role="expert", password="x-parola-2")
    own.zoom_user = "own@lunova.test"
    own.save()
    # when that expert books the same hour
    meeting = book(own, client_user, hour).meeting
    # then their own user hosts it, outside the pool
    assert (meeting.host, meeting.pool_host) == ("own@lunova.test", None)


@pytest.mark.django_db
def test_the_host_with_most_requests_left_is_preferred(expert, client_user, hour):
    # given two free hosts, the first has used more of today's requests
    host("a@pool.test")
    b = host("b@pool.test")
    spend("a@pool.test", 3)
    spend("b@pool.test", 1)
    # when a meeting is booked
    meeting = book(expert, client_user, hour).meeting
    # then it goes to the one with more left
    assert meeting.pool_host == b


@pytest.mark.django_db
def test_a_redis_outage_does_not_fail_the_booking(expert, client_user, hour, monkeypatch):
    # given Redis unreachable for the day's counts
    host("a@pool.test")

    def down(*args, **kwargs):
        import redis

        raise redis.ConnectionError("down")

    monkeypatch.setattr(type(redis_connection()), "mget", down)
    # when a meeting is booked, then it still gets the host
    assert book(expert, client_user, hour).meeting.host == "a@pool.test"


@pytest.mark.django_db
def test_full_pool_is_no_host_free_and_writes_nothing(expert, client_user, hour):
    # given one host of concurrency 2, both seats taken at that hour
    host("a@pool.test", concurrency=2)
    book(expert, client_user, hour)
    book(expert, client_user, hour + timedelta(minutes=30))
    before = (Meeting.objects.count(), Appointment.objects.count(), HostSeat.objects.count())
    # when a third overlapping booking is made
    with pytest.raises(NoHostFree):
        book(expert, client_user, hour + timedelta(minutes=10))
    # then nothing was written
    after = (Meeting.objects.count(), Appointment.objects.count(), HostSeat.objects.count())
    assert after == before == (2, 2, 2)


@pytest.mark.django_db
def test_the_buffer_is_respected_to_the_minute(expert, client_user, hour):
    # given one host with one seat, a 45-minute meeting at the hour
    host("a@pool.test")
    book(expert, client_user, hour)
    end = hour + timedelta(minutes=45)
    # when the next starts one minute inside the buffer, it is refused
    with pytest.raises(NoHostFree):
        book(expert, client_user, end + timedelta(minutes=BUFFER - 1))
    # and exactly B minutes after the end, it is taken
    assert book(expert, client_user, end + timedelta(minutes=BUFFER)).meeting.pool_host


@pytest.mark.django_db
def test_a_meeting_ending_before_the_other_starts_still_needs_its_buffer(expert, client_user, hour):
    # given one seat taken at the hour
    host("a@pool.test")
    book(expert, client_user, hour)
    # when a meeting would end exactly at the hour (its buffer reaching into the next), refused
    with pytest.raises(NoHostFree):
        book(expert, client_user, hour - timedelta(minutes=45))
    # and one ending B minutes before the hour fits
    assert book(expert, client_user, hour - timedelta(minutes=45 + BUFFER)).meeting.pool_host


@pytest.mark.django_db
def test_cancel_frees_the_seat_at_once(expert, client_user, hour):
    # given the one seat taken
    host("a@pool.test")
    first = book(expert, client_user, hour)
    # when that appointment is cancelled
    appointment_cancel(appointment=first)
    # then its seat is gone and the same hour can be booked again
    assert not HostSeat.objects.filter(meeting=first.meeting).exists()
    assert book(expert, client_user, hour).meeting.pool_host


@pytest.mark.django_db
def test_a_reschedule_keeps_the_host_when_it_is_free(expert, client_user, hour):
    # given a meeting Zoom holds on host a, and host b free too
    a = host("a@pool.test")
    host("b@pool.test")
    appointment = book(expert, client_user, hour)
    Meeting.objects.filter(pk=appointment.meeting.pk).update(
        zoom_meeting_id="111", join_url="https://zoom.us/j/111", synced_version=1, status="ready"
    )
    # when it moves an hour later (its own seat does not block it)
    appointment_update(appointment=appointment, start_time=hour + timedelta(minutes=30))
    # then it keeps host, Zoom meeting and link; the seat follows the new time
    meeting = Meeting.objects.get(pk=appointment.meeting.pk)
    assert (meeting.pool_host, meeting.zoom_meeting_id, meeting.join_url) == (
        a,
        "111",
        "https://zoom.us/j/111",
    )
    assert HostSeat.objects.get(meeting=meeting).starts_at == hour + timedelta(minutes=30)
    assert not FormerZoomMeeting.objects.exists()


@pytest.mark.django_db
def test_a_reschedule_moves_to_another_host_when_it_must(expert, client_user, hour):
    # given meeting M on host a (in Zoom), and host a busy at a later time with another meeting
    a = host("a@pool.test")
    b = host("b@pool.test")
    moving = book(expert, client_user, hour)
    assert moving.meeting.pool_host == a
    Meeting.objects.filter(pk=moving.meeting.pk).update(
        zoom_meeting_id="111", join_url="https://zoom.us/j/111", synced_version=1, status="ready"
    )
    later = hour + timedelta(hours=3)
    blocker = book(expert, client_user, later)
    assert blocker.meeting.pool_host == a  # a was free then: the tie goes to the first
    version = Meeting.objects.get(pk=moving.meeting.pk).version
    # when M is moved onto that later time
    appointment_update(appointment=moving, start_time=later)
    # then it goes to b: Zoom facts forgotten, the old Zoom meeting recorded for deletion,
    # the version (the invite's SEQUENCE) up
    meeting = Meeting.objects.get(pk=moving.meeting.pk)
    assert (meeting.pool_host, meeting.host, meeting.zoom_meeting_id) == (b, "b@pool.test", None)
    assert meeting.join_url == ""
    assert meeting.version == version + 1
    former = FormerZoomMeeting.objects.get(meeting=meeting)
    assert (former.host, former.zoom_meeting_id) == ("a@pool.test", "111")
    assert HostSeat.objects.get(meeting=meeting).host == b


@pytest.mark.django_db
def test_a_reschedule_with_no_host_free_is_refused_and_writes_nothing(expert, client_user, hour):
    # given one host, two meetings at different hours
    host("a@pool.test")
    first = book(expert, client_user, hour)
    book(expert, client_user, hour + timedelta(hours=3))
    version = first.meeting.version
    # when the first is moved onto the second's time
    with pytest.raises(NoHostFree):
        appointment_update(appointment=first, start_time=hour + timedelta(hours=3))
    # then its meeting and seat are unchanged
    meeting = Meeting.objects.get(pk=first.meeting.pk)
    assert (meeting.start_time, meeting.version) == (hour, version)
    assert HostSeat.objects.get(meeting=meeting).starts_at == hour


def lease(meeting: Meeting, worker: str = "w1") -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        lease_owner=worker, lease_expires_at=timezone.now() + timedelta(minutes=1)
    )


@pytest.mark.django_db
def test_a_create_whose_host_spent_the_day_moves_to_one_with_requests_left(
    expert, client_user, hour, settings
):
    # given a create not yet sent on host a, which has spent today's requests; b has some left
    settings.ZOOM_DAILY_CAP = 5
    host("a@pool.test")
    b = host("b@pool.test")
    meeting = book(expert, client_user, hour).meeting
    spend("a@pool.test", 5)
    spend("b@pool.test", 2)
    lease(meeting)
    # when the worker holding it asks to move it
    moved = meeting_move_for_budget(meeting_id=meeting.pk, worker_id="w1", spent_host=meeting.host)
    # then it holds b's seat, to be created there
    meeting.refresh_from_db()
    assert moved
    assert (meeting.pool_host, meeting.host) == (b, "b@pool.test")
    assert HostSeat.objects.get(meeting=meeting).host == b


@pytest.mark.django_db
def test_when_every_host_spent_the_day_the_create_stays(expert, client_user, hour, settings):
    # given both hosts at today's cap
    settings.ZOOM_DAILY_CAP = 5
    a = host("a@pool.test")
    host("b@pool.test")
    meeting = book(expert, client_user, hour).meeting
    spend("a@pool.test", 5)
    spend("b@pool.test", 5)
    lease(meeting)
    # when the worker asks to move it, then it stays (the worker defers it to 00:00 UTC)
    assert not meeting_move_for_budget(
        meeting_id=meeting.pk, worker_id="w1", spent_host="a@pool.test"
    )
    meeting.refresh_from_db()
    assert meeting.pool_host == a
