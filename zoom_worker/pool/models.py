"""The pool of licensed Zoom users that host meetings, and the seats they hold over time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zoom_worker.meetings.models import Meeting

# How many meetings one Zoom user may run at once: 1 (Pro), 2 (Business, Education, Enterprise).
HOST_CONCURRENCY_MIN, HOST_CONCURRENCY_MAX = 1, 2


class ZoomHostQuerySet(models.QuerySet):
    def active(self):
        """The pool: the hosts that take new meetings. The pool is on while this is not empty."""
        return self.filter(active=True)

    def named(self, *names: str):
        """The hosts recorded under any of `names`, as Zoom user or e-mail, in any case (Zoom
        does not tell e-mails apart by case)."""
        matches = Q()
        for name in filter(None, names):
            matches |= Q(user__iexact=name) | Q(email__iexact=name)
        return self.filter(matches) if matches else self.none()

    def with_load(self, *, now):
        """Each host with `seats_now` (seats held at `now`: a meeting, or the buffer after it),
        `meetings_today` (wanted meetings starting on today's date in ZOOM_TIMEZONE) and
        `meetings_ahead` (wanted meetings not started yet): counted in subqueries, so one query
        whatever the number of hosts."""
        zone = ZoneInfo(settings.ZOOM_TIMEZONE)
        day_start = datetime.combine(now.astimezone(zone).date(), time(), tzinfo=zone)
        own = Meeting.objects.filter(pool_host=OuterRef("pk"))
        today = own.filter(
            wanted=Meeting.Wanted.EXISTS,
            start_time__gte=day_start,
            start_time__lt=day_start + timedelta(days=1),
        )
        seats = HostSeat.objects.filter(host=OuterRef("pk"), starts_at__lte=now, ends_at__gt=now)
        return self.annotate(
            seats_now=_count(seats, by="host"),
            meetings_today=_count(today, by="pool_host"),
            meetings_ahead=_count(own.ahead(now=now), by="pool_host"),
        )


def _count(queryset, *, by: str) -> Coalesce:
    """COUNT(*) of `queryset` (filtered on OuterRef("pk")) grouped by `by`, as a subquery: no
    join that would multiply another count's rows."""
    counted = queryset.order_by().values(by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), Value(0))


class ZoomHost(models.Model):
    """A licensed Zoom user of the account that the pool may give meetings to."""

    # The Zoom user id or e-mail the worker creates meetings under.
    user = models.CharField(_("Zoom user"), max_length=128, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    concurrency = models.PositiveSmallIntegerField(_("concurrency"), default=HOST_CONCURRENCY_MIN)
    # An inactive host keeps the meetings it holds but takes no new ones.
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ZoomHostQuerySet.as_manager()

    class Meta:
        ordering = ["user"]
        permissions = [
            ("disable_zoomhost", _("Can disable a Zoom host")),
            ("enable_zoomhost", _("Can enable a Zoom host")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    concurrency__gte=HOST_CONCURRENCY_MIN, concurrency__lte=HOST_CONCURRENCY_MAX
                ),
                name="zoom_host_concurrency_range",
            ),
        ]
        verbose_name = _("Zoom host")
        verbose_name_plural = _("Zoom hosts")

    def __str__(self) -> str:
        return self.email or self.user


class HostSeatQuerySet(models.QuerySet):
    def overlapping(self, *, starts_at, ends_at):
        """Seats whose time [starts_at, ends_at) meets the given half-open range."""
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class HostSeat(models.Model):
    """One seat of a pool host held by one meeting over [start, end + buffer).

    A host of concurrency c has seats 0..c-1. On PostgreSQL an exclusion constraint (migration
    0009, not declared here because SQLite cannot hold it) refuses two rows of one host and seat
    whose ranges overlap, so two concurrent bookings never take the same seat; SQLite's IMMEDIATE
    transactions serialise the bookings instead. A cancelled meeting's row is deleted.
    """

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="seat", verbose_name=_("meeting")
    )
    host = models.ForeignKey(
        ZoomHost, on_delete=models.PROTECT, related_name="seats", verbose_name=_("Zoom host")
    )
    seat = models.PositiveSmallIntegerField(_("seat"))
    starts_at = models.DateTimeField(_("starts at"))
    # The meeting's end plus ZOOM_HOST_BUFFER_MINUTES as it was when the seat was taken.
    ends_at = models.DateTimeField(_("ends at"))

    objects = HostSeatQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "host", "seat"]
        indexes = [models.Index(fields=["host", "starts_at"], name="seat_host_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="seat_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(seat__lt=HOST_CONCURRENCY_MAX), name="seat_within_concurrency_max"
            ),
        ]
        verbose_name = _("host seat")
        verbose_name_plural = _("host seats")

    def __str__(self) -> str:
        return f"{self.host} #{self.seat} {self.starts_at}–{self.ends_at}"
