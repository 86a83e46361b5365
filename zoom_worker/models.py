"""Meetings, appointments and the record of every call made to Zoom.

`Meeting` holds the desired state of one Zoom meeting (what Zoom *should* hold) and what Zoom
answered. `version` grows with every change Zoom must see; the worker converges Zoom to the row
and records the version it reached in `synced_version`. Events carry only the id.
"""

import uuid
from datetime import datetime, time, timedelta
from typing import get_args
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zoom_worker.topics import TOPIC_MAX_LENGTH
from zoom_worker.zoom.client import Action

# Bounds of what a meeting may be: validation, serializers and constraints all read these.
DURATION_MIN, DURATION_MAX = 1, 480
NOTES_MAX_LENGTH = 5000
# Zoom's start_url carries a host token that lives about two hours: served younger than that.
START_URL_LIFETIME = timedelta(minutes=110)

# What Zoom answered for a meeting; forgotten together when Zoom loses the meeting.
ZOOM_FACT_FIELDS = (
    "zoom_meeting_id",
    "zoom_uuid",
    "join_url",
    "start_url",
    "start_url_issued_at",
    "password",
    "host_email",
    "zoom_host_id",
    "zoom_state",
)


class MeetingQuerySet(models.QuerySet):
    def out_of_sync(self):
        return self.filter(version__gt=F("synced_version"))

    def lease_free(self, *, now, worker_id: str | None = None):
        """No worker holds the lease (or it expired); `worker_id` may take back its own."""
        free = Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now)
        if worker_id is not None:
            free |= Q(lease_owner=worker_id)
        return self.filter(free)

    def not_deferred(self, *, now):
        return self.filter(Q(not_before__isnull=True) | Q(not_before__lte=now))

    def claimable(self, *, now, worker_id: str):
        """Meetings this worker may take the lease of now: out of sync, free, not deferred."""
        return self.out_of_sync().lease_free(now=now, worker_id=worker_id).not_deferred(now=now)

    def ahead(self, *, now):
        """Meetings still wanted in Zoom that have not started yet."""
        return self.filter(wanted=Meeting.Wanted.EXISTS, start_time__gt=now)

    def with_dead_start_url(self, *, now):
        """A start link is kept past its token's life only as dead weight (~450 characters a
        row): nothing may show it, and `start/` fetches a fresh one."""
        return self.exclude(start_url="").filter(start_url_issued_at__lt=now - START_URL_LIFETIME)

    def due_for_reconcile(self, *, now, stale_before):
        """Out of sync and idle since `stale_before` (a lost event), or deferred and now due."""
        return (
            self.out_of_sync()
            .lease_free(now=now)
            .not_deferred(now=now)
            .filter(Q(updated_at__lte=stale_before) | Q(updated_at__lte=F("not_before")))
        )

    def due_for_attendance(self, *, ended_before, ended_after) -> list[int]:
        """Ids of the appointments' meetings Zoom held whose scheduled end lies between the two
        instants and whose attendance is not settled (Zoom never said they ended). One query:
        the duration bounds narrow it in SQL (SQLite has no minutes-times-duration arithmetic),
        the exact end is checked on the rows it reads."""
        candidates = (
            self.filter(
                appointment__isnull=False,
                attendance__isnull=True,
                zoom_meeting_id__isnull=False,
                wanted=Meeting.Wanted.EXISTS,
                start_time__lte=ended_before - timedelta(minutes=DURATION_MIN),
                start_time__gte=ended_after - timedelta(minutes=DURATION_MAX),
            )
            .exclude(appointment__status=Appointment.Status.CANCELLED)
            .values_list("pk", "start_time", "duration")
        )
        return [
            pk
            for pk, start, duration in candidates
            if ended_after <= start + timedelta(minutes=duration) <= ended_before
        ]


class AppointmentQuerySet(models.QuerySet):
    def of_participant(self, user):
        """The appointments the user takes part in, in the role they hold: an expert's as the
        expert, a client's as the client (bookings are made that way), each read from its own
        index in start order. Asking for either side (an OR) cannot be read in that order, so
        it sorts all the user's rows: kept for users with no role only (operators)."""
        if user.is_expert:
            return self.filter(expert=user)
        if user.is_client:
            return self.filter(client=user)
        return self.filter(Q(expert=user) | Q(client=user))


