"""A seeded week of bookings, reschedules and cancels by many experts on a pool of mixed
concurrency: once the workers drain, Zoom (the stand-in) shows no host over its concurrency at
any instant, buffer included, and every no_host_free was given when, by brute force over the
seats recorded at that moment, no seat was free."""

import random
from datetime import timedelta

import pytest
from django.conf import settings

from lunova.users.services import user_create
from tests.conftest import wait_until
from tests.factories import related
from tests.integration.pool.conftest import (
    HOSTS,
    assert_no_host_over_its_concurrency,
    assert_seats_distinct,
    next_hour,
)
from zoom_worker.appointments.services import (
    appointment_cancel,
    appointment_create,
    appointment_update,
)
from zoom_worker.models import Appointment, FormerZoomMeeting, HostSeat, Meeting, ZoomHost
from zoom_worker.pool.seats import NoHostFree

SEED = 20261202
OPERATIONS = 140
EXPERTS = 8
CONCURRENCY = {HOSTS[0]: 1, HOSTS[1]: 2, HOSTS[2]: 1, HOSTS[3]: 2}
DURATIONS = (30, 45, 60, 90)
# Bookings crowd into three hours a day, so the week's 6 seats run out now and then.
DAY_FROM, DAY_TO = 10 * 60, 13 * 60


def recorded_seats(*, leaving_out: int | None = None) -> list[tuple[int, int, object, object]]:
    """The seats held now: (host id, seat number, starts at, ends at)."""
    seats = HostSeat.objects.exclude(meeting_id=leaving_out)
    return list(seats.values_list("host_id", "seat", "starts_at", "ends_at"))


def a_seat_was_free(seats, hosts: list[ZoomHost], start, duration: int) -> bool:
    """Brute force: some seat of some active host has no recorded meeting over the new range."""
    end = start + timedelta(minutes=duration + settings.ZOOM_HOST_BUFFER_MINUTES)
    return any(
        not any(
            (held_host, held_seat) == (host.pk, number) and held_start < end and start < held_end
            for held_host, held_seat, held_start, held_end in seats
        )
        for host in hosts
        for number in range(host.concurrency)
    )


@pytest.mark.django_db(transaction=True)
def test_a_random_week_never_double_books_and_refuses_only_when_full(
    client_user, pool, worker, sandbox
):
    # given a pool of mixed concurrency and many experts, each chosen by the client
    hosts = pool(CONCURRENCY)
    experts = [
        user_create(username=f"uzman{n}", role="expert", password=f"uzman-parola-{n}")
        for n in range(EXPERTS)
    ]
    for expert in experts:
        related(expert=expert, client=client_user)
    rng = random.Random(SEED)
    monday = next_hour(days=1).replace(hour=0)

    def a_time():
        minutes = rng.randrange(DAY_FROM, DAY_TO, 15)
        return monday + timedelta(days=rng.randrange(7), minutes=minutes)

    live: dict[int, Appointment] = {}
    done = {"book": 0, "move": 0, "cancel": 0, "refused": 0}

    # when a week of operations is played
    for _ in range(OPERATIONS):
        kind = rng.choices(("book", "move", "cancel"), weights=(6, 3, 1))[0] if live else "book"
        if kind == "cancel":
            appointment_cancel(appointment=live.pop(rng.choice(sorted(live))))
            done["cancel"] += 1
            continue
        start, duration = a_time(), rng.choice(DURATIONS)
        moving = live[rng.choice(sorted(live))] if kind == "move" else None
        seats = recorded_seats(leaving_out=moving.meeting_id if moving else None)
        try:
            if moving is None:
                booked = appointment_create(
                    expert=rng.choice(experts),
                    client=client_user,
                    start_time=start,
                    duration=duration,
                )
                live[booked.pk] = booked
            else:
                live[moving.pk] = appointment_update(
                    appointment=moving, start_time=start, duration=duration
                )
            done[kind] += 1
        except NoHostFree:
            # then each refusal came when no seat was free at that moment
            assert not a_seat_was_free(seats, hosts, start, duration), (kind, start, duration)
            done["refused"] += 1

    assert min(done.values()) > 0, done  # every kind of operation happened, refusals too
    assert_seats_distinct()
    # and once the workers drain, Zoom holds exactly the live meetings, each on its host
    wait_until(
        lambda: (
            not Meeting.objects.out_of_sync().exists() and not FormerZoomMeeting.objects.exists()
        ),
        timeout=90,
        message="the workers did not drain",
    )
    held = {m["id"]: m["host_email"] for m in sandbox.meetings()}
    wanted = dict(
        Meeting.objects.filter(wanted=Meeting.Wanted.EXISTS).values_list("zoom_meeting_id", "host")
    )
    assert {int(zoom_id): host for zoom_id, host in wanted.items()} == held
    assert len(held) == len(live)
    # and no host runs more meetings at one instant than it may, buffer included
    assert_no_host_over_its_concurrency(sandbox, hosts)
