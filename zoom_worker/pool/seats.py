"""The Zoom host pool: which pool host's seat a meeting holds over [start, end + buffer).

Everything here runs inside the caller's booking transaction, so a refusal (NoHostFree) writes
nothing. Two bookings at once never take one seat: on PostgreSQL the seat table's exclusion
constraint refuses the second insert (it waits for the first transaction, then inserts nothing),
and the loser tries the next free seat; on SQLite the IMMEDIATE transaction has already
serialised the bookings.
"""

import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from zoom_worker.core.connections import zoom_limiter, zoom_requests_today
from zoom_worker.core.errors import Conflict
from zoom_worker.models import HostSeat, Meeting, ZoomHost

logger = logging.getLogger(__name__)


class NoHostFree(Conflict):
    """No pool host has a free seat over the meeting's time: a 409, nothing written."""

    def __init__(self):
        super().__init__(
            _("No Zoom host is free at that time; please choose another time."),
            code="no_host_free",
        )


@dataclass(frozen=True)
class Taken:
    """The seat a meeting holds after a booking or a reschedule."""

    host: ZoomHost
    moved: bool  # to another host than the one it held


def _daily_used(hosts: list[ZoomHost]) -> dict[str, int] | None:
    """Today's create/update count per host user; None when Redis cannot say (the pool is then
    ordered without the day's counts)."""
    return zoom_requests_today(host.user for host in hosts)


def _most_left_first(hosts: list[ZoomHost], used: dict[str, int]) -> list[ZoomHost]:
    """Most of today's create/update requests left first (the cap is the same for all)."""
    return sorted(hosts, key=lambda host: (used.get(host.user, 0), host.pk))


def _by_requests_left(hosts: list[ZoomHost]) -> list[ZoomHost]:
    return _most_left_first(hosts, _daily_used(hosts) or {})


def _free_seats(*, hosts: list[ZoomHost], meeting: Meeting) -> list[tuple[ZoomHost, int]]:
    """(host, seat number) pairs free over the meeting's seat range, in the order given; the
    meeting's own seat does not count as taken."""
    starts_at, ends_at = meeting.seat_range()
    taken = HostSeat.objects.overlapping(starts_at=starts_at, ends_at=ends_at).filter(
        host__in=hosts
    )
    if meeting.pk is not None:
        taken = taken.exclude(meeting_id=meeting.pk)
    busy = set(taken.values_list("host_id", "seat"))
    return [
        (host, number)
        for host in hosts
        for number in range(host.concurrency)
        if (host.pk, number) not in busy
    ]


def _insert(*, meeting: Meeting, host: ZoomHost, number: int) -> bool:
    """Insert the meeting's seat row unless the database refuses it; whether it did.

    ON CONFLICT DO NOTHING: a concurrent booking holding an overlapping range of that seat
    (committed, or committing: the insert waits for it) makes it insert nothing. A plain insert
    racing another fails with an error or, when both check at once, ends both in a deadlock the
    server breaks by failing one; this one does neither. Written out because Django's
    bulk_create(ignore_conflicts=True) does not say whether the row went in (one more query).
    SQLite (3.24 and later) reads the same statement.
    """
    starts_at, ends_at = meeting.seat_range()
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_SEAT, [meeting.pk, host.pk, number, _db_time(starts_at), _db_time(ends_at)]
        )
        return cursor.rowcount == 1


def _db_time(moment):
    return connection.ops.adapt_datetimefield_value(moment)


_INSERT_SEAT = (
    f"INSERT INTO {HostSeat._meta.db_table} (meeting_id, host_id, seat, starts_at, ends_at) "  # noqa: S608 - the model's own table
    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)


