from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        EXPERT = "expert", _("Expert")
        CLIENT = "client", _("Client")

    # Empty for operators (staff) who are neither.
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    # The expert's own Zoom user (id or e-mail); empty means ZOOM_HOST_USER hosts their meetings.
    zoom_user = models.CharField(_("Zoom user"), max_length=254, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["expert", "client", ""]),
                name="user_role_known",
            )
        ]

    @property
    def is_expert(self) -> bool:
        return self.role == self.Role.EXPERT

    @property
    def is_client(self) -> bool:
        return self.role == self.Role.CLIENT

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
