"""Who is in a meeting's waiting room and in the meeting now, from Zoom's webhooks."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zoom_worker.meetings.models import Meeting


class WaitingRoomMark(models.Model):
    """One instant a participant entered or left a meeting's waiting room, as Zoom's body says.

    Marks, not stays: the presence at any moment is the latest mark before it, so a repeated
    delivery (the same mark) changes nothing and the order of arrival does not matter. No name:
    only Zoom's per-session participant key.
    """

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="waiting_room_marks",
        verbose_name=_("meeting"),
    )
    participant = models.CharField(_("participant key"), max_length=128)
    is_host = models.BooleanField(_("host"), default=False)
    at = models.DateTimeField(_("at"))
    entered = models.BooleanField(_("entered"))

    class Meta:
        verbose_name = _("waiting-room mark")
        verbose_name_plural = _("waiting-room marks")
        ordering = ["meeting", "at"]
        # Retention finds the old ones by their time.
        indexes = [models.Index(fields=["at"], name="waiting_mark_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant", "at", "entered"], name="waiting_mark_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} {'in' if self.entered else 'out'} {self.at}"


class Presence(models.Model):
    """A meeting's presence as the webhooks received tell it, recomputed from every known
    instant on each one: who is there, and since when a guest waits with no host."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="presence", verbose_name=_("meeting")
    )
    host_in_meeting = models.BooleanField(_("host in the meeting"), default=False)
    # Whether the host was in the meeting at any known instant: a host who came and went is
    # not late.
    host_joined = models.BooleanField(_("host joined"), default=False)
    guests_waiting = models.PositiveIntegerField(_("guests in the waiting room"), default=0)
    guests_in_meeting = models.PositiveIntegerField(_("guests in the meeting"), default=0)
    # The instant of the latest change (a webhook body's time); null before any.
    since = models.DateTimeField(_("since"), null=True, blank=True)
    # Since when a guest is waiting or in the meeting while the host is not; null when none is.
    client_waiting_since = models.DateTimeField(_("client waiting since"), null=True, blank=True)
    # The start of the latest wait the platform was told of: a wait starting later is new.
    wait_told_since = models.DateTimeField(_("wait told since"), null=True, blank=True)
    expert_late_at = models.DateTimeField(_("expert late told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        indexes = [
            # Beat's look for sessions whose expert is late, and the health page's list.
            models.Index(
                fields=["client_waiting_since"],
                condition=Q(client_waiting_since__isnull=False),
                name="presence_client_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.guests_waiting} waiting, {self.guests_in_meeting} in"
