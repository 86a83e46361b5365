"""What Zoom told us by webhook, one row per delivery."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WebhookDeliveryQuerySet(models.QuerySet):
    def meeting_ended(self, *, zoom_meeting_id: str | None):
        """Zoom's reports that this Zoom meeting ended, the latest first."""
        return self.filter(event="meeting.ended", zoom_meeting_id=zoom_meeting_id or "-").order_by(
            "-event_ts"
        )

    def unprocessed(self):
        return self.filter(processed_at__isnull=True)


class WebhookOutcome(models.TextChoices):
    """What processing a Zoom webhook delivery did."""

    PENDING = "pending", _("pending")
    APPLIED = "applied", _("applied")
    IGNORED = "ignored", _("ignored")


class WebhookDelivery(models.Model):
    """One event Zoom delivered; the dedupe key makes a repeated delivery a no-op."""

    event = models.CharField(_("event"), max_length=64)
    # Zoom sends the id as a number or a string; kept as the string our meetings store.
    zoom_meeting_id = models.CharField(_("Zoom meeting id"), max_length=32, blank=True)
    event_ts = models.BigIntegerField(_("event time (ms)"), null=True, blank=True)
    dedupe_key = models.CharField(_("dedupe key"), max_length=64, unique=True)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=WebhookOutcome.choices, default=WebhookOutcome.PENDING
    )
    # Why an ignored delivery changed nothing (an echo of our own change, an unknown meeting, a
    # malformed participant, ...), so an operator need not guess.
    reason = models.CharField(_("reason"), max_length=200, blank=True)

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