class Meeting(models.Model):
    class Wanted(models.TextChoices):
        EXISTS = "exists", _("exists")
        GONE = "gone", _("gone")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        DELETED = "deleted", _("deleted")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("owner"),
    )
    # The Zoom user that hosts it: the expert's own, a pool host's, or ZOOM_HOST_USER. Fixed once
    # Zoom may hold the meeting (a pool meeting moves only by being made anew on another host); a
    # resync of one Zoom never made takes the expert's host as it is then.
    host = models.CharField(_("Zoom host"), max_length=254)
    # The pool host whose seat it holds (its `host` is that host's user); null outside the pool.
    pool_host = models.ForeignKey(
        "ZoomHost",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("pool host"),
    )

    # Desired state.
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH)
    start_time = models.DateTimeField(_("start time"))
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"))
    timezone = models.CharField(_("time zone"), max_length=64)
    wanted = models.CharField(
        _("wanted in Zoom"), max_length=8, choices=Wanted.choices, default=Wanted.EXISTS
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    synced_version = models.PositiveIntegerField(_("version in Zoom"), default=0)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    last_error = models.TextField(_("last error"), blank=True)

    # What Zoom answered.
    zoom_meeting_id = models.CharField(
        _("Zoom meeting id"), max_length=32, null=True, blank=True, unique=True
    )
    zoom_uuid = models.CharField(_("Zoom UUID"), max_length=64, blank=True)
    join_url = models.URLField(_("join link"), max_length=500, blank=True)
    start_url = models.URLField(_("start link"), max_length=2000, blank=True)
    start_url_issued_at = models.DateTimeField(_("start link issued at"), null=True, blank=True)
    password = models.CharField(_("passcode"), max_length=32, blank=True)
    host_email = models.EmailField(_("host e-mail"), blank=True)
    # Zoom's id of the hosting user: a participant with this id is the expert.
    zoom_host_id = models.CharField(_("Zoom host id"), max_length=64, blank=True)
    # The fields Zoom holds now, so an update sends only what changed.
    zoom_state = models.JSONField(_("fields in Zoom"), default=dict, blank=True)

    # Made through the seed's /zoom/meetings/ endpoint, tied to no appointment: that list reads
    # its own index instead of leaving out every appointment's meeting of the owner.
    standalone = models.BooleanField(_("standalone"), default=False, editable=False)

    # Sent to Zoom in the agenda, so a create whose answer was lost is found, not repeated.
    marker = models.UUIDField(_("marker"), default=uuid.uuid4, unique=True, editable=False)
    create_attempted_at = models.DateTimeField(_("create attempted at"), null=True, blank=True)

    # One worker at a time acts on Zoom for a meeting; a dead worker's lease simply expires.
    lease_owner = models.CharField(_("lease owner"), max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    # Set when Zoom's daily cap defers the work; the reconciler publishes it again then.
    not_before = models.DateTimeField(_("deferred until"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["status", "updated_at"], name="meeting_status_updated"),
            # Out of sync is a sliver of all meetings: the reconciler reads only that sliver
            # (out_of_sync, due_for_reconcile), however many meetings there are in all.
            models.Index(
                fields=["updated_at"],
                condition=Q(version__gt=F("synced_version")),
                name="meeting_out_of_sync",
            ),
            # The few rows still holding a start link (with_dead_start_url).
            models.Index(
                fields=["start_url_issued_at"],
                condition=~Q(start_url=""),
                name="meeting_start_url_held",
            ),
            # The seed's list, in its order, for one owner.
            models.Index(
                fields=["owner", "start_time", "id"],
                condition=Q(standalone=True),
                name="meeting_standalone_owner",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration__gte=DURATION_MIN, duration__lte=DURATION_MAX),
                name="meeting_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return _("Meeting %(id)s (%(status)s)") % {
            "id": self.pk,
            "status": self.get_status_display(),
        }

    @property
    def in_sync(self) -> bool:
        return self.synced_version >= self.version

    @property
    def ends_at(self):
        return self.start_time + timedelta(minutes=self.duration)

    def give_pool_host(self, host: "ZoomHost") -> None:
        """A pool meeting is made under its pool host's Zoom user."""
        self.pool_host = host
        self.host = host.user

    def seat_range(self):
        """The time a pool seat is held: [start, end + ZOOM_HOST_BUFFER_MINUTES)."""
        buffer = timedelta(minutes=settings.ZOOM_HOST_BUFFER_MINUTES)
        return self.start_time, self.ends_at + buffer

    @property
    def is_joinable(self) -> bool:
        """Zoom holds it and Lunova still wants it: only then may anyone be handed a link.

        A cancel makes it unjoinable at once, before the worker has deleted it from Zoom (or
        when that delete fails for good).
        """
        return (
            self.wanted == self.Wanted.EXISTS
            and self.status != self.Status.DELETED
            and bool(self.zoom_meeting_id)
        )

    def start_url_is_fresh(self, *, now) -> bool:
        if not self.start_url or self.start_url_issued_at is None:
            return False
        return now - self.start_url_issued_at < START_URL_LIFETIME

    def forget_zoom_facts(self) -> None:
        """Zoom lost the meeting: nothing it answered for it holds any more."""
        for name in ZOOM_FACT_FIELDS:
            setattr(self, name, self._meta.get_field(name).get_default())


class Appointment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        IN_PROGRESS = "in_progress", _("in progress")
        CANCELLED = "cancelled", _("cancelled")
        COMPLETED = "completed", _("completed")
        # The meeting ended and attendance shows one side, or nobody, never came.
        NO_SHOW = "no_show", _("no show")

    # Where settling the attendance leaves an appointment: nothing moves it on from there.
    ENDED_STATUSES = (Status.COMPLETED, Status.NO_SHOW)

    # Not indexed alone: the (expert|client, start_time, id) indexes below start with them.
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments_as_expert",
        verbose_name=_("expert"),
        db_index=False,
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments_as_client",
        verbose_name=_("client"),
        db_index=False,
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="appointment", verbose_name=_("meeting")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=NOTES_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # A generated topic is rebuilt on reschedule; a given one is kept as the caller wrote it.
    topic_generated = models.BooleanField(_("topic generated"), default=True)
    # The meeting's start, copied on every save (save() below): a user's list is read in this
    # order from one index, where sorting on the joined meeting read all of the user's rows.
    start_time = models.DateTimeField(_("start time"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_time", "-id"]
        indexes = [
            models.Index(fields=["expert", "start_time", "id"], name="appointment_expert_start"),
            models.Index(fields=["client", "start_time", "id"], name="appointment_client_start"),
        ]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")

    def __str__(self) -> str:
        return _("Appointment %(id)s (%(status)s)") % {
            "id": self.pk,
            "status": self.get_status_display(),
        }

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "start_time" in update_fields:
            self.start_time = self.meeting.start_time
        super().save(*args, **kwargs)


class SyncAttempt(models.Model):
    """One HTTP call to Zoom made for a meeting: what was tried, when, and what came back."""

    class Outcome(models.TextChoices):
        OK = "ok", _("ok")
        NOT_FOUND = "not_found", _("not found")
        TRANSIENT = "transient", _("transient error")
        RATE_LIMITED = "rate_limited", _("rate limited")
        PERMANENT = "permanent", _("permanent error")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("meeting")
    )
    action = models.CharField(
        _("action"), max_length=16, choices=[(a, a) for a in get_args(Action)]
    )
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    zoom_code = models.IntegerField(_("Zoom code"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("Zoom call")
        verbose_name_plural = _("Zoom calls")

    def __str__(self) -> str:
        return f"{self.action} {self.outcome} ({self.http_status})"


class WebhookDeliveryQuerySet(models.QuerySet):
    def meeting_ended(self, *, zoom_meeting_id: str | None):
        """Zoom's reports that this Zoom meeting ended, the latest first."""
        return self.filter(event="meeting.ended", zoom_meeting_id=zoom_meeting_id or "-").order_by(
            "-event_ts"
        )

    def unprocessed(self):
        return self.filter(processed_at__isnull=True)


class WebhookDelivery(models.Model):
    """One event Zoom delivered; the dedupe key makes a repeated delivery a no-op."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        APPLIED = "applied", _("applied")
        IGNORED = "ignored", _("ignored")

    event = models.CharField(_("event"), max_length=64)
    # Zoom sends the id as a number or a string; kept as the string our meetings store.
    zoom_meeting_id = models.CharField(_("Zoom meeting id"), max_length=32, blank=True)
    event_ts = models.BigIntegerField(_("event time (ms)"), null=True, blank=True)
    dedupe_key = models.CharField(_("dedupe key"), max_length=64, unique=True)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.PENDING
    )
    # Why an ignored delivery changed nothing (an echo of our own change, an unknown meeting, a
    # malformed participant, ...), so an operator need not guess.
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["zoom_meeting_id"], name="webhook_zoom_meeting"),
            # The few never processed, which the reconciler queues again (unprocessed()).
            models.Index(
                fields=["received_at"],
                condition=Q(processed_at__isnull=True),
                name="webhook_unprocessed",
            ),
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} {self.zoom_meeting_id} ({self.outcome})"


class PlatformEvent(models.Model):
    """One event for the Lunova platform, recorded in the transaction of the change it reports
    (an outbox): a crash after that commit delays the event, never loses it."""

    class Type(models.TextChoices):
        MEETING_READY = "meeting.ready", "meeting.ready"
        MEETING_UPDATED = "meeting.updated", "meeting.updated"
        MEETING_FAILED = "meeting.failed", "meeting.failed"
        MEETING_DELETED = "meeting.deleted", "meeting.deleted"
        APPOINTMENT_STARTED = "appointment.started", "appointment.started"
        APPOINTMENT_ENDED = "appointment.ended", "appointment.ended"

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="platform_events", verbose_name=_("meeting")
    )
    appointment_id = models.BigIntegerField(_("appointment"), null=True, blank=True)
    # Strictly increasing per meeting, in the order things happened: receivers keep the highest.
    sequence = models.PositiveIntegerField(_("sequence"))
    data = models.JSONField(_("data"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="event_meeting_sequence"),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="event_pending_due",
            ),
            # The admin's list, newest first.
            models.Index(fields=["created_at", "id"], name="event_created"),
        ]
        verbose_name = _("platform event")
        verbose_name_plural = _("platform events")

    def __str__(self) -> str:
        return f"{self.type} #{self.sequence} ({self.state})"


class EventDeliveryAttempt(models.Model):
    """One POST of a platform event: when, how long, what came back."""

    event = models.ForeignKey(
        PlatformEvent, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("event delivery attempt")
        verbose_name_plural = _("event delivery attempts")

    def __str__(self) -> str:
        return f"{self.http_status or '-'} {self.reason}"


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


class FormerZoomMeeting(models.Model):
    """A Zoom meeting left on its old host when its meeting moved to another host: the worker
    deletes it once the new one is written back (the reconciler, if that worker died).

    Recorded in the transaction of the move, so a crash never leaves it behind for good.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="former", verbose_name=_("meeting")
    )
    host = models.CharField(_("Zoom host"), max_length=254)
    # Empty when the old create's answer never came: the meeting is found by its marker.
    zoom_meeting_id = models.CharField(_("Zoom meeting id"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("former Zoom meeting")
        verbose_name_plural = _("former Zoom meetings")

    def __str__(self) -> str:
        return f"{self.zoom_meeting_id or '?'} ({self.host})"


class ParticipantInterval(models.Model):
    """One stay of one participant in a meeting, from Zoom's participant webhooks (or, when
    they never came, its participant report).

    A participant's rows are their join and leave instants paired in time order, so a repeated
    or reordered delivery ends in the same rows. No names or e-mails: only Zoom's per-meeting
    participant key.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="intervals", verbose_name=_("meeting")
    )
    # Zoom's per-meeting user_id, or the participant_uuid when that is missing.
    participant = models.CharField(_("participant key"), max_length=128)
    is_host = models.BooleanField(_("host"), default=False)
    # Null for a leave whose join never arrived.
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant interval")
        verbose_name_plural = _("participant intervals")
        ordering = ["meeting", "joined_at"]
        constraints = [
            # Two constraints rather than one with nulls_distinct=False, which SQLite cannot
            # enforce (Django would leave it out there): one row per join, and one leave-only
            # row (no join seen yet) per leave. Several leaves may wait for their joins, when
            # Zoom delivers a participant's leaves before the joins.
            models.UniqueConstraint(
                fields=["meeting", "participant", "joined_at"], name="interval_once_per_join"
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant", "left_at"],
                condition=Q(joined_at__isnull=True),
                name="interval_once_per_leave_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.joined_at}–{self.left_at}"


class Attendance(models.Model):
    """Whether the session took place, settled once per meeting."""

    class Outcome(models.TextChoices):
        HELD = "held", _("held")
        CLIENT_NO_SHOW = "client_no_show", _("client did not come")
        EXPERT_NO_SHOW = "expert_no_show", _("expert did not come")
        NOBODY_JOINED = "nobody_joined", _("nobody joined")
        UNKNOWN = "unknown", _("unknown")

    class Source(models.TextChoices):
        WEBHOOKS = "webhooks", _("webhooks")
        REPORT = "report", _("participant report")
        NONE = "none", _("no data")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    expert_joined_at = models.DateTimeField(_("expert joined at"), null=True, blank=True)
    client_joined_at = models.DateTimeField(_("client joined at"), null=True, blank=True)
    together_minutes = models.PositiveIntegerField(_("minutes together"), default=0)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    settled_at = models.DateTimeField(_("settled at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return self.get_outcome_display()