def _take(
    *,
    meeting: Meeting,
    order,
    hosts: list[ZoomHost],
    held: HostSeat | None = None,
    choose=None,
) -> ZoomHost:
    """Take the first free seat of `hosts` (best first); a meeting holding a seat (`held`) keeps
    exactly that one when it is free. `choose(host)` runs before each insert (a new meeting is saved
    with its host there).

    A refused insert means a concurrent booking committed that seat, so the seats are read again
    (`order()`, a fresh list of hosts) and the next free one tried; each refusal takes one seat
    for good, so the pool's seat count bounds the tries.
    """
    keep = None if held is None else (held.host_id, held.seat)
    for _try in range(sum(host.concurrency for host in hosts) + 1):
        free = _free_seats(hosts=hosts, meeting=meeting)
        if not free:
            break
        free.sort(key=lambda pair: (pair[0].pk, pair[1]) != keep)  # stable: the rest keep order
        host, number = free[0]
        if choose is not None:
            choose(host)
        # A seat that moves: its old row comes back (the savepoint) when the new one is refused.
        with transaction.atomic(savepoint=held is not None):
            if held is not None:
                HostSeat.objects.filter(meeting=meeting).delete()
            if _insert(meeting=meeting, host=host, number=number):
                return host
            if held is not None:
                transaction.set_rollback(True)
        logger.info("host pool: a concurrent booking took a seat first; trying the next")
        hosts = order()
    raise NoHostFree()


def host_seat_take(*, meeting: Meeting, prefer: ZoomHost | None = None) -> None:
    """Save a new meeting holding a free seat of an active pool host, whose user hosts it; with
    the pool off (no active host), save it as it is. `prefer` (a series' previous session's
    host) is taken when it is active and free, else the host with the most requests left."""
    hosts = list(ZoomHost.objects.active())
    if not hosts:
        meeting.save()
        return

    def order(hosts: list[ZoomHost] | None = None) -> list[ZoomHost]:
        ranked = _by_requests_left(hosts or list(ZoomHost.objects.active()))
        if prefer is not None:
            ranked.sort(key=lambda host: host.pk != prefer.pk)  # stable: the rest keep order
        return ranked

    def choose(host: ZoomHost) -> None:
        meeting.give_pool_host(host)
        if meeting.pk is None:
            meeting.save()
        else:
            meeting.save(update_fields=["pool_host", "host"])

    _take(meeting=meeting, order=order, hosts=order(hosts), choose=choose)


def host_seat_free(*, meeting: Meeting) -> None:
    """A cancelled meeting holds no seat: freed in the cancel's transaction."""
    HostSeat.objects.filter(meeting=meeting).delete()


def _held_seat(meeting: Meeting) -> HostSeat | None:
    return HostSeat.objects.select_related("host").filter(meeting=meeting).first()


def host_seat_retime(*, meeting: Meeting) -> Taken | None:
    """The meeting's time changed: keep its host when a seat of it is free at the new time (the
    seat it holds first), else take another active host's. None outside the pool."""
    held = _held_seat(meeting)
    if held is None:
        return None
    own = held.host

    def order() -> list[ZoomHost]:
        # The own host even when disabled since: it keeps the meetings it holds.
        return [own, *_by_requests_left(list(ZoomHost.objects.active().exclude(pk=own.pk)))]

    host = _take(meeting=meeting, order=order, hosts=order(), held=held)
    return Taken(host=host, moved=host.pk != own.pk)


def host_seat_rebalance(*, meeting: Meeting) -> ZoomHost | None:
    """The meeting's host has spent today's requests: its seat moves to another active host with
    requests left and a free seat at its time. None when none has (or Redis cannot say)."""
    held = _held_seat(meeting)
    if held is None:
        return None
    cap = zoom_limiter().daily_cap

    def order() -> list[ZoomHost]:
        hosts = list(ZoomHost.objects.active().exclude(pk=held.host_id))
        used = _daily_used(hosts)
        if used is None:
            return []
        return _most_left_first([host for host in hosts if used.get(host.user, 0) < cap], used)

    try:
        return _take(meeting=meeting, order=order, hosts=order(), held=held)
    except NoHostFree:
        return None
