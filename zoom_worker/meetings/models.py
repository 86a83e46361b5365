"""Meetings and the record of every call made to Zoom for them.

`Meeting` holds the desired state of one Zoom meeting (what Zoom *should* hold) and what Zoom
answered. `version` grows with every change Zoom must see; the worker converges Zoom to the row
and records the version it reached in `synced_version`. Events carry only the id.
"""

import uuid
from datetime import timedelta
from typing import get_args

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zoom_worker.meetings.titles import TOPIC_MAX_LENGTH
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

    def give_pool_host(self, host) -> None:
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


class ZoomCallOutcome(models.TextChoices):
    """How a Zoom call ended: the client's `ZoomCallOutcome`, labelled for people."""

    OK = "ok", _("ok")
    NOT_FOUND = "not_found", _("not found")
    TRANSIENT = "transient", _("transient error")
    RATE_LIMITED = "rate_limited", _("rate limited")
    PERMANENT = "permanent", _("permanent error")


class SyncAttempt(models.Model):
    """One HTTP call to Zoom made for a meeting: what was tried, when, and what came back."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("meeting")
    )
    action = models.CharField(
        _("action"), max_length=16, choices=[(a, a) for a in get_args(Action)]
    )
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=ZoomCallOutcome.choices)
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
