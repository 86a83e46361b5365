"""Events for the Lunova platform (an outbox) and every attempt to deliver one."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
        CLIENT_WAITING = "appointment.client_waiting", "appointment.client_waiting"
        EXPERT_LATE = "appointment.expert_late", "appointment.expert_late"

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.CASCADE,
        related_name="platform_events",
        verbose_name=_("meeting"),
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
        permissions = [("redeliver_platformevent", _("Can deliver a platform event again"))]
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

    # What an event may keep once the people it is about are erased: its time, its Zoom id and
    # what happened, by an allow-list (a join link, passcode, host e-mail, title or error text
    # may name or reach a person).
    IMPERSONAL_DATA = frozenset({"meeting_id", "start_time", "duration", "timezone", "status"})
    IMPERSONAL_ATTENDANCE = frozenset({"outcome", "together_minutes"})

    @classmethod
    def impersonal(cls, data) -> dict:
        data = data if isinstance(data, dict) else {}
        kept = {key: data[key] for key in cls.IMPERSONAL_DATA if key in data}
        attendance = data.get("attendance")
        if isinstance(attendance, dict):
            kept["attendance"] = {
                key: attendance[key] for key in cls.IMPERSONAL_ATTENDANCE if key in attendance
            }
        return kept


class EventDeliveryAttempt(models.Model):
    """One POST of a platform event: when, how long, what came back."""

    event = models.ForeignKey(
        PlatformEvent, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("event delivery attempt")
        verbose_name_plural = _("event delivery attempts")

    def __str__(self) -> str:
        return f"{self.http_status or '-'} {self.reason}"
