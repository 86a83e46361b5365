"""The record of each export and erasure of a person's data: who asked, whose, when; never the
data itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataRequest(models.Model):
    class Action(models.TextChoices):
        EXPORT = "export", _("export")
        ERASE = "erase", _("erasure")

    class Via(models.TextChoices):
        API = "api", _("API")
        COMMAND = "command", _("command")

    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    via = models.CharField(_("via"), max_length=8, choices=Via.choices)
    # Ids, not keys: the record outlives whatever becomes of either user, and names no one.
    subject_id = models.BigIntegerField(_("subject's user id"))
    # Null when the command ran without --operator.
    operator_id = models.BigIntegerField(_("operator's user id"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self) -> str:
        return f"{self.action} {self.subject_id}"
