"""A weekly series: the rule that books a run of ordinary appointments (its sessions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zoom_worker.appointments.models import ParticipantQuerySet

# Bounds of a series: every_weeks, and the sessions one series may hold.
EVERY_WEEKS_MIN, EVERY_WEEKS_MAX = 1, 4
SESSIONS_MIN, SESSIONS_MAX = 2, 52
# The last session starts at most this many days after the first.
SPAN_DAYS_MAX = 366


class Series(models.Model):
    """Sessions every `every_weeks` weeks at the local wall-clock time of the rule's anchor: the
    session numbered `anchor_index` starts at `anchor_start`, each next number one interval
    later in `timezone` (so the hour stays across daylight saving). A change of the whole
    series moves the anchor to the first session it changed."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="series_as_expert",
        verbose_name=_("expert"),
        db_index=False,
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="series_as_client",
        verbose_name=_("client"),
        db_index=False,
    )
    timezone = models.CharField(_("time zone"), max_length=64)
    every_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)
    # Sessions booked so far (numbered 1..count); grows with every extension.
    count = models.PositiveSmallIntegerField(_("sessions"))
    # The last local date a session may fall on, when the series was booked that way.
    until = models.DateField(_("until"), null=True, blank=True)
    anchor_start = models.DateTimeField(_("rule's start"))
    anchor_index = models.PositiveSmallIntegerField(_("rule's session number"), default=1)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["expert", "created_at", "id"], name="series_expert_created"),
            models.Index(fields=["client", "created_at", "id"], name="series_client_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(every_weeks__gte=EVERY_WEEKS_MIN, every_weeks__lte=EVERY_WEEKS_MAX),
                name="series_every_weeks_range",
            ),
            models.CheckConstraint(condition=Q(count__lte=SESSIONS_MAX), name="series_count_max"),
        ]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return _("Series %(id)s") % {"id": self.pk}
