"""A care relation: a client chose an expert. Only then may the expert book the client, or
learn anything about them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CONSENT_VERSION_MAX_LENGTH = 40


class CareRelationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def of_participant(self, user):
        """The relations the user is a side of, in the role they hold."""
        if user.is_expert:
            return self.filter(expert=user)
        if user.is_client:
            return self.filter(client=user)
        return self.none()

    def bookable(self, *, expert, client) -> bool:
        """Whether `expert` may book `client`: an active relation, the client still an active
        client (a deactivated account is booked by nobody)."""
        return (
            self.active()
            .filter(
                expert=expert,
                client=client,
                client__is_active=True,
                client__role=client.Role.CLIENT,
            )
            .exists()
        )


class CareRelation(models.Model):
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="care_relations_as_expert",
        verbose_name=_("expert"),
        db_index=False,  # the active-pair index below starts with it
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="care_relations_as_client",
        verbose_name=_("client"),
    )
    # The client's consent: when it was given, and which version of the consent text they saw.
    consented_at = models.DateTimeField(_("consented at"))
    consent_version = models.CharField(
        _("consent version"), max_length=CONSENT_VERSION_MAX_LENGTH, blank=True
    )
    # Ended, not deleted: the record of the consent stays.
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = CareRelationQuerySet.as_manager()

    class Meta:
        ordering = ["-consented_at", "-id"]
        constraints = [
            # Two concurrent requests cannot make a second active relation of the same pair.
            models.UniqueConstraint(
                fields=["expert", "client"],
                condition=Q(ended_at__isnull=True),
                name="care_relation_one_active_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["expert", "client"], name="care_relation_pair")]
        verbose_name = _("care relation")
        verbose_name_plural = _("care relations")

    def __str__(self) -> str:
        return _("Care relation %(id)s") % {"id": self.pk}

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
