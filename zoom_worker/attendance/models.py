"""Who was in a meeting and when, and whether the session took place."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zoom_worker.meetings.models import Meeting


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
        # Retention reads the old stays in time order, whatever the table holds.
        indexes = [
            models.Index(fields=["joined_at"], name="interval_joined"),
            models.Index(
                fields=["left_at"], condition=Q(joined_at__isnull=True), name="interval_leave_only"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.joined_at}–{self.left_at}"


class AttendanceOutcome(models.TextChoices):
    """Whether a session took place, as settled from who was in its meeting."""

    HELD = "held", _("held")
    CLIENT_NO_SHOW = "client_no_show", _("client did not come")
    EXPERT_NO_SHOW = "expert_no_show", _("expert did not come")
    NOBODY_JOINED = "nobody_joined", _("nobody joined")
    UNKNOWN = "unknown", _("unknown")


class Attendance(models.Model):
    """Whether the session took place, settled once per meeting."""

    class Source(models.TextChoices):
        WEBHOOKS = "webhooks", _("webhooks")
        REPORT = "report", _("participant report")
        NONE = "none", _("no data")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=AttendanceOutcome.choices)
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
