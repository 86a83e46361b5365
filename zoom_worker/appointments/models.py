"""An appointment between an expert and a client, and the meeting it holds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zoom_worker.meetings.models import NOTES_MAX_LENGTH, Meeting


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
            # The appointments still holding notes, oldest first: retention's, read as a sliver.
            models.Index(
                fields=["start_time"], condition=~Q(notes=""), name="appointment_notes_held"
            ),
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
