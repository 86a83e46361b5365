"""The Zoom host pool: which pool host's seat a meeting holds over [start, end + buffer).

Everything here runs inside the caller's booking transaction, so a refusal (NoHostFree) writes
nothing. Two bookings at once never take one seat: on PostgreSQL the seat table's exclusion
constraint refuses the second insert (it waits for the first transaction, then fails), and the
loser tries the next free seat in a savepoint; on SQLite the IMMEDIATE transaction has already
serialised the bookings.
"""

import logging
from dataclasses import dataclass

import redis
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zoom_worker.connections import zoom_limiter
from zoom_worker.models import HostSeat, Meeting, ZoomHost

logger = logging.getLogger(__name__)


class NoHostFree(Exception):
    """No pool host has a free seat over the meeting's time: a 409, nothing written."""

    code = "no_host_free"

    def __init__(self):
        super().__init__(_("No Zoom host is free at that time; please choose another time."))


@dataclass(frozen=True)
class Taken:
    """The seat a meeting holds after a booking or a reschedule."""

    host: ZoomHost
    moved: bool  # to another host than the one it held


def _daily_used(hosts: list[ZoomHost]) -> dict[str, int] | None:
    """Today's create/update count per host user; None when Redis cannot say."""
    try:
        return zoom_limiter().daily_used(host.user for host in hosts)
    except redis.RedisError:
        # A booking must not fail on Redis: the pool is then ordered without the day's counts.
        logger.warning("host pool: today's request counts unreadable; ordering without them")
        return None


def _most_left_first(hosts: list[ZoomHost], used: dict[str, int]) -> list[ZoomHost]:
    """Most of today's create/update requests left first (the cap is the same for all)."""
    return sorted(hosts, key=lambda host: (used.get(host.user, 0), host.pk))


def _by_requests_left(hosts: list[ZoomHost]) -> list[ZoomHost]:
    return _most_left_first(hosts, _daily_used(hosts) or {})


def _free_seats(
    *, hosts: list[ZoomHost], meeting: Meeting, keep: HostSeat | None
) -> list[tuple[ZoomHost, int]]:
    """(host, seat number) pairs free over the meeting's seat range, in the order given; the
    meeting's own seat (`keep`) does not count as taken."""
    starts_at, ends_at = meeting.seat_range()
    taken = HostSeat.objects.overlapping(starts_at=starts_at, ends_at=ends_at).filter(
        host__in=hosts
    )
    if keep is not None:
        taken = taken.exclude(pk=keep.pk)
    busy = set(taken.values_list("host_id", "seat"))
    return [
        (host, number)
        for host in hosts
        for number in range(host.concurrency)
        if (host.pk, number) not in busy
    ]


def _place(*, meeting: Meeting, seat: HostSeat | None, host: ZoomHost, number: int) -> HostSeat:
    starts_at, ends_at = meeting.seat_range()
    if seat is None:
        return HostSeat.objects.create(
            meeting=meeting, host=host, seat=number, starts_at=starts_at, ends_at=ends_at
        )
    seat.host, seat.seat, seat.starts_at, seat.ends_at = host, number, starts_at, ends_at
    seat.save(update_fields=["host", "seat", "starts_at", "ends_at"])
    return seat


def _take(
    *, meeting: Meeting, seat: HostSeat | None, order, hosts: list[ZoomHost] | None = None
) -> HostSeat:
    """Take the first free seat of `hosts` (else `order()`: a fresh list of hosts, best first);
    a meeting that holds a seat keeps exactly that one when it is free.

    A conflict means a concurrent booking committed that seat, so the seats are read again and
    the next free one tried; each conflict takes one seat for good, so the pool's seat count
    bounds the tries.
    """
    held = None if seat is None else (seat.host_id, seat.seat)
    hosts = order() if hosts is None else hosts
    for _try in range(sum(host.concurrency for host in hosts) + 1):
        free = _free_seats(hosts=hosts, meeting=meeting, keep=seat)
        if not free:
            break
        free.sort(key=lambda pair: (pair[0].pk, pair[1]) != held)  # stable: the rest keep order
        host, number = free[0]
        try:
            with transaction.atomic():
                return _place(meeting=meeting, seat=seat, host=host, number=number)
        except IntegrityError:
            logger.info("host pool: a concurrent booking took a seat first; trying the next")
            if seat is not None:
                seat.refresh_from_db()
            hosts = order()
    raise NoHostFree()


def host_seat_take(*, meeting: Meeting) -> ZoomHost | None:
    """Give a new meeting (saved, not yet published) a free seat of an active pool host; None
    when the pool is off (no active host)."""
    hosts = list(ZoomHost.objects.active())
    if not hosts:
        return None

    def order() -> list[ZoomHost]:
        return _by_requests_left(list(ZoomHost.objects.active()))

    return _take(meeting=meeting, seat=None, order=order, hosts=_by_requests_left(hosts)).host


def host_seat_free(*, meeting: Meeting) -> None:
    """A cancelled meeting holds no seat: freed in the cancel's transaction."""
    HostSeat.objects.filter(meeting=meeting).delete()


def _held_seat(meeting: Meeting) -> HostSeat | None:
    return (
        HostSeat.objects.select_for_update().select_related("host").filter(meeting=meeting).first()
    )


def host_seat_retime(*, meeting: Meeting) -> Taken | None:
    """The meeting's time changed: keep its host when a seat of it is free at the new time (the
    seat it holds first), else take another active host's. None outside the pool."""
    seat = _held_seat(meeting)
    if seat is None:
        return None
    own = seat.host

    def order() -> list[ZoomHost]:
        # The own host even when disabled since: it keeps the meetings it holds.
        return [own, *_by_requests_left(list(ZoomHost.objects.active().exclude(pk=own.pk)))]

    placed = _take(meeting=meeting, seat=seat, order=order)
    return Taken(host=placed.host, moved=placed.host.pk != own.pk)


def host_seat_rebalance(*, meeting: Meeting) -> ZoomHost | None:
    """The meeting's host has spent today's requests: its seat moves to another active host with
    requests left and a free seat at its time. None when none has (or Redis cannot say)."""
    seat = _held_seat(meeting)
    if seat is None:
        return None
    cap = zoom_limiter().daily_cap

    def order() -> list[ZoomHost]:
        hosts = list(ZoomHost.objects.active().exclude(pk=seat.host_id))
        used = _daily_used(hosts)
        if used is None:
            return []
        return _most_left_first([host for host in hosts if used.get(host.user, 0) < cap], used)

    try:
        return _take(meeting=meeting, seat=seat, order=order).host
    except NoHostFree:
        return None
